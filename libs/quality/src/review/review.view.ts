import { isRedLine } from '../engine/score.calculator';
import type { ReviewOutcome } from './review.calculator';
import { findingKey } from './review.calculator';
import type { ScoredTranscript } from './qa-review.store';
import type { ReviewActor, ReviewEntry } from './review.types';

/** The console's transcript view (docs/api/qa.md, "Review"): the transcript, both scores, findings with their verdicts. */
export function reviewView(
  scored: ScoredTranscript,
  entries: readonly ReviewEntry[],
  outcome: ReviewOutcome,
): Record<string, unknown> {
  const [all, ...subjects] = scored.scores;
  const reviewedAll = outcome.reviewed?.[0];
  const last = [...entries].reverse().find((e) => e.action !== 'comment' && e.action !== 'dispute');
  return {
    source: scored.version.source,
    ref: scored.version.transcriptRef,
    conversationId: scored.conversationId,
    channel: scored.channel,
    startedAt: scored.startedAt,
    standardVersion: scored.version.standardVersion,
    engineVersion: scored.version.engineVersion,
    transcript: {
      messages: (scored.transcript?.messages ?? []).map((m, index) => ({
        index,
        role: m.role,
        t: m.t,
        text: m.text,
        ...(m.agentId ? { agentId: m.agentId } : {}),
      })),
      events: scored.transcript?.events ?? [],
    },
    automatic: {
      score: all.score,
      passed: all.passed,
      redLines: all.redLines,
      dimensions: all.dimensions,
      notAssessed: all.notAssessed,
      subjects: subjects.map((s) => ({
        subject: s.subject,
        agentId: s.agentId,
        score: s.score,
        passed: s.passed,
        redLines: s.redLines,
      })),
      scoredAt: all.scoredAt,
    },
    reviewed:
      outcome.reviewed && reviewedAll
        ? {
            score: reviewedAll.score,
            passed: reviewedAll.passed,
            redLines: reviewedAll.redLines,
            subjects: outcome.reviewed.slice(1).map((s) => ({
              subject: s.subject,
              agentId: s.agentId,
              score: s.score,
              passed: s.passed,
              redLines: s.redLines,
            })),
            reviewedAt: last?.at ?? null,
            reviewedBy: last ? actor(last.by) : null,
          }
        : null,
    findings: all.findings.map((finding) => {
      const key = findingKey(finding);
      const review = outcome.findings.get(key);
      return {
        key,
        ...finding,
        isRedLine: isRedLine(finding),
        verdict: review?.verdict ?? null,
        verdictBy: review?.verdictBy ? actor(review.verdictBy) : null,
        disputes: (review?.disputes ?? []).map((d) => ({ by: actor(d.by), comment: d.comment, at: d.at })),
        disputeOpen: review?.disputeOpen ?? false,
      };
    }),
    added: outcome.added.map((a) => ({
      id: a.reviewId,
      check: a.check,
      severity: a.severity,
      redLine: a.redLine,
      isRedLine: isRedLine(a),
      messageIndex: a.messageIndex,
      role: a.role ?? null,
      agentId: a.agentId ?? null,
      evidence: a.evidence,
      comment: a.comment,
      by: actor(a.by),
      at: a.at,
    })),
    actions: entries.map((e) => ({
      id: e.id,
      action: e.action,
      findingKey: e.findingKey,
      check: e.check,
      comment: e.comment,
      by: actor(e.by),
      at: e.at,
    })),
  };
}

function actor(by: ReviewActor): Omit<ReviewActor, 'id'> {
  return { username: by.username, displayName: by.displayName, role: by.role };
}
