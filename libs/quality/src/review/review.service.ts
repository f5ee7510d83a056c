import type { Clock } from '@anxin/common';
import type { BehaviourStandard } from '@anxin/knowledge';
import { QualityException } from '../quality.exception';
import type { ScoreSource } from '../scoring/qa-score.store';
import { applyReview, findingKey, type ReviewBasis } from './review.calculator';
import { mayTake, parseReviewInput, type ReviewInput } from './review-input.schema';
import { parseListQuery, parsePeriod } from './review-query';
import type { NewReviewEntry, QaReviewStore, ScoredTranscript, TranscriptListItem } from './qa-review.store';
import { reviewView } from './review.view';

/** Who is asking: reviewers (qa, supervisor, admin) see everything; an agent only transcripts they served. */
export interface Viewer {
  readonly id: string;
  readonly username: string;
  readonly role: string;
}

export interface CheckPrecision {
  readonly check: string;
  readonly title: string;
  readonly confirmed: number;
  readonly overturned: number;
  readonly added: number;
  readonly disputes: number;
  /** confirmed ÷ (confirmed + overturned); null before any verdict. */
  readonly precision: number | null;
}

export interface QaReviewServiceParts {
  readonly store: QaReviewStore;
  /** The standard in force: how reviewed findings are scored. */
  readonly standard: () => BehaviourStandard;
  readonly clock: Clock;
}

const SOURCES: readonly ScoreSource[] = ['conversation', 'import'];

/**
 * The review workflow (质检复核): reviewers confirm or overturn findings, add missed ones and
 * comment; the agent charged with a finding disputes it. The reviewed score is kept beside the
 * automatic one, never over it.
 */
export class QaReviewService {
  constructor(private readonly parts: QaReviewServiceParts) {}

  async list(
    query: Readonly<Record<string, unknown>>,
    viewer: Viewer,
  ): Promise<{ total: number; items: TranscriptListItem[] }> {
    const filter = parseListQuery(query);
    return this.parts.store.list(viewer.role === 'agent' ? { ...filter, agent: viewer.username } : filter);
  }

  async detail(source: string, ref: string, viewer: Viewer): Promise<Record<string, unknown>> {
    const scored = await this.scoredFor(source, ref, viewer);
    const entries = await this.parts.store.entries(scored.version);
    return reviewView(scored, entries, applyReview(basisOf(scored), entries, this.parts.standard()));
  }

  async act(source: string, ref: string, body: unknown, viewer: Viewer): Promise<Record<string, unknown>> {
    const input = parseReviewInput(body);
    if (!mayTake(viewer.role, input.action))
      throw new QualityException(
        'QA.REVIEW_FORBIDDEN',
        input.action === 'dispute' ? '只有被质检的坐席本人可以申诉' : '坐席只能对自己的质检结果提出申诉',
        { action: input.action, role: viewer.role },
      );
    const scored = await this.scoredFor(source, ref, viewer);
    const entry = this.entryOf(input, scored, viewer);
    const standard = this.parts.standard();
    const basis = basisOf(scored);
    const entries = await this.parts.store.record(
      scored.version,
      entry,
      (log) => applyReview(basis, log, standard).reviewed,
    );
    return reviewView(scored, entries, applyReview(basis, entries, standard));
  }

  /** The standard in force as the console names it: check titles, red lines, dimensions. */
  standardSummary(): Record<string, unknown> {
    const standard = this.parts.standard();
    return {
      version: standard.version,
      effectiveDate: standard.effectiveDate,
      passScore: standard.scoring.passScore,
      dimensions: standard.dimensions,
      checks: standard.checks.map((c) => ({
        id: c.id,
        title: c.title,
        redLine: c.redLine,
        dimension: c.dimension,
        severity: c.outcome.severity,
      })),
    };
  }

  /** Per-check precision from the reviewers' latest verdicts, with what they added and disputes. */
  async precision(query: Readonly<Record<string, unknown>>): Promise<{ checks: CheckPrecision[] }> {
    const counts = await this.parts.store.counts(parsePeriod(query));
    const standard = this.parts.standard();
    const byCheck = new Map(counts.map((c) => [c.check, c]));
    const ids = [...new Set([...standard.checks.map((c) => c.id), ...byCheck.keys()])].sort();
    return {
      checks: ids.map((check) => {
        const c = byCheck.get(check);
        const confirmed = c?.confirmed ?? 0;
        const overturned = c?.overturned ?? 0;
        return {
          check,
          title: standard.checks.find((x) => x.id === check)?.title ?? '',
          confirmed,
          overturned,
          added: c?.added ?? 0,
          disputes: c?.disputes ?? 0,
          precision:
            confirmed + overturned === 0
              ? null
              : Math.round((confirmed / (confirmed + overturned)) * 1e4) / 1e4,
        };
      }),
    };
  }

  private async scoredFor(source: string, ref: string, viewer: Viewer): Promise<ScoredTranscript> {
    const notFound = (): QualityException =>
      new QualityException('QA.NOT_FOUND', '未找到该质检记录', { source, ref });
    if (!SOURCES.includes(source as ScoreSource) || ref.length === 0 || ref.length > 128) throw notFound();
    const scored = await this.parts.store.scored({ source: source as ScoreSource, transcriptRef: ref });
    if (!scored) throw notFound();
    if (viewer.role === 'agent' && !servedBy(scored, viewer.username)) throw notFound();
    return scored;
  }

  private entryOf(input: ReviewInput, scored: ScoredTranscript, viewer: Viewer): NewReviewEntry {
    const base = {
      action: input.action,
      comment: input.comment,
      staffId: viewer.id,
      staffRole: viewer.role,
      at: this.parts.clock.now(),
    };
    const none = { findingKey: null, check: null, messageIndex: null, severity: null, evidence: null };
    switch (input.action) {
      case 'comment':
        return { ...base, ...none };
      case 'add': {
        const standard = this.parts.standard();
        if (!standard.checks.some((c) => c.id === input.check))
          throw new QualityException('QA.INVALID_REQUEST', `检查项${input.check}不在现行质检标准中`, {
            check: input.check,
          });
        const messages = scored.transcript?.messages.length ?? 0;
        if (input.messageIndex !== null && input.messageIndex >= messages)
          throw new QualityException(
            'QA.INVALID_REQUEST',
            `消息序号${input.messageIndex}超出会话范围（共${messages}条）`,
            {
              messageIndex: input.messageIndex,
            },
          );
        return {
          ...base,
          findingKey: null,
          check: input.check,
          messageIndex: input.messageIndex,
          severity: input.severity,
          evidence: input.evidence,
        };
      }
      default: {
        const finding = scored.scores[0].findings.find((f) => findingKey(f) === input.findingKey);
        if (!finding)
          throw new QualityException('QA.NOT_FOUND', '该质检发现不存在', { findingKey: input.findingKey });
        if (input.action === 'dispute' && !(finding.role === 'agent' && finding.agentId === viewer.username))
          throw new QualityException('QA.REVIEW_FORBIDDEN', '只能对记在本人名下的质检发现提出申诉', {
            findingKey: input.findingKey,
          });
        return {
          ...base,
          findingKey: input.findingKey,
          check: finding.check,
          messageIndex: finding.messageIndex,
          severity: null,
          evidence: null,
        };
      }
    }
  }
}

function basisOf(scored: ScoredTranscript): ReviewBasis {
  const [all, ...subjects] = scored.scores;
  return {
    findings: all.findings,
    dimensions: all.dimensions,
    messages: scored.transcript?.messages ?? [],
    subjects: [
      { subject: 'all', agentId: '' },
      ...subjects.map((s) => ({ subject: s.subject, agentId: s.agentId })),
    ],
  };
}

function servedBy(scored: ScoredTranscript, username: string): boolean {
  return scored.scores.some((s) => s.subject === 'agent' && s.agentId === username);
}
