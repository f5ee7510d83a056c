import type { Severity, SlotValue } from '@anxin/knowledge';

export const QA_ROLES = ['customer', 'bot', 'agent', 'system'] as const;
/** Who wrote a transcript turn; system turns (notices, join/leave lines) are never judged. */
export type QaRole = (typeof QA_ROLES)[number];

export interface QaMessage {
  readonly role: QaRole;
  /** Seconds from the start of the conversation. */
  readonly t: number;
  readonly text: string;
  /** The human agent who wrote an agent turn; agent turns without one count as agent "unknown". */
  readonly agentId?: string;
  /** Stored message id when known. */
  readonly id?: string;
  /**
   * Bot turns only: ids of the approved scripts the turn cites (BotTurn.citations). A transcript where no
   * bot turn has the field does not record citations (CS-20 numbers_in_citations is not assessed); once one
   * has it, a bot turn without it cites nothing.
   */
  readonly citations?: readonly string[];
  /**
   * Slot values this turn filled, as the source system recorded them (an NLU intent, a collected claim
   * number…), e.g. { intent: 'product_recommendation', product_line: 'medical' }. They take precedence over
   * what lexicon/slot-cues.yaml reads from the text.
   */
  readonly slots?: Readonly<Record<string, SlotValue>>;
}

/** A system-log event (one of RULE_EVENTS) next to the turns. */
export interface QaEvent {
  readonly t: number;
  readonly type: string;
  /** The turn the event belongs to; the event is placed right after it. Without it, by time. */
  readonly messageIndex?: number;
}

export interface QaTranscript {
  readonly id: string;
  readonly channel: string;
  readonly messages: readonly QaMessage[];
  readonly events: readonly QaEvent[];
}

export interface QaFinding {
  /** Check id, e.g. "CS-07". */
  readonly check: string;
  /** Detector id within the check, e.g. "forbidden_phrase". */
  readonly detector: string;
  readonly severity: Severity;
  /** Points this finding takes off its dimension (0 for critical and system-audit findings). */
  readonly deduction: number;
  /** The check's dimension key; "red_line" for red-line-only checks (no dimension). */
  readonly dimension: string;
  readonly redLine: boolean;
  /** The turn the finding is about; null for session-wide findings. */
  readonly messageIndex: number | null;
  readonly messageId?: string;
  /**
   * Who is charged with the finding: the author of a bot/agent turn, otherwise the responsible responder
   * (see the subject rule in score.calculator.ts); "system" for system audits; absent when nobody is.
   */
  readonly role?: QaRole;
  readonly agentId?: string;
  /** The matched text or a short excerpt (PII masked). */
  readonly evidence: string;
  /** Short, Simplified Chinese. */
  readonly explanation: string;
  /** rule: decided by the rules alone; judge: decided (or confirmed) by the LLM judge. */
  readonly source: 'rule' | 'judge';
}

/** A detector the engine could not apply to this transcript, and why (Simplified Chinese). */
export interface QaNotAssessed {
  readonly check: string;
  readonly detector: string;
  readonly reason: string;
}

export interface QaSubjectScore {
  readonly subject: 'all' | 'bot' | 'agent';
  readonly agentId?: string;
  readonly score: number;
  readonly passed: boolean;
  /** Number of findings charged to the subject. */
  readonly findings: number;
}

export interface QaDimensionScore {
  readonly key: string;
  readonly title: string;
  readonly weight: number;
  /** Points lost, at most `weight`. */
  readonly lost: number;
}

export interface QaResult {
  readonly transcriptId: string;
  /** behaviour.yaml version the score used. */
  readonly standardVersion: number;
  readonly engineVersion: string;
  readonly score: number;
  readonly passed: boolean;
  readonly dimensions: readonly QaDimensionScore[];
  readonly findings: readonly QaFinding[];
  readonly notAssessed: readonly QaNotAssessed[];
  readonly subjects: readonly QaSubjectScore[];
}
