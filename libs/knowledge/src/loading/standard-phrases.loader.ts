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
] as const;
export type StandardPhraseKey = (typeof REQUIRED_PHRASE_KEYS)[number];

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
  if (missing.length > 0 || badKeys.length > 0) return undefined;
  const texts = Object.entries(parsed.data.phrases).map(
    ([key, value]) => [key, joinFoldedLines(value)] as const,
  );
  return new StandardPhrases(parsed.data.version, new Map(texts));
}

/** YAML folding (">-") joins lines with a space; Chinese text has no spaces between sentences. */
function joinFoldedLines(text: string): string {
  return text.replace(
    /(?<=[\p{Script=Han}\u3000-\u303f\uff00-\uffef])\s+(?=[\p{Script=Han}\u3000-\u303f\uff00-\uffef])/gu,
    '',
  );
}
