import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openKnowledgeFolder } from '../loading/knowledge-folder';
import { KnowledgeException } from '../knowledge.exception';
import { readText } from '../loading/lexicon.loader';
import { type ProblemList } from '../loading/problem.list';
import { BEHAVIOUR_FILE, maxSeverity, parseBehaviour } from './behaviour.loader';
import type { Detector } from './behaviour.schema';
import { HANDOFF_ROUTING_FILE, parseHandoffRouting } from './handoff-routing.loader';
import { lexiconFile, parseGlossary, parsePhraseLexicon } from './phrase-lexicon.loader';
import { parsePiiPatterns, PII_PATTERNS_FILE, type PiiPatterns } from './pii-patterns.loader';
import { parseReplyCues, REPLY_CUES_FILE } from './reply-cues.loader';
import { parseServiceHours, SERVICE_HOURS_FILE } from './service-hours.loader';
import { parseSlotCues, SLOT_CUES_FILE } from './slot-cues.loader';
import {
  GLOSSARY_LEXICONS,
  PHRASE_LEXICONS,
  type BehaviourStandard,
  type Check,
  type Dimension,
  type Glossary,
  type HandoffRouting,
  type Outcome,
  type PhraseEntry,
  type PhraseLexicon,
  type PhraseLexiconKey,
  type ReplyCues,
  type Scoring,
  type ServiceHours,
  type SlotCues,
} from './rules.types';
import { listScriptIds, parseSla, SLA_FILE, type SlaTable } from './sla.loader';

/** Every file the rulebook reads, relative to the knowledge folder. */
export const RULE_FILES: readonly string[] = [
  BEHAVIOUR_FILE,
  ...PHRASE_LEXICONS.map(lexiconFile),
  ...GLOSSARY_LEXICONS.map(lexiconFile),
  PII_PATTERNS_FILE,
  REPLY_CUES_FILE,
  SLA_FILE,
  HANDOFF_ROUTING_FILE,
  SERVICE_HOURS_FILE,
];

/** Rule files read when present (validated like the others); without them the feature they feed is off. */
export const OPTIONAL_RULE_FILES: readonly string[] = [SLOT_CUES_FILE];

/**
 * The machine-checkable service rules: the behaviour standard (CS-01…CS-25 with dimensions and
 * detectors), the phrase lexicons and jargon glossary its detectors read (and the agent's guards read on
 * customer turns), the PII patterns, the yes/no/cancel cues of guided flows, and the time limits the bot
 * may state with the service's own timers, how a human handoff is routed and when human agents serve, and
 * (optional) how slots read from text. Validated as a whole at load; deeply frozen afterwards.
 */
export class Rulebook {
  private readonly checksById: ReadonlyMap<string, Check>;

  private constructor(
    readonly standard: BehaviourStandard,
    readonly phraseLexicons: Readonly<Record<PhraseLexiconKey, PhraseLexicon>>,
    readonly jargon: Glossary,
    readonly pii: PiiPatterns,
    readonly replyCues: ReplyCues,
    readonly sla: SlaTable,
    /** Skill groups and queue priorities of the human handoff (handoff/routing.yaml). */
    readonly routing: HandoffRouting,
    /** When human agents serve online (handoff/service-hours.yaml). */
    readonly serviceHours: ServiceHours,
    /** How the QA engine reads slots from text (lexicon/slot-cues.yaml); undefined without that file. */
    readonly slotCues: SlotCues | undefined,
  ) {
    this.checksById = new Map(standard.checks.map((check) => [check.id, check]));
  }

  /**
   * Loads and validates the rule files of a knowledge folder.
   * @throws KnowledgeException INVALID_CONTENT listing every problem ("<file>:<line> <field>: <message>");
   *   NOT_LOADED when `knowledgeDir` is not a folder.
   */
  static async load(knowledgeDir: string): Promise<Rulebook> {
    const { root, problems } = await openKnowledgeFolder(knowledgeDir);
    const rulebook = await loadRulebook(root, problems);
    problems.throwIfAny();
    // Every path that leaves the rulebook undefined has recorded a problem, so throwIfAny() threw.
    return rulebook as Rulebook;
  }

  /** @internal Built by loadRulebook once every file validated. */
  static create(parts: {
    standard: BehaviourStandard;
    phraseLexicons: Record<PhraseLexiconKey, PhraseLexicon>;
    jargon: Glossary;
    pii: PiiPatterns;
    replyCues: ReplyCues;
    sla: SlaTable;
    routing: HandoffRouting;
    serviceHours: ServiceHours;
    slotCues?: SlotCues;
  }): Rulebook {
    return deepFreeze(
      new Rulebook(
        parts.standard,
        parts.phraseLexicons,
        parts.jargon,
        parts.pii,
        parts.replyCues,
        parts.sla,
        parts.routing,
        parts.serviceHours,
        parts.slotCues,
      ),
    );
  }

  get version(): number {
    return this.standard.version;
  }

  get checks(): readonly Check[] {
    return this.standard.checks;
  }

  get dimensions(): readonly Dimension[] {
    return this.standard.dimensions;
  }

  get scoring(): Scoring {
    return this.standard.scoring;
  }

  /** @throws KnowledgeException NOT_LOADED for an id the standard does not define. */
  check(id: string): Check {
    const check = this.checksById.get(id);
    if (!check) throw new KnowledgeException('KNOWLEDGE.NOT_LOADED', `Unknown behaviour check "${id}"`);
    return check;
  }

  phraseLexicon(key: PhraseLexiconKey): PhraseLexicon {
    return this.phraseLexicons[key];
  }

  /**
   * The outcome of one finding. Timing findings take their threshold's outcome instead. A lexicon entry
   * more severe than its detector escalates the finding: critical fails the session, otherwise the default
   * deduction of that severity applies.
   */
  outcomeOf(detector: Exclude<Detector, { kind: 'timing' }>, entry?: Pick<PhraseEntry, 'severity'>): Outcome {
    const severity = entry
      ? maxSeverity(entry.severity, detector.outcome.severity)
      : detector.outcome.severity;
    if (severity === detector.outcome.severity) return detector.outcome;
    return {
      severity,
      deduction: severity === 'critical' ? null : this.standard.scoring.deductions[severity],
    };
  }
}

/**
 * Loads the rule files into `problems` (for a caller collecting the problems of a larger load).
 * Undefined when anything was wrong; every file is still validated, so all problems are reported at once.
 */
export async function loadRulebook(
  knowledgeDir: string,
  problems: ProblemList,
): Promise<Rulebook | undefined> {
  const before = problems.count;
  // Read one after another, so problems come in the same order on every run.
  const texts = new Map<string, string | undefined>();
  for (const path of RULE_FILES) texts.set(path, await readText(knowledgeDir, path, problems));
  const scriptIds = await listScriptIds(knowledgeDir);
  const phraseTexts = PHRASE_LEXICONS.map((key) => texts.get(lexiconFile(key)));
  const jargonText = texts.get(lexiconFile('jargon'));
  const piiText = texts.get(PII_PATTERNS_FILE);
  const replyCuesText = texts.get(REPLY_CUES_FILE);
  const slaText = texts.get(SLA_FILE);
  const routingText = texts.get(HANDOFF_ROUTING_FILE);
  const serviceHoursText = texts.get(SERVICE_HOURS_FILE);
  const behaviourText = texts.get(BEHAVIOUR_FILE);
  const slotCuesText = await readOptional(knowledgeDir, SLOT_CUES_FILE);

  const phraseLexicons: Partial<Record<PhraseLexiconKey, PhraseLexicon>> = {};
  PHRASE_LEXICONS.forEach((key, i) => {
    const text = phraseTexts[i];
    const lexicon = text === undefined ? undefined : parsePhraseLexicon(key, text, problems);
    if (lexicon) phraseLexicons[key] = lexicon;
  });
  const jargon = jargonText === undefined ? undefined : parseGlossary('jargon', jargonText, problems);
  const pii = piiText === undefined ? undefined : parsePiiPatterns(piiText, problems);
  const replyCues = replyCuesText === undefined ? undefined : parseReplyCues(replyCuesText, problems);
  const sla = slaText === undefined ? undefined : parseSla(slaText, problems, scriptIds);
  const routing = routingText === undefined ? undefined : parseHandoffRouting(routingText, problems);
  const serviceHours =
    serviceHoursText === undefined ? undefined : parseServiceHours(serviceHoursText, problems);
  const slotCues = slotCuesText === undefined ? undefined : parseSlotCues(slotCuesText, problems, pii);
  const standard =
    behaviourText === undefined
      ? undefined
      : parseBehaviour(behaviourText, problems, { phraseLexicons, piiKinds: pii && new Set(pii.kinds()) });

  if (
    problems.count > before ||
    !standard ||
    !jargon ||
    !pii ||
    !replyCues ||
    !sla ||
    !routing ||
    !serviceHours
  )
    return undefined;
  return Rulebook.create({
    standard,
    phraseLexicons: phraseLexicons as Record<PhraseLexiconKey, PhraseLexicon>,
    jargon,
    pii,
    replyCues,
    sla,
    routing,
    serviceHours,
    ...(slotCues ? { slotCues } : {}),
  });
}

/** Text of an optional rule file; undefined when it does not exist. */
async function readOptional(knowledgeDir: string, relativePath: string): Promise<string | undefined> {
  try {
    return await readFile(join(knowledgeDir, relativePath), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return undefined;
  }
}

/** Freezes data objects and arrays, not RegExps (which keep lastIndex) or functions. */
function deepFreeze<T>(value: T, seen = new Set<unknown>()): T {
  if (value === null || typeof value !== 'object' || value instanceof RegExp || seen.has(value)) return value;
  seen.add(value);
  if (value instanceof Map) value.forEach((item) => deepFreeze(item, seen));
  Object.values(value).forEach((item) => deepFreeze(item, seen));
  return Object.freeze(value);
}
