import type { Check, Dimension, Scoring } from '@anxin/knowledge';
import { countRedLines, RED_LINE_DIMENSION, tally } from '../engine/score.calculator';
import type { QaFinding, QaMessage } from '../engine/quality.types';
import type {
  ReviewActor,
  ReviewedFinding,
  ReviewedSubject,
  ReviewEntry,
  ReviewVerdict,
} from './review.types';

/** Stable id of an automatic finding within its scored transcript (one per check, detector and turn). */
export function findingKey(finding: Pick<QaFinding, 'check' | 'detector' | 'messageIndex'>): string {
  return `${finding.check}|${finding.detector}|${finding.messageIndex ?? 'session'}`;
}

/** The automatic result a review starts from (the 'all' score and its subjects). */
export interface ReviewBasis {
  readonly findings: readonly QaFinding[];
  readonly dimensions: readonly Pick<Dimension, 'key' | 'title' | 'weight'>[];
  readonly messages: readonly QaMessage[];
  readonly subjects: readonly { readonly subject: 'all' | 'bot' | 'agent'; readonly agentId: string }[];
}

/** What of the standard the review needs: how findings are scored and what each check is. */
export interface ReviewStandard {
  readonly scoring: Scoring;
  readonly checks: readonly Pick<Check, 'id' | 'title' | 'dimension' | 'redLine'>[];
}

export interface Dispute {
  readonly by: ReviewActor;
  readonly comment: string;
  readonly at: Date;
}

export interface FindingReview {
  readonly verdict: ReviewVerdict | null;
  readonly verdictBy: ReviewActor | null;
  readonly disputes: readonly Dispute[];
  /** A dispute came after the latest verdict (or there is none yet). */
  readonly disputeOpen: boolean;
}

export interface AddedFinding extends ReviewedFinding {
  readonly reviewId: string;
  readonly comment: string;
  readonly by: ReviewActor;
  readonly at: Date;
}

export interface ReviewOutcome {
  readonly findings: ReadonlyMap<string, FindingReview>;
  readonly added: readonly AddedFinding[];
  /** The reviewed scores (whole transcript first); null until a finding was confirmed, overturned or added. */
  readonly reviewed: readonly ReviewedSubject[] | null;
}

const NO_REVIEW: FindingReview = { verdict: null, verdictBy: null, disputes: [], disputeOpen: false };

/**
 * Applies the review log (oldest first) to the automatic result: the latest verdict on each
 * finding counts, overturned findings drop out, added ones are scored like the engine's (the
 * standard's deduction for their severity, on their check's dimension, charged to the turn's
 * author or the responder in charge), and the whole transcript and each subject are scored again.
 */
export function applyReview(
  basis: ReviewBasis,
  entries: readonly ReviewEntry[],
  standard: ReviewStandard,
): ReviewOutcome {
  const reviews = new Map<string, FindingReview>();
  const added: AddedFinding[] = [];
  let decided = false;
  for (const entry of entries) {
    if (entry.action === 'add') {
      added.push(addedFinding(entry, basis.messages, standard));
      decided = true;
      continue;
    }
    if (entry.findingKey === null) continue;
    const current = reviews.get(entry.findingKey) ?? NO_REVIEW;
    if (entry.action === 'dispute') {
      const dispute = { by: entry.by, comment: entry.comment, at: entry.at };
      reviews.set(entry.findingKey, {
        ...current,
        disputes: [...current.disputes, dispute],
        disputeOpen: true,
      });
    } else if (entry.action === 'confirm' || entry.action === 'overturn') {
      reviews.set(entry.findingKey, {
        ...current,
        verdict: entry.action === 'confirm' ? 'confirmed' : 'overturned',
        verdictBy: entry.by,
        disputeOpen: false,
      });
      decided = true;
    }
  }
  if (!decided) return { findings: reviews, added, reviewed: null };
  const effective: ReviewedFinding[] = [
    ...basis.findings.filter((f) => reviews.get(findingKey(f))?.verdict !== 'overturned'),
    ...added.map(({ reviewId: _id, comment: _comment, by: _by, at: _at, ...finding }) => finding),
  ];
  return { findings: reviews, added, reviewed: rescore(basis, effective, standard.scoring) };
}

function rescore(
  basis: ReviewBasis,
  effective: readonly ReviewedFinding[],
  scoring: Scoring,
): ReviewedSubject[] {
  const subjects = [...basis.subjects];
  const has = (subject: string, agentId: string): boolean =>
    subjects.some((s) => s.subject === subject && s.agentId === agentId);
  for (const finding of effective) {
    if (finding.role === 'bot' && !has('bot', '')) subjects.push({ subject: 'bot', agentId: '' });
    const agentId = finding.agentId ?? 'unknown';
    if (finding.role === 'agent' && !has('agent', agentId)) subjects.push({ subject: 'agent', agentId });
  }
  if (!has('all', '')) subjects.unshift({ subject: 'all', agentId: '' });
  return subjects.map(({ subject, agentId }) => {
    const charged = effective.filter((f) =>
      subject === 'all'
        ? true
        : subject === 'bot'
          ? f.role === 'bot'
          : f.role === 'agent' && (f.agentId ?? 'unknown') === agentId,
    );
    const result = tally(charged, basis.dimensions, scoring);
    return {
      subject,
      agentId,
      score: result.score,
      passed: result.passed,
      redLines: countRedLines(charged),
      findings: charged,
    };
  });
}

function addedFinding(
  entry: ReviewEntry,
  messages: readonly QaMessage[],
  standard: ReviewStandard,
): AddedFinding {
  const check = standard.checks.find((c) => c.id === entry.check);
  const severity = entry.severity ?? 'minor';
  const index = entry.messageIndex;
  const author = index === null ? undefined : responderAt(messages, index);
  return {
    check: entry.check ?? 'unknown',
    detector: 'review',
    severity,
    deduction: severity === 'critical' ? 0 : standard.scoring.deductions[severity],
    dimension: check?.dimension ?? RED_LINE_DIMENSION,
    redLine: check?.redLine ?? false,
    messageIndex: index,
    ...(index !== null && messages[index]?.id ? { messageId: messages[index].id } : {}),
    ...(author
      ? { role: author.role, ...(author.role === 'agent' ? { agentId: author.agentId ?? 'unknown' } : {}) }
      : {}),
    evidence: entry.evidence ?? (index === null ? '' : (messages[index]?.text ?? '')),
    explanation: entry.comment,
    source: 'review',
    reviewId: entry.id,
    comment: entry.comment,
    by: entry.by,
    at: entry.at,
  };
}

/** The turn's author when it is a bot/agent turn; else the latest responder before it, else the first after. */
function responderAt(messages: readonly QaMessage[], index: number): QaMessage | undefined {
  const isResponder = (m: QaMessage | undefined): boolean => m?.role === 'bot' || m?.role === 'agent';
  if (isResponder(messages[index])) return messages[index];
  for (let i = Math.min(index, messages.length - 1); i >= 0; i--)
    if (isResponder(messages[i])) return messages[i];
  return messages.slice(index + 1).find(isResponder);
}
