import type { DataSource } from 'typeorm';
import type { QaDimensionScore, QaFinding, QaNotAssessed } from '../engine/quality.types';
import { countRedLines } from '../engine/score.calculator';
import { QaScoreStore, type ScoreSource, type ScoreToSave, type StoredScore } from './qa-score.store';
import { findingsOf } from './subject-findings';

export interface ScoreRow {
  id: string;
  source: ScoreSource;
  conversation_id: string | null;
  transcript_ref: string;
  channel: string;
  subject: 'all' | 'bot' | 'agent';
  agent_id: string;
  standard_version: number;
  engine_version: string;
  score: string;
  passed: boolean;
  red_lines: number;
  findings: QaFinding[];
  not_assessed: QaNotAssessed[];
  dimensions: QaDimensionScore[];
  started_at: Date | null;
  scored_at: Date;
}

/** qa_score rows (migration 1764403200000) through plain SQL. */
export class PostgresQaScoreStore extends QaScoreStore {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async save(score: ScoreToSave, at: Date): Promise<StoredScore[]> {
    const { result } = score;
    return this.dataSource.transaction(async (tx) => {
      await tx.query(
        `DELETE FROM qa_score WHERE source = $1 AND transcript_ref = $2 AND standard_version = $3 AND engine_version = $4`,
        [score.source, score.transcriptRef, result.standardVersion, result.engineVersion],
      );
      await tx.query(
        `INSERT INTO qa_transcript (source, transcript_ref, conversation_id, channel, transcript, started_at, saved_at)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)
         ON CONFLICT (source, transcript_ref) DO UPDATE SET conversation_id = EXCLUDED.conversation_id,
           channel = EXCLUDED.channel, transcript = EXCLUDED.transcript, started_at = EXCLUDED.started_at,
           saved_at = EXCLUDED.saved_at`,
        [
          score.source,
          score.transcriptRef,
          score.conversationId,
          score.channel,
          JSON.stringify(score.transcript),
          score.startedAt,
          at,
        ],
      );
      const saved: StoredScore[] = [];
      for (const subject of result.subjects) {
        const findings = findingsOf(result, subject);
        const rows = (await tx.query(
          `INSERT INTO qa_score (source, conversation_id, transcript_ref, channel, subject, agent_id,
             standard_version, engine_version, score, passed, red_lines, findings, not_assessed, dimensions,
             started_at, scored_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13::jsonb, $14::jsonb, $15, $16)
           RETURNING *`,
          [
            score.source,
            score.conversationId,
            score.transcriptRef,
            score.channel,
            subject.subject,
            subject.subject === 'agent' ? (subject.agentId ?? 'unknown') : '',
            result.standardVersion,
            result.engineVersion,
            subject.score,
            subject.passed,
            countRedLines(findings),
            JSON.stringify(findings),
            JSON.stringify(subject.subject === 'all' ? result.notAssessed : []),
            JSON.stringify(subject.subject === 'all' ? result.dimensions : []),
            score.startedAt,
            at,
          ],
        )) as ScoreRow[];
        saved.push(toStoredScore(rows[0]));
      }
      return saved;
    });
  }

  async forConversation(conversationId: string): Promise<StoredScore[]> {
    const rows = (await this.dataSource.query(
      `SELECT * FROM qa_score WHERE conversation_id = $1
       ORDER BY standard_version DESC, scored_at DESC, (subject = 'all') DESC, subject, agent_id`,
      [conversationId],
    )) as ScoreRow[];
    return rows.map(toStoredScore);
  }
}

/**
 * A stored row as the API shows it. `redLines` is counted from the row's findings by the red-line rule
 * (isRedLine), not read from `red_lines`: rows saved before the rule counted red-line checks of major
 * severity hold a smaller `red_lines`.
 */
export function toStoredScore(row: ScoreRow): StoredScore {
  return {
    id: row.id,
    source: row.source,
    conversationId: row.conversation_id,
    transcriptRef: row.transcript_ref,
    channel: row.channel,
    subject: row.subject,
    agentId: row.agent_id,
    standardVersion: row.standard_version,
    engineVersion: row.engine_version,
    score: Number(row.score),
    passed: row.passed,
    redLines: countRedLines(row.findings),
    findings: row.findings,
    notAssessed: row.not_assessed,
    dimensions: row.dimensions,
    scoredAt: new Date(row.scored_at),
  };
}
