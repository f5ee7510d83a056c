import { z } from 'zod';
import { mustBe, nonEmptyText } from '../loading/script.schema';
import {
  checkOutcome,
  enumOf,
  isoDate,
  listOf,
  mapOf,
  nonNegativeInt,
  positiveInt,
  positiveNumber,
  regexList,
  severity,
  snakeKey,
  textList,
} from './rule-fields.schema';
import {
  DEDUCTION_RANGE,
  DETECTOR_KINDS,
  GLOSSARY_LEXICONS,
  JUDGE_EVIDENCE,
  JUDGE_MODES,
  LEXICON_KEYS,
  LEXICON_RULES,
  REGEX_MODES,
  REGEX_SCOPES,
  RULE_EVENTS,
  RULE_ROLES,
  SLOT_RULES,
  SYSTEM_AUDITS,
  TRANSCRIPT_FIELDS,
  type Outcome,
} from './rules.types';

export const CHECK_ID_PATTERN = /^CS-\d{2}$/;
export const RUBRIC_ID_PATTERN = /^qa-[a-z0-9]+(-[a-z0-9]+)*$/;

const roles = listOf(enumOf(RULE_ROLES), `roles (${RULE_ROLES.join('|')})`);
const events = listOf(enumOf(RULE_EVENTS), 'events');
const snakeList = listOf(snakeKey, 'snake_case names');

/** A condition on an extracted slot: numeric `atLeast`, or value `in` a list. */
const slotCondition = mapOf({
  name: snakeKey,
  atLeast: z.number(mustBe('a number')).optional(),
  in: textList.optional(),
}).superRefine((value, ctx) => {
  if ((value.atLeast === undefined) === (value.in === undefined))
    ctx.addIssue({ code: 'custom', message: 'needs exactly one of atLeast or in' });
});

const selectorShape = {
  /** A logged event (alone). */
  event: enumOf(RULE_EVENTS).optional(),
  /** Turns of these roles… */
  roles: roles.optional(),
  /** …matching any of these patterns… */
  patterns: regexList.optional(),
  /** …or containing PII of these kinds (lexicon/pii-patterns.yaml, validators applied). */
  pii: snakeList.optional(),
  /**
   * Conversation state: a turn that fills one of these slots (lexicon/slot-cues.yaml reads them from
   * customer turns; a transcript may carry them) after which all conditions hold.
   */
  slots: listOf(slotCondition, 'slot conditions').optional(),
};

type SelectorValue = {
  event?: unknown;
  roles?: unknown;
  patterns?: unknown;
  pii?: unknown;
  slots?: unknown;
};

function checkSelector(value: SelectorValue, ctx: z.RefinementCtx): void {
  const turnFields = (['roles', 'patterns', 'pii', 'slots'] as const).filter((f) => value[f] !== undefined);
  if (value.event !== undefined && turnFields.length > 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['event'],
      message: `cannot be combined with ${turnFields.join(', ')}`,
    });
  } else if (value.event === undefined && value.roles === undefined && value.slots === undefined) {
    ctx.addIssue({ code: 'custom', message: 'needs an event, roles or slots' });
  } else if (value.roles === undefined && (value.patterns !== undefined || value.pii !== undefined)) {
    ctx.addIssue({ code: 'custom', path: ['roles'], message: 'is required with patterns or pii' });
  }
}

/** A turn or event: what starts a scope, a measurement or an ordering requirement. */
const selector = mapOf(selectorShape).superRefine(checkSelector);

const timingFrom = mapOf({
  ...selectorShape,
  /** first: only the first match starts a measurement; each: every match does (longest per `to` kept). */
  occurrence: enumOf(['first', 'each'] as const).default('each'),
}).superRefine(checkSelector);

/** A match is dropped when one of `negation` ends within `window` characters before it in the same clause,
 * or (quoted) when it sits inside quotation marks 「」『』“”‘’"《》. */
const textExceptions = mapOf({
  negation: textList.optional(),
  window: positiveInt.optional(),
  quoted: z.boolean(mustBe('true or false')).default(false),
}).superRefine((value, ctx) => {
  if ((value.negation === undefined) !== (value.window === undefined))
    ctx.addIssue({
      code: 'custom',
      path: [value.negation === undefined ? 'negation' : 'window'],
      message: 'negation and window go together',
    });
});

const base = {
  /** snake_case, unique within its check; findings are named "<check id>.<detector id>". */
  id: snakeKey,
  note: nonEmptyText.optional(),
  /** Overrides the check's severity (and deduction) for this detector's findings. */
  severity: severity.optional(),
  deduction: positiveInt.optional(),
};

const regexDetector = mapOf({
  ...base,
  kind: z.literal('regex'),
  mode: enumOf(REGEX_MODES),
  roles,
  scope: enumOf(REGEX_SCOPES),
  /** Turns counted by last_n_turns / after_trigger. */
  n: positiveInt.optional(),
  trigger: selector.optional(),
  patterns: regexList,
  match: enumOf(['any', 'all'] as const).default('any'),
  /** at_most: the most matching turns allowed. */
  max: nonNegativeInt.optional(),
  unless: textExceptions.optional(),
  /** require: an event logged within the scope window meets the requirement too. */
  satisfiedBy: events.optional(),
  confirmWith: snakeKey.optional(),
}).superRefine((value, ctx) => {
  checkOutcome(value, ctx);
  const needsN = value.scope === 'last_n_turns' || value.scope === 'after_trigger';
  if (needsN && value.n === undefined)
    ctx.addIssue({ code: 'custom', path: ['n'], message: `is required for scope ${value.scope}` });
  if (!needsN && value.n !== undefined)
    ctx.addIssue({ code: 'custom', path: ['n'], message: `is only for scope last_n_turns or after_trigger` });
  if ((value.scope === 'after_trigger') !== (value.trigger !== undefined))
    ctx.addIssue({
      code: 'custom',
      path: ['trigger'],
      message:
        value.trigger === undefined
          ? 'is required for scope after_trigger'
          : 'is only for scope after_trigger',
    });
  if ((value.mode === 'at_most') !== (value.max !== undefined))
    ctx.addIssue({
      code: 'custom',
      path: ['max'],
      message: value.max === undefined ? 'is required for mode at_most' : 'is only for mode at_most',
    });
  if (value.mode === 'require' && value.scope === 'every_turn')
    ctx.addIssue({
      code: 'custom',
      path: ['scope'],
      message:
        'mode require needs a window: first_turn, first_turn_of_responder, last_n_turns or after_trigger',
    });
  if (value.mode !== 'require' && value.satisfiedBy !== undefined)
    ctx.addIssue({ code: 'custom', path: ['satisfiedBy'], message: 'is only for mode require' });
  if (value.mode !== 'forbid' && value.confirmWith !== undefined)
    ctx.addIssue({ code: 'custom', path: ['confirmWith'], message: 'is only for mode forbid' });
});

const lexiconDetector = mapOf({
  ...base,
  kind: z.literal('lexicon'),
  /** File key: lexicon/<key>.yaml */
  lexicon: enumOf(LEXICON_KEYS),
  /** Only entries of these categories (default: all). */
  categories: snakeList.optional(),
  roles,
  rule: enumOf(LEXICON_RULES),
  /** explain_on_first_use: characters after the term where the explanation must start. */
  window: positiveInt.optional(),
  unless: textExceptions.optional(),
  confirmWith: snakeKey.optional(),
}).superRefine((value, ctx) => {
  checkOutcome(value, ctx);
  const glossary = (GLOSSARY_LEXICONS as readonly string[]).includes(value.lexicon);
  if (glossary !== (value.rule === 'explain_on_first_use'))
    ctx.addIssue({
      code: 'custom',
      path: ['rule'],
      message: glossary
        ? `must be explain_on_first_use for the glossary lexicon ${value.lexicon}`
        : `must be forbid for the phrase lexicon ${value.lexicon}`,
    });
  if ((value.rule === 'explain_on_first_use') !== (value.window !== undefined))
    ctx.addIssue({
      code: 'custom',
      path: ['window'],
      message:
        value.window === undefined
          ? 'is required for rule explain_on_first_use'
          : 'is only for rule explain_on_first_use',
    });
  if (glossary && value.categories !== undefined)
    ctx.addIssue({ code: 'custom', path: ['categories'], message: 'glossary lexicons have no categories' });
  if (value.rule !== 'forbid' && value.confirmWith !== undefined)
    ctx.addIssue({ code: 'custom', path: ['confirmWith'], message: 'is only for rule forbid' });
});

/** Exceeding `over` seconds gives this outcome; the highest threshold exceeded applies. */
const threshold = mapOf({ over: positiveNumber, severity, deduction: positiveInt.optional() }).superRefine(
  checkOutcome,
);

const timingDetector = mapOf({
  id: base.id,
  note: base.note,
  kind: z.literal('timing'),
  /** Measurement starts at each (or the first) match… */
  from: timingFrom,
  /** …and ends at the next match after it; none before the conversation closes exceeds every threshold. */
  to: selector,
  thresholds: listOf(threshold, 'thresholds'),
  /** The finding is waived when a `roles` turn matching `patterns` is among the `withinTurns` turns of
   * `roles` starting with the late one (e.g. an apology for the wait). */
  remedy: mapOf({ roles, patterns: regexList, withinTurns: positiveInt }).optional(),
}).superRefine((value, ctx) => {
  value.thresholds.forEach((t, i) => {
    if (i > 0 && t.over <= value.thresholds[i - 1].over)
      ctx.addIssue({
        code: 'custom',
        path: ['thresholds', i, 'over'],
        message: 'thresholds must ascend by over',
      });
  });
});

/** Turn budget (counting turns of `roles`) or seconds, from the trigger to the required event. */
const within = mapOf({
  turns: positiveInt.optional(),
  roles: roles.optional(),
  seconds: positiveNumber.optional(),
}).superRefine((value, ctx) => {
  const byTurns = value.turns !== undefined || value.roles !== undefined;
  if (byTurns && value.seconds !== undefined)
    ctx.addIssue({ code: 'custom', path: ['seconds'], message: 'use either turns with roles, or seconds' });
  else if (byTurns && (value.turns === undefined || value.roles === undefined))
    ctx.addIssue({
      code: 'custom',
      path: [value.turns === undefined ? 'turns' : 'roles'],
      message: 'turns and roles go together',
    });
  else if (!byTurns && value.seconds === undefined)
    ctx.addIssue({ code: 'custom', message: 'needs turns with roles, or seconds' });
});

const eventOrderDetector = mapOf({
  ...base,
  kind: z.literal('event_order'),
  trigger: selector,
  /** One of these events must be logged before each trigger… */
  before: events.optional(),
  /** …or after it, within `within`. */
  after: events.optional(),
  within: within.optional(),
  /** A finding only once this many triggers went unanswered (e.g. 2 ignored requests for a human). */
  minTriggers: positiveInt.default(1),
  /**
   * after: an event of `after` logged before the trigger meets it too (a complaint restated once its
   * ticket exists needs no second ticket). Default false: each trigger needs its own event.
   */
  earlierCounts: z.boolean(mustBe('true or false')).default(false),
}).superRefine((value, ctx) => {
  checkOutcome(value, ctx);
  if (value.earlierCounts && value.after === undefined)
    ctx.addIssue({ code: 'custom', path: ['earlierCounts'], message: 'is only for after' });
  if ((value.before === undefined) === (value.after === undefined))
    ctx.addIssue({ code: 'custom', path: ['before'], message: 'needs exactly one of before or after' });
  if (value.after !== undefined && value.within === undefined)
    ctx.addIssue({ code: 'custom', path: ['within'], message: 'is required with after' });
  if (value.after === undefined && value.within !== undefined)
    ctx.addIssue({ code: 'custom', path: ['within'], message: 'is only for after' });
});

const slotDetector = mapOf({
  ...base,
  kind: z.literal('slot'),
  slots: snakeList,
  rule: enumOf(SLOT_RULES),
  roles,
  /** matches_sla: candidate spans (a number with a time unit); numbers_in_citations: the figures checked. */
  patterns: regexList.optional(),
  /**
   * set_grows_after_complete: growth is allowed in a turn matching one of these (a new reason);
   * numbers_in_citations: a turn matching one of these is not checked (it reads the customer's records).
   */
  exceptWhen: regexList.optional(),
  confirmWith: snakeKey.optional(),
}).superRefine((value, ctx) => {
  checkOutcome(value, ctx);
  if (value.rule === 'set_grows_after_complete' && value.slots.length !== 1)
    ctx.addIssue({
      code: 'custom',
      path: ['slots'],
      message: 'set_grows_after_complete reads exactly one slot',
    });
  const needsPatterns = value.rule === 'matches_sla' || value.rule === 'numbers_in_citations';
  if (needsPatterns !== (value.patterns !== undefined))
    ctx.addIssue({
      code: 'custom',
      path: ['patterns'],
      message: needsPatterns
        ? `is required for rule ${value.rule}`
        : 'is only for rule matches_sla or numbers_in_citations',
    });
  if (
    value.rule !== 'set_grows_after_complete' &&
    value.rule !== 'numbers_in_citations' &&
    value.exceptWhen !== undefined
  )
    ctx.addIssue({
      code: 'custom',
      path: ['exceptWhen'],
      message: 'is only for rule set_grows_after_complete or numbers_in_citations',
    });
});

const llmJudgeDetector = mapOf({
  ...base,
  kind: z.literal('llm_judge'),
  /** Prompt id of the rubric, prompts/<rubric>.md */
  rubric: z
    .string(mustBe('a string'))
    .regex(RUBRIC_ID_PATTERN, 'must be a prompt id like "qa-claim-prejudgement"'),
  mode: enumOf(JUDGE_MODES),
  /** Turns the judge rates. */
  roles,
  /** judge: run only after these turns or events (default: the whole transcript). */
  trigger: selector.optional(),
  evidence: listOf(enumOf(JUDGE_EVIDENCE), `evidence (${JUDGE_EVIDENCE.join('|')})`),
}).superRefine((value, ctx) => {
  checkOutcome(value, ctx);
  if (value.mode === 'confirm' && value.trigger !== undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['trigger'],
      message: 'a confirm judge runs on candidate hits, not on a trigger',
    });
});

const auditBase = { ...base, kind: z.literal('system_audit') };
const hhmm = z.string(mustBe('a time HH:MM')).regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM');
const timeZone = z.string(mustBe('an IANA time zone')).refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone like "Asia/Shanghai"');

const systemAuditDetector = z.discriminatedUnion(
  'audit',
  [
    /** Stored transcripts contain no unmasked match of these PII kinds. */
    mapOf({ ...auditBase, audit: z.literal('pii_masking'), pii: snakeList }).superRefine(checkOutcome),
    /** Every stored transcript carries these fields. */
    mapOf({
      ...auditBase,
      audit: z.literal('transcript_integrity'),
      requires: listOf(enumOf(TRANSCRIPT_FIELDS), 'transcript fields'),
    }).superRefine(checkOutcome),
    /** Minimum retention of the sessions named, by policy term. */
    mapOf({
      ...auditBase,
      audit: z.literal('retention'),
      sessions: enumOf(['sales_related', 'all'] as const),
      years: mapOf({ termUpToOneYear: positiveInt, termOverOneYear: positiveInt }),
    }).superRefine(checkOutcome),
    /** No proactive sales message (outbound_sent) between start and end, local time. */
    mapOf({
      ...auditBase,
      audit: z.literal('outbound_quiet_hours'),
      start: hhmm,
      end: hhmm,
      timeZone,
    }).superRefine(checkOutcome),
    /** A customer who refused is not contacted again for `months`. */
    mapOf({ ...auditBase, audit: z.literal('do_not_contact'), months: positiveInt }).superRefine(
      checkOutcome,
    ),
  ],
  {
    error: (issue) =>
      isMissing(issue.input, 'audit') ? 'is required' : `must be one of ${SYSTEM_AUDITS.join('|')}`,
  },
);

export const detectorSchema = z.discriminatedUnion(
  'kind',
  [
    regexDetector,
    lexiconDetector,
    timingDetector,
    eventOrderDetector,
    slotDetector,
    llmJudgeDetector,
    systemAuditDetector,
  ],
  {
    error: (issue) =>
      typeof issue.input !== 'object' || issue.input === null
        ? 'must be a YAML map with a kind'
        : isMissing(issue.input, 'kind')
          ? 'is required'
          : `must be one of ${DETECTOR_KINDS.join('|')}`,
  },
);

function isMissing(input: unknown, key: string): boolean {
  return typeof input === 'object' && input !== null && (input as Record<string, unknown>)[key] === undefined;
}

export const checkSchema = mapOf({
  id: z.string(mustBe('a string')).regex(CHECK_ID_PATTERN, 'must look like "CS-07"'),
  title: nonEmptyText,
  description: nonEmptyText,
  appliesTo: roles,
  severity,
  deduction: positiveInt.optional(),
  /** Dimension key, or null for a red-line-only check. */
  dimension: snakeKey.nullable(),
  redLine: z.boolean(mustBe('true or false')),
  basis: textList,
  detectors: z
    .array(detectorSchema, mustBe('a non-empty list of detectors'))
    .min(1, 'must be a non-empty list of detectors'),
}).superRefine(checkOutcome);

const deductionDefaults = mapOf({
  minor: positiveInt
    .min(DEDUCTION_RANGE.minor[0], rangeMessage('minor'))
    .max(DEDUCTION_RANGE.minor[1], rangeMessage('minor')),
  major: positiveInt
    .min(DEDUCTION_RANGE.major[0], rangeMessage('major'))
    .max(DEDUCTION_RANGE.major[1], rangeMessage('major')),
});

function rangeMessage(level: 'minor' | 'major'): string {
  return `must be ${DEDUCTION_RANGE[level][0]}–${DEDUCTION_RANGE[level][1]} points`;
}

export const behaviourSchema = mapOf(
  {
    version: positiveInt,
    effectiveDate: isoDate,
    scoring: mapOf({
      passScore: positiveInt.max(100, 'must be at most 100'),
      deductions: deductionDefaults,
    }),
    dimensions: listOf(mapOf({ key: snakeKey, title: nonEmptyText, weight: positiveInt }), 'dimensions'),
    checks: z.array(checkSchema, mustBe('a list of checks')).min(1, 'must be a non-empty list of checks'),
  },
  'a YAML map with version, effectiveDate, scoring, dimensions and checks',
);

export type ParsedBehaviour = z.output<typeof behaviourSchema>;
export type ParsedCheck = z.output<typeof checkSchema>;
export type ParsedDetector = z.output<typeof detectorSchema>;

/**
 * A detector as loaded. Timing detectors take their outcomes from their thresholds; every other kind
 * carries `outcome`: its own severity and deduction, else its check's.
 */
export type Detector = Resolved<ParsedDetector>;
type Resolved<T> = T extends { kind: 'timing' }
  ? Readonly<T>
  : Readonly<Omit<T, 'severity' | 'deduction'>> & { readonly outcome: Outcome };
