import { z } from 'zod';
import { KnowledgeException } from '../knowledge.exception';
import { readText } from './lexicon.loader';
import type { ProblemList } from './problem.list';
import { mustBe, nonEmptyText } from './script.schema';
import { readYaml, zodProblems } from './yaml.reader';

export const STANDARD_PHRASES_FILE = 'lexicon/standard-phrases.yaml';
export const REQUIRED_PHRASE_KEYS = [
  'greeting',
  'no_grounding',
  'handoff_offer',
  'suggestion_intro',
  'injection_refusal',
  'identity_required',
  'identity_code_sent',
  'identity_passed',
  'identity_failed',
  'identity_locked',
  'busy_retry',
  'flow_resume',
  'app_login_verified',
  'csat_invite',
  'csat_thanks',
  'handoff_ack',
  'queue_joined',
  'queue_update',
  'queue_first',
  'queue_message_kept',
  'queue_bot_answer',
  'agent_joined',
  'agent_greeting',
  'handoff_transfer',
  'handoff_reconnect',
  'handoff_returned',
  'ticket_after_hours',
  'ticket_no_agent',
  'ticket_queue_timeout',
  'closing',
  'idle_close',
  'idle_reminder',
] as const;
export type StandardPhraseKey = (typeof REQUIRED_PHRASE_KEYS)[number];

/**
 * The {name} placeholders each phrase must contain, by key; a phrase of any other key takes none. The
 * code fills them with StandardPhrases.fill().
 * - identity_code_sent {mobile}: the last four digits of the mobile number on file, never the full number.
 * - queue_joined, queue_update {position} {minutes}: the customer's place in the human queue (1 = next)
 *   and the estimated wait in whole minutes (at least 1); queue_message_kept {position}: their place.
 * - agent_joined {agent} {number}: the human agent's display name and staff number (工号);
 *   agent_greeting {agent}: the display name.
 * - handoff_transfer {target}: who takes over, in words a customer understands (an agent's name or a
 *   skill group's title).
 * - ticket_after_hours, ticket_no_agent, ticket_queue_timeout {ticket} {hours}: the leave-a-message ticket
 *   number and the service hours as handoff/service-hours.yaml describes them (每天8:00-22:00).
 * - idle_reminder {minutes}: whole minutes left before the chat closes (sla.yaml service
 *   customer_idle_close).
 */
export const PHRASE_PLACEHOLDERS: Readonly<Partial<Record<string, readonly string[]>>> = {
  identity_code_sent: ['mobile'],
  queue_joined: ['position', 'minutes'],
  queue_update: ['position', 'minutes'],
  queue_message_kept: ['position'],
  agent_joined: ['agent', 'number'],
  agent_greeting: ['agent'],
  handoff_transfer: ['target'],
  ticket_after_hours: ['ticket', 'hours'],
  ticket_no_agent: ['ticket', 'hours'],
  ticket_queue_timeout: ['ticket', 'hours'],
  idle_reminder: ['minutes'],
};

/** A {snake_case} placeholder; other text in braces is a malformed placeholder. */
const PLACEHOLDER = /\{([^{}]*)\}/g;
const PLACEHOLDER_NAME = /^[a-z][a-z0-9_]*$/;

const phrasesSchema = z.strictObject(
  {
    version: z
      .number(mustBe('a positive integer'))
      .int(mustBe('a positive integer'))
      .positive(mustBe('a positive integer')),
    phrases: z.record(z.string(), nonEmptyText, mustBe('a map of key to text')),
  },
  mustBe('a YAML map with version and phrases'),
);

/** The approved sentences the system itself says (统一服务用语), by key. */
export class StandardPhrases {
  constructor(
    readonly version: number,
    private readonly texts: ReadonlyMap<string, string>,
  ) {}

  /** @throws KnowledgeException KNOWLEDGE.NOT_LOADED for a key the file does not define. */
  phrase(key: StandardPhraseKey | (string & {})): string {
    const text = this.texts.get(key);
    if (text === undefined)
      throw new KnowledgeException('KNOWLEDGE.NOT_LOADED', `Unknown standard phrase "${key}"`);
    return text;
  }

  /**
   * The phrase with each {name} replaced by `values[name]`, verbatim and in one pass (a value containing
   * "{x}" stays as it is).
   * @throws KnowledgeException NOT_LOADED for an unknown key; INVALID_QUERY when a placeholder has no value.
   */
  fill(key: StandardPhraseKey | (string & {}), values: Readonly<Record<string, string>>): string {
    const text = this.phrase(key);
    const missing = placeholdersOf(text).filter((name) => values[name] === undefined);
    if (missing.length > 0)
      throw new KnowledgeException(
        'KNOWLEDGE.INVALID_QUERY',
        `Standard phrase "${key}" needs a value for ${missing.map((name) => `{${name}}`).join(', ')}`,
      );
    return text.replace(PLACEHOLDER, (_match, name: string) => values[name]);
  }

  has(key: string): boolean {
    return this.texts.has(key);
  }

  keys(): string[] {
    return [...this.texts.keys()];
  }
}

export async function loadStandardPhrases(
  knowledgeDir: string,
  problems: ProblemList,
): Promise<StandardPhrases | undefined> {
  const text = await readText(knowledgeDir, STANDARD_PHRASES_FILE, problems);
  return text === undefined ? undefined : parseStandardPhrases(text, problems);
}

export function parseStandardPhrases(text: string, problems: ProblemList): StandardPhrases | undefined {
  const report = (line: number | undefined, field: string | undefined, message: string): void =>
    problems.add(STANDARD_PHRASES_FILE, { line, field, message });
  const yaml = readYaml(text);
  yaml.errors.forEach((error) => report(error.line, undefined, error.message));
  if (yaml.errors.length > 0) return undefined;
  const parsed = phrasesSchema.safeParse(yaml.value);
  if (!parsed.success) {
    zodProblems(parsed.error.issues, yaml).forEach((p) => report(p.line, p.field, p.message));
    return undefined;
  }
  const badKeys = Object.keys(parsed.data.phrases).filter((key) => !/^[a-z][a-z0-9_]*$/.test(key));
  badKeys.forEach((key) => report(yaml.lineOf(['phrases', key]), `phrases.${key}`, 'key must be snake_case'));
  const missing = REQUIRED_PHRASE_KEYS.filter((key) => !(key in parsed.data.phrases));
  missing.forEach((key) => report(yaml.lineOf(['phrases']), `phrases.${key}`, 'is required'));
  const placeholderProblems = Object.entries(parsed.data.phrases).flatMap(([key, text]) =>
    placeholderProblemsOf(key, text).map((message) => ({ key, message })),
  );
  placeholderProblems.forEach(({ key, message }) =>
    report(yaml.lineOf(['phrases', key]), `phrases.${key}`, message),
  );
  if (missing.length > 0 || badKeys.length > 0 || placeholderProblems.length > 0) return undefined;
  const texts = Object.entries(parsed.data.phrases).map(
    ([key, value]) => [key, joinFoldedLines(value)] as const,
  );
  return new StandardPhrases(parsed.data.version, new Map(texts));
}

function placeholdersOf(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((match) => match[1]);
}

/** A placeholder the key does not declare, a malformed one, or a declared one the text leaves out. */
function placeholderProblemsOf(key: string, text: string): string[] {
  const declared = PHRASE_PLACEHOLDERS[key] ?? [];
  const used = placeholdersOf(text);
  const allowed =
    declared.length > 0
      ? `(${key} takes ${declared.map((n) => `{${n}}`).join(', ')})`
      : `(${key} takes none)`;
  return [
    ...used
      .filter((name) => !PLACEHOLDER_NAME.test(name))
      .map((name) => `placeholder "{${name}}" must be {snake_case}`),
    ...used
      .filter((name) => PLACEHOLDER_NAME.test(name) && !declared.includes(name))
      .map((name) => `placeholder {${name}} is not declared for this key ${allowed}`),
    ...declared
      .filter((name) => !used.includes(name))
      .map((name) => `must contain the placeholder {${name}}`),
  ];
}

/** YAML folding (">-") joins lines with a space; Chinese text has no spaces between sentences. */
function joinFoldedLines(text: string): string {
  return text.replace(
    /(?<=[\p{Script=Han}\u3000-\u303f\uff00-\uffef])\s+(?=[\p{Script=Han}\u3000-\u303f\uff00-\uffef])/gu,
    '',
  );
}
