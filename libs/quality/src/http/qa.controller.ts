import { RequireRoles } from '@anxin/staff';
import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import type { QaResult } from '../engine/quality.types';
import { QualityException } from '../quality.exception';
import { QualityService } from '../quality.service';
import type { ImportOutcome } from '../scoring/transcript-batch.scorer';
import type { StoredScore } from '../scoring/qa-score.store';

/** Transcripts per import request. */
export const MAX_IMPORT_TRANSCRIPTS = 1000;

/**
 * QA scoring over HTTP (docs/api/qa.md): import transcripts from other systems, score a stored
 * conversation on demand, read its scores.
 */
@Controller('api/qa')
@RequireRoles('qa', 'supervisor', 'admin')
export class QaController {
  constructor(@Inject(QualityService) private readonly quality: QualityService) {}

  /** Scores 1–1,000 transcripts; each malformed one is refused with its own problems. */
  @Post('transcripts')
  @HttpCode(200)
  async importTranscripts(@Body() body: unknown): Promise<{ results: unknown[] }> {
    const transcripts = Array.isArray(body)
      ? body
      : typeof body === 'object' &&
          body !== null &&
          Array.isArray((body as { transcripts?: unknown }).transcripts)
        ? (body as { transcripts: unknown[] }).transcripts
        : null;
    if (transcripts === null)
      throw new QualityException('QA.INVALID_REQUEST', '请求体应为质检会话数组，或 {"transcripts": [...]}');
    if (transcripts.length < 1 || transcripts.length > MAX_IMPORT_TRANSCRIPTS)
      throw new QualityException(
        'QA.INVALID_REQUEST',
        `每次可提交1至${MAX_IMPORT_TRANSCRIPTS}段会话，本次为${transcripts.length}段`,
        { count: transcripts.length },
      );
    const outcomes = await this.quality.scoreImported(transcripts);
    return { results: outcomes.map(toWire) };
  }

  /** Scores a stored conversation now (again), with the standard in force. */
  @Post('conversations/:id/score')
  @HttpCode(200)
  async score(@Param('id') id: string): Promise<{ scores: StoredScore[] }> {
    return { scores: await this.quality.scoreConversation(id) };
  }

  @Get('conversations/:id/scores')
  async scores(@Param('id') id: string): Promise<{ scores: StoredScore[] }> {
    return { scores: await this.quality.scoresOf(id) };
  }
}

/** The documented per-transcript result (docs/api/qa.md). */
export function toWire(outcome: ImportOutcome): unknown {
  if ('error' in outcome) return { index: outcome.index, id: outcome.id, error: outcome.error };
  return { index: outcome.index, ...resultView(outcome.result) };
}

function resultView(result: QaResult): Record<string, unknown> {
  return {
    id: result.transcriptId,
    score: result.score,
    passed: result.passed,
    standardVersion: result.standardVersion,
    engineVersion: result.engineVersion,
    findings: result.findings.map((f) => ({
      check: f.check,
      detector: f.detector,
      severity: f.severity,
      redLine: f.redLine,
      messageIndex: f.messageIndex,
      ...(f.role ? { role: f.role } : {}),
      ...(f.agentId ? { agentId: f.agentId } : {}),
      evidence: f.evidence,
      explanation: f.explanation,
      source: f.source,
    })),
    notAssessed: result.notAssessed,
    subjects: result.subjects,
  };
}
