export { QualityEngine } from './engine/quality.engine';
export { QualityJudge, type JudgeRequest, type JudgeVerdict } from './engine/quality-judge.port';
export { TRANSCRIPT_LIMITS, type TranscriptValidation, validateTranscript } from './engine/transcript.schema';
export { RED_LINE_DIMENSION } from './engine/score.calculator';
export type { QaRules } from './engine/detector.types';
export {
  QA_ROLES,
  type QaDimensionScore,
  type QaEvent,
  type QaFinding,
  type QaMessage,
  type QaNotAssessed,
  type QaResult,
  type QaRole,
  type QaSubjectScore,
  type QaTranscript,
} from './engine/quality.types';
export { QualityModule } from './quality.module';
export { QualityService } from './quality.service';
export { type ImportOutcome, scoreBatch } from './scoring/transcript-batch.scorer';
export { QualityException, type QualityErrorCode } from './quality.exception';
export { LlmQualityJudge } from './judge/llm-quality.judge';
export { assembleTranscript } from './scoring/transcript.assembler';
export { QaScoreStore, type ScoreToSave, type StoredScore } from './scoring/qa-score.store';
export { PostgresQaScoreStore } from './scoring/postgres-qa-score.store';
export { InProcessScoringQueue, ScoringQueue, type ScoringJob } from './scoring/scoring.queue';
export { MAX_IMPORT_TRANSCRIPTS, toWire } from './http/qa.controller';
export { QaReviewService, type CheckPrecision, type Viewer } from './review/review.service';
export { applyReview, findingKey, type ReviewBasis, type ReviewOutcome } from './review/review.calculator';
export { QaReviewStore, type TranscriptFilter, type TranscriptListItem } from './review/qa-review.store';
export { PostgresQaReviewStore } from './review/postgres-qa-review.store';
export { REVIEW_ACTIONS, type ReviewAction, type ReviewEntry } from './review/review.types';
export {
  emptyKpis,
  KPI_BOT_KEY,
  KPI_GROUP_BY,
  KPI_TIMEZONE,
  type KpiGroup,
  type KpiGroupBy,
  type KpiQuery,
  KpiReader,
  type KpiReport,
  type Kpis,
  type ResponseTimeKpi,
} from './kpi/kpi.reader';
export { KPI_MAX_DAYS, parseKpiQuery } from './kpi/kpi-query';
export { PostgresKpiReader } from './kpi/postgres-kpi.reader';
