import type { Stage } from '../knowledge.types';
import type { Detector } from './behaviour.schema';

/**
 * Vocabulary shared by the rule files (knowledge/standards/behaviour.yaml, knowledge/lexicon/*.yaml,
 * knowledge/sla.yaml) and the QA engine that executes them. A value outside these lists is a load error.
 *
 * Text matching conventions every detector follows:
 * - every regular expression and lexicon phrase is compiled with the flags "iu" (Latin letters match
 *   either case) and applied to NFKC-normalised turn text (full-width digits and ，！？；：（） become
 *   ASCII), so regex sources must already be in NFKC form (checked at load);
 * - a regex or lexicon detector reads only the turns of its `roles`.
 */
export const RULE_ROLES = ['customer', 'bot', 'agent'] as const;
/** Who wrote a transcript turn. */
export type RuleRole = (typeof RULE_ROLES)[number];

export const SEVERITIES = ['minor', 'major', 'critical'] as const;
/** critical fails the session whatever its score and sends it to human review (红线/一票否决). */
export type Severity = (typeof SEVERITIES)[number];

/** Points a non-critical finding may take off: minor 1–5, major 6–10 (research (d) scoring proposal). */
export const DEDUCTION_RANGE: Readonly<Record<Exclude<Severity, 'critical'>, readonly [number, number]>> = {
  minor: [1, 5],
  major: [6, 10],
};

export const DETECTOR_KINDS = [
  'regex',
  'lexicon',
  'timing',
  'event_order',
  'slot',
  'llm_judge',
  'system_audit',
] as const;
export type DetectorKind = (typeof DETECTOR_KINDS)[number];

/**
 * System-log events a transcript carries next to its turns (conversation lib emits them). The human
 * handoff writes: handoff_queued (the conversation entered the waiting queue), queue_notice_sent (position
 * and wait told), agent_offered (the chat was offered to an agent, who may let it lapse), handoff_accepted
 * (an agent took it), handoff_transferred (passed to another agent or skill), handoff_returned (back to
 * the bot), ticket_created (a leave-a-message ticket when no human can join) and closed_by_timeout (closed
 * after the customer stayed silent, see sla.yaml service).
 */
export const RULE_EVENTS = [
  'conversation_opened',
  'ai_label_shown',
  'handoff_offered',
  'handoff_requested',
  'handoff_queued',
  'queue_notice_sent',
  'agent_offered',
  'handoff_accepted',
  'handoff_transferred',
  'handoff_returned',
  'kyc_passed',
  'ticket_created',
  'application_submitted',
  'auto_renewal_enabled',
  'renewal_consent',
  'survey_sent',
  'outbound_sent',
  'closed_by_timeout',
  'conversation_closed',
] as const;
export type RuleEvent = (typeof RULE_EVENTS)[number];

/**
 * Which turns a regex detector reads.
 * - first_turn: the first turn of each responder segment (a segment starts when the conversation opens
 *   or a handoff passes it to another responder, so a bot taking over again must re-disclose);
 * - first_turn_of_responder: the first turn of each responder in the whole transcript (the bot once, each
 *   human agent once, by agentId), so a bot taking over again after a handoff is not judged again;
 * - every_turn: each turn of `roles`;
 * - last_n_turns: the last `n` turns of the transcript (all roles counted), of which `roles` are read;
 * - after_trigger: the `n` turns of `roles` that follow each turn or event matching `trigger`.
 */
export const REGEX_SCOPES = [
  'first_turn',
  'first_turn_of_responder',
  'every_turn',
  'last_n_turns',
  'after_trigger',
] as const;
export type RegexScope = (typeof REGEX_SCOPES)[number];

/**
 * - forbid: a turn matching (any pattern, or all with match: all) is a finding;
 * - require: a scope window where no turn matches (any pattern, or each pattern somewhere with match: all),
 *   and none of the `satisfiedBy` events was logged in it, is a finding;
 * - at_most: more than `max` matching turns in the scope is one finding.
 */
export const REGEX_MODES = ['forbid', 'require', 'at_most'] as const;
export type RegexMode = (typeof REGEX_MODES)[number];

/**
 * - forbid: an entry found in a turn is a finding;
 * - explain_on_first_use (glossary lexicons): the first use of a term in the conversation must be followed
 *   within `window` characters by the entry's plain wording or one of the lexicon's explanation cues.
 */
export const LEXICON_RULES = ['forbid', 'explain_on_first_use'] as const;
export type LexiconRule = (typeof LEXICON_RULES)[number];

/**
 * - set_grows_after_complete: the set-valued slot (e.g. requested documents) read from `roles` turns gains
 *   an item after the first turn that listed it, and that turn matches none of `exceptWhen`;
 * - reasked_after_filled: a `roles` turn asks for a slot the customer has already given;
 * - matches_sla: a time limit stated in a `roles` turn (candidates found by `patterns`) differs from the
 *   sla.yaml entry whose cues share its sentence;
 * - numbers_in_citations: a figure (a number with a unit, found by the detector's `patterns`) in a `roles`
 *   turn appears neither in the scripts the turn cites nor in an earlier customer turn; a turn that cites
 *   no script cites nothing that holds it. Turns matching `exceptWhen` (read from the customer's own
 *   records) are not checked.
 */
export const SLOT_RULES = [
  'set_grows_after_complete',
  'reasked_after_filled',
  'matches_sla',
  'numbers_in_citations',
] as const;
export type SlotRule = (typeof SLOT_RULES)[number];

/**
 * judge: runs on the transcript (or after `trigger`) and produces findings itself;
 * confirm: runs only on the candidate hits of detectors naming it in `confirmWith`, which become findings
 * only when it confirms them.
 */
export const JUDGE_MODES = ['judge', 'confirm'] as const;
export type JudgeMode = (typeof JUDGE_MODES)[number];

/** What an LLM judge is shown and must quote in its verdict. */
export const JUDGE_EVIDENCE = [
  'judged_turn',
  'trigger_turn',
  'preceding_customer_turn',
  'retrieved_passages',
  'cited_scripts',
  'sla_entries',
  'whole_transcript',
] as const;
export type JudgeEvidence = (typeof JUDGE_EVIDENCE)[number];

export const SYSTEM_AUDITS = [
  'pii_masking',
  'transcript_integrity',
  'retention',
  'outbound_quiet_hours',
  'do_not_contact',
] as const;
export type SystemAudit = (typeof SYSTEM_AUDITS)[number];

export const TRANSCRIPT_FIELDS = [
  'timestamps',
  'roles',
  'handoff_events',
  'kyc_events',
  'product_page_version',
  'tamper_evidence',
] as const;

/**
 * Phrase lexicons (lexicon/<key>.yaml): entries with category and severity. The first four are read by
 * `forbid` detectors on bot and agent turns; prompt-injection and handoff-cues are read on customer turns
 * by the agent's guards (refuse an injection attempt; hand off on a request for a human, a complaint,
 * distress or a vulnerable customer).
 */
export const PHRASE_LEXICONS = [
  'forbidden-phrases',
  'misleading-promotion',
  'claim-prejudgement',
  'secret-requests',
  'prompt-injection',
  'handoff-cues',
] as const;
export type PhraseLexiconKey = (typeof PHRASE_LEXICONS)[number];
/** Glossary lexicons: jargon terms with a plain-language wording, read by `explain_on_first_use`. */
export const GLOSSARY_LEXICONS = ['jargon'] as const;
export type GlossaryLexiconKey = (typeof GLOSSARY_LEXICONS)[number];
export const LEXICON_KEYS = [...PHRASE_LEXICONS, ...GLOSSARY_LEXICONS] as const;
export type LexiconKey = (typeof LEXICON_KEYS)[number];

/** The reply kinds of lexicon/reply-cues.yaml, in file order. */
export const REPLY_CUE_KINDS = ['yes', 'no', 'cancel'] as const;
export type ReplyCueKind = (typeof REPLY_CUE_KINDS)[number];

/**
 * Short customer replies a guided flow (claim report, identity check) reads as confirm / correct / cancel.
 * Phrases are NFKC-normalised and lower-cased (as normalizeTerm does); no phrase is in two lists.
 */
export interface ReplyCues {
  readonly version: number;
  readonly yes: readonly string[];
  readonly no: readonly string[];
  readonly cancel: readonly string[];
}

/** A slot value read from a turn: text (a name, a case number, an intent) or a number (an age). */
export type SlotValue = string | number;

/** One value of a class slot (intent, product_line): the first class whose pattern matches wins. */
export interface SlotClass {
  /** snake_case value, e.g. "product_recommendation". */
  readonly value: string;
  readonly patterns: readonly RegExp[];
  /** Slots the same turn must also state (e.g. a product intent needs a product line named with it). */
  readonly with: readonly string[];
}

/**
 * How a conversation slot is read from customer turns (lexicon/slot-cues.yaml). Exactly one reader:
 * the valid matches of a PII kind (`pii`), capture group 1 of the first matching `values` pattern
 * (parsed as a number with `number`), or the first matching `classes` entry.
 */
export interface SlotSpec {
  /** snake_case slot name as behaviour.yaml uses it, e.g. "customer_name". */
  readonly name: string;
  /** Chinese name for explanations, e.g. 姓名. */
  readonly title: string;
  /** Words that name the slot in a responder's question (CS-18: 「请提供您的保单号」). */
  readonly labels: readonly string[];
  readonly pii?: string;
  readonly values: readonly RegExp[];
  readonly number: boolean;
  readonly classes: readonly SlotClass[];
}

/** How lists of documents are read from responder turns (CS-12 requested_documents). */
export interface DocumentCues {
  /** A sentence about documents to hand in (opens a list). */
  readonly cue: RegExp;
  /** A later turn asking for more (还需要, 补交 …). */
  readonly add: RegExp;
  /** How a document name ends (申请书, 证明, 发票 …), anchored at the end. */
  readonly name: RegExp;
  /** Words between list items. */
  readonly separator: RegExp;
  /** Leading words of an item that are not part of the name, anchored at the start. */
  readonly itemPrefix: RegExp;
  /** Generic endings ignored when comparing two names. */
  readonly genericEnd: RegExp;
  /** A sentence that is a numbered list item (「2. 被保险人身份证件」): it continues the open list. */
  readonly listItem: RegExp;
}

/**
 * lexicon/slot-cues.yaml (optional): what the QA engine reads from plain text when a transcript carries
 * no slot values: the slots' readers, how a responder asks for something, and how document lists read.
 * Regexes are compiled with "iu" and applied to NFKC text.
 */
export interface SlotCues {
  readonly version: number;
  /** A clause asking the customer for something (any pattern). */
  readonly ask: readonly RegExp[];
  /** In file order; a class slot's `with` slots come before it. */
  readonly slots: readonly SlotSpec[];
  readonly documents: DocumentCues;
  slot(name: string): SlotSpec | undefined;
  /**
   * The slot values an NFKC text states, in file order. `pii(kind)` gives the first valid match of a PII
   * kind in the text (pii readers); a class whose `with` slots the text does not state is skipped.
   */
  read(text: string, pii: (kind: string) => string | undefined): Map<string, SlotValue>;
}

export const PII_VALIDATORS = ['gb11643', 'luhn', 'none'] as const;
export type PiiValidatorName = (typeof PII_VALIDATORS)[number];
/** Kinds pii-patterns.yaml must define; it may add more. */
export const REQUIRED_PII_KINDS = ['id_card', 'mobile', 'bank_card', 'policy_no'] as const;

export const SLA_UNITS = ['minutes', 'hours', 'days', 'working_days', 'months', 'years'] as const;
export type SlaUnit = (typeof SLA_UNITS)[number];
/** within: a deadline (at most); exactly: a fixed period; at_least: a minimum; target: a pledged aim (力争). */
export const SLA_BOUNDS = ['within', 'exactly', 'at_least', 'target'] as const;
export type SlaBound = (typeof SLA_BOUNDS)[number];
export const SLA_BASIS_KINDS = [
  'statute',
  'regulation',
  'company_rule',
  'company_pledge',
  'product_default',
] as const;
export type SlaBasisKind = (typeof SLA_BASIS_KINDS)[number];
export const PRODUCT_LINES = [
  'all',
  'life',
  'critical_illness',
  'medical',
  'accident',
  'annuity',
  'motor',
  'property',
] as const;
export type ProductLine = (typeof PRODUCT_LINES)[number];

/** What a finding costs: critical fails the session (deduction null); otherwise points off its dimension. */
export interface Outcome {
  readonly severity: Severity;
  readonly deduction: number | null;
}

export interface Dimension {
  /** Stable snake_case key, e.g. "language_attitude". */
  readonly key: string;
  readonly title: string;
  /** The most points this dimension's deductions can take off the session's 100; all weights sum to 100. */
  readonly weight: number;
}

export interface Check {
  /** CS-01 … CS-25 */
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** Whose turns the check judges. */
  readonly appliesTo: readonly RuleRole[];
  /** The check's default outcome; detectors without their own severity inherit it. */
  readonly outcome: Outcome;
  /** Dimension key; null for red-line-only checks (every scored outcome critical). */
  readonly dimension: string | null;
  /** Belongs to the compliance red-line gate (CS-08, 09, 11, 15, 16, 23, 24, 25). */
  readonly redLine: boolean;
  readonly basis: readonly string[];
  readonly detectors: readonly Detector[];
}

export interface Scoring {
  /** A session passes with score ≥ passScore and no critical finding. */
  readonly passScore: number;
  /** Deduction of a finding whose severity differs from its detector's (a lexicon entry escalating it). */
  readonly deductions: Readonly<Record<Exclude<Severity, 'critical'>, number>>;
}

export interface BehaviourStandard {
  readonly version: number;
  /** YYYY-MM-DD */
  readonly effectiveDate: string;
  readonly scoring: Scoring;
  readonly dimensions: readonly Dimension[];
  /** CS-01 … CS-25, in id order. */
  readonly checks: readonly Check[];
}

export interface LexiconCategory {
  readonly key: string;
  readonly title: string;
  readonly severity: Severity;
}

export interface PhraseEntry {
  /** The literal phrase, or the source of `pattern` entries. */
  readonly text: string;
  readonly isPattern: boolean;
  /** Compiled with "iu"; literal phrases are escaped. */
  readonly regex: RegExp;
  readonly category: string;
  /** The entry's own severity, else its category's. */
  readonly severity: Severity;
  /** True when a hit may be a warning, a negation or a legitimate term (needs the LLM confirm step). */
  readonly contextMatters: boolean;
  readonly note?: string;
}

export interface PhraseLexicon {
  readonly key: PhraseLexiconKey;
  readonly version: number;
  readonly description: string;
  readonly basis: readonly string[];
  readonly categories: readonly LexiconCategory[];
  readonly entries: readonly PhraseEntry[];
}

export interface GlossaryEntry {
  readonly term: string;
  /** Term or aliases, escaped, flags "iu". */
  readonly regex: RegExp;
  readonly aliases: readonly string[];
  /** Plain-language wording (通俗解释) the bot may use. */
  readonly plain: string;
  /** Longer words holding the term that are not a use of it (定损 in 一定损失); `regex` skips them. */
  readonly notWithin: readonly string[];
}

export interface Glossary {
  readonly key: GlossaryLexiconKey;
  readonly version: number;
  readonly description: string;
  readonly basis: readonly string[];
  /** Words that mark an explanation right after a term, e.g. "（", "是指". */
  readonly explanationCues: readonly string[];
  readonly entries: readonly GlossaryEntry[];
}

export interface PiiMatch {
  readonly kind: string;
  readonly value: string;
  readonly index: number;
  /** False when the pattern matched but the check digit failed (masked only with maskFailedChecksum). */
  readonly valid: boolean;
}

export interface PiiPattern {
  readonly kind: string;
  readonly title: string;
  /** Compiled with "iu", not global; use find() to scan text. */
  readonly regex: RegExp;
  readonly validator: PiiValidatorName;
  readonly keepStart: number;
  readonly keepEnd: number;
  /** Mask a match even when its check digit fails (a mistyped number is still personal data). */
  readonly maskFailedChecksum: boolean;
  /** Whether the validator accepts a matched value. */
  validate(value: string): boolean;
}

export interface SlaEntry {
  /** snake_case, e.g. "claim_payment". */
  readonly key: string;
  readonly title: string;
  readonly value: number;
  /** Upper end of a range ("3至7个工作日"); absent for a single value. */
  readonly upTo?: number;
  readonly unit: SlaUnit;
  readonly bound: SlaBound;
  /** What the limit limits (Chinese). */
  readonly limits: string;
  /** When the clock starts (Chinese), e.g. 签收合同次日. */
  readonly startsAt: string;
  readonly lines: readonly ProductLine[];
  readonly stages: readonly Stage[];
  /** 合同另有约定的除外 / 以条款为准. */
  readonly contractMayDiffer: boolean;
  /** Only cases up to this claim amount (元, inclusive). */
  readonly maxAmountYuan?: number;
  /** Words that tie a stated number to this entry (CS-13). */
  readonly cues: readonly string[];
  readonly basisKind: SlaBasisKind;
  readonly basis: readonly string[];
  /** Ids of scripts that state this limit. */
  readonly scripts: readonly string[];
}

/**
 * Operational timers of the human handoff and of idle conversations (sla.yaml `service`), in seconds.
 * They are how the system behaves, not limits the bot states: CS-13 compares stated limits with `entries`.
 */
export interface ServiceTimers {
  /** An offered chat not accepted within this goes to the next agent. */
  readonly offerAcceptSeconds: number;
  /** A customer waiting this long in the queue gets a leave-a-message ticket. */
  readonly queueTimeoutSeconds: number;
  /** Least interval between two queue-position updates to one customer. */
  readonly queueUpdateSeconds: number;
  /** Seed of the estimated wait (average handling time of one chat). */
  readonly averageHandleSeconds: number;
  /** The first human reply is due within this after the handoff (CS-03). */
  readonly agentFirstResponseSeconds: number;
  /** An agent whose desk disconnected keeps their chats this long. */
  readonly agentReconnectGraceSeconds: number;
  /** A bot conversation with no customer message for this long closes. */
  readonly botIdleCloseSeconds: number;
  /** An agent chat whose customer went silent this long gets one reminder. */
  readonly customerIdleReminderSeconds: number;
  /** After the reminder, the chat closes when the customer stays silent this long. */
  readonly customerIdleCloseSeconds: number;
}

/** A skill group of human agents (handoff/routing.yaml). */
export interface HandoffSkill {
  /** Lower-case key, e.g. "claims". */
  readonly key: string;
  /** Chinese name shown on the agent desk, e.g. 理赔服务. */
  readonly title: string;
}

/** A queue priority: conversations handed over for any of `reasons` wait ahead of lower levels. */
export interface HandoffPriority {
  /** ≥ 1; higher goes first. Reasons in no priority are level 0. */
  readonly level: number;
  readonly title: string;
  /** Handoff reasons (handoff-cues categories and system reasons such as repeated_failure). */
  readonly reasons: readonly string[];
}

/** How a handed-over conversation is routed (handoff/routing.yaml): skill group and queue priority. */
export interface HandoffRouting {
  readonly version: number;
  /** In file order. */
  readonly skills: readonly HandoffSkill[];
  readonly defaultSkill: string;
  /** The skill of each journey stage (every stage of STAGES). */
  readonly stageSkills: Readonly<Record<Stage, string>>;
  /** Handoff reason → skill; wins over the stage. */
  readonly reasonSkills: Readonly<Record<string, string>>;
  /** Levels ≥ 1, distinct, highest first as in the file; a reason is in at most one. */
  readonly priorities: readonly HandoffPriority[];
  /** When nobody online has the skill, any online agent may take the conversation. */
  readonly overflowToAnySkill: boolean;
  /** reasonSkills[reason] ?? stageSkills[stage] ?? defaultSkill. */
  skillOf(reason: string, stage: Stage | null): string;
  /** The highest level of any of `reasons`, else 0. */
  priorityOf(reasons: readonly string[]): number;
  /** The skill's title, or the key itself when unknown. */
  skillTitle(key: string): string;
  hasSkill(key: string): boolean;
}

/** The only time zone service-hours.yaml accepts: Beijing time, UTC+8 all year (no DST). */
export const SERVICE_TIME_ZONE = 'Asia/Shanghai';

/** Days of the week as service-hours.yaml names them, Monday first. */
export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** When human agents serve online (handoff/service-hours.yaml). Outside these hours a handoff becomes a ticket. */
export interface ServiceHours {
  readonly version: number;
  readonly timeZone: typeof SERVICE_TIME_ZONE;
  /** Shown to customers, e.g. 每天8:00-22:00. */
  readonly description: string;
  /** Whether human service is open at this instant (Beijing time). */
  isOpen(at: Date): boolean;
  /** The first instant ≥ `at` when service is open, searching the 14 days from `at`; null when none. */
  nextOpening(at: Date): Date | null;
}

export type { Detector } from './behaviour.schema';
