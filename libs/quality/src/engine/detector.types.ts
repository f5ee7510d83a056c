import type { Check, Detector, Outcome, Rulebook, RuleRole } from '@anxin/knowledge';
import type { QaNotAssessed } from './quality.types';
import type { ScoringContext } from './scoring.context';

/** What the engine needs of the rulebook. */
export type QaRules = Pick<
  Rulebook,
  'standard' | 'phraseLexicon' | 'jargon' | 'pii' | 'sla' | 'outcomeOf' | 'slotCues'
>;

/**
 * The approved scripts bot turns cite (CS-20 numbers_in_citations reads their text). KnowledgeBase is one;
 * a script id it does not know gives undefined.
 */
export interface ScriptLookup {
  getScript(id: string): { readonly title: string; readonly body: string } | undefined;
}

/** A finding before attribution and scoring. */
export interface RawFinding {
  readonly check: Check;
  readonly detector: string;
  readonly outcome: Outcome;
  /** The judged turn; null for a session-wide finding. */
  readonly messageIndex: number | null;
  /** Timeline position used to find the responsible responder when the turn is not a bot/agent turn. */
  readonly pos: number;
  /** Roles that may be charged with it. */
  readonly chargeRoles: readonly RuleRole[];
  readonly evidence: string;
  readonly explanation: string;
  readonly source: 'rule' | 'judge';
  /** system_audit: recorded; non-critical ones take no points. */
  readonly audit?: boolean;
}

/** A rule hit that a confirm judge must decide (detectors with confirmWith). */
export interface Candidate extends RawFinding {
  /** Id of the llm_judge (mode confirm) that decides it. */
  readonly confirmWith: string;
  /**
   * Decidable without the judge: a lexicon entry without contextMatters, or a stated time limit alone in
   * its sentence. Used only when no judge is configured.
   */
  readonly clear: boolean;
  /** Reference lines for the judge (lexicon note, sla.yaml entries): JudgeRequest.criteria. */
  readonly criteria: readonly string[];
}

/** Collects one detector's output on one transcript. */
export class DetectorSink {
  readonly findings: RawFinding[] = [];
  readonly candidates: Candidate[] = [];
  readonly notAssessed: QaNotAssessed[] = [];

  add(finding: RawFinding): void {
    this.findings.push(finding);
  }

  addCandidate(candidate: Candidate): void {
    this.candidates.push(candidate);
  }

  skip(check: Check, detector: Detector, reason: string): void {
    this.notAssessed.push({ check: check.id, detector: detector.id, reason });
  }
}

/** A detector compiled once (regexes and lookups ready) and run on each transcript. */
export interface DetectorRunner {
  readonly check: Check;
  readonly detector: Detector;
  run(ctx: ScoringContext, sink: DetectorSink): void;
}
