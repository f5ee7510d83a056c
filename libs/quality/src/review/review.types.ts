import type { Severity } from '@anxin/knowledge';
import type { QaFinding } from '../engine/quality.types';

export const REVIEW_ACTIONS = ['confirm', 'overturn', 'add', 'comment', 'dispute'] as const;
/**
 * What a reviewer (or, for dispute, the agent charged) does on a scored transcript:
 * - confirm / overturn: the verdict on one automatic finding (the latest one counts);
 * - add: a finding the engine missed;
 * - comment: a note on the whole transcript;
 * - dispute: the agent charged with a finding contests it (open until the next verdict).
 */
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

export type ReviewVerdict = 'confirmed' | 'overturned';

/** Who did it, as the console shows it. */
export interface ReviewActor {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: string;
}

/** One stored review action, in the order they were recorded. */
export interface ReviewEntry {
  readonly id: string;
  readonly action: ReviewAction;
  /** confirm, overturn, dispute: the finding (see findingKey). */
  readonly findingKey: string | null;
  readonly check: string | null;
  /** add: the turn the missed finding is about; null for a session-wide one. */
  readonly messageIndex: number | null;
  readonly severity: Severity | null;
  readonly evidence: string | null;
  readonly comment: string;
  readonly by: ReviewActor;
  readonly at: Date;
}

/** A finding a reviewer added: scored like the engine's, with source "review". */
export type ReviewedFinding = Omit<QaFinding, 'source'> & { readonly source: QaFinding['source'] | 'review' };

export interface ReviewedSubject {
  readonly subject: 'all' | 'bot' | 'agent';
  /** '' unless subject is "agent". */
  readonly agentId: string;
  readonly score: number;
  readonly passed: boolean;
  /** Red-line findings among `findings` (isRedLine). */
  readonly redLines: number;
  readonly findings: readonly ReviewedFinding[];
}
