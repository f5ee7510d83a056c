import type { Severity } from '@anxin/knowledge';
import type { DataSource, EntityManager } from 'typeorm';
import type { QaFinding, QaTranscript } from '../engine/quality.types';
import { countRedLines, redLineSql } from '../engine/score.calculator';
import { type ScoreRow, toStoredScore } from '../scoring/postgres-qa-score.store';
import type { ScoreSource } from '../scoring/qa-score.store';
import {
  type CheckReviewCounts,
  type NewReviewEntry,
  QaReviewStore,
  type ScoredTranscript,
  type ScoredVersion,
  type TranscriptFilter,
  type TranscriptKey,
  type TranscriptListItem,
} from './qa-review.store';
import type { ReviewAction, ReviewedSubject, ReviewEntry } from './review.types';

interface EntryRow {
  id: string;
  action: ReviewAction;
  finding_key: string | null;
  check_id: string | null;
  message_index: number | null;
  severity: Severity | null;
  evidence: string | null;
  comment: string;
  staff_id: string;
  staff_role: string;
  username: string;
  display_name: string;
  created_at: Date;
}

interface ListRow extends ScoreRow {
  total: string;
  checks: string[];
  agents: string[] | null;
  r_score: string | null;
  r_passed: boolean | null;
  r_findings: QaFinding[] | null;
  r_reviewed_at: Date | null;
  open_disputes: string;
}

const BEIJING_DAY = `(COALESCE(l.started_at, l.scored_at) AT TIME ZONE 'Asia/Shanghai')::date`;

/** qa_review, qa_reviewed_score and qa_transcript (migration 1764489600000) through plain SQL. */
export class PostgresQaReviewStore extends QaReviewStore {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async scored(key: TranscriptKey): Promise<ScoredTranscript | null> {
    const rows = (await this.dataSource.query(
      `WITH newest AS (
         SELECT standard_version, engine_version FROM qa_score
         WHERE source = $1 AND transcript_ref = $2
         ORDER BY standard_version DESC, scored_at DESC LIMIT 1)
       SELECT s.* FROM qa_score s JOIN newest n USING (standard_version, engine_version)
       WHERE s.source = $1 AND s.transcript_ref = $2
       ORDER BY (s.subject = 'all') DESC, s.subject, s.agent_id`,
      [key.source, key.transcriptRef],
    )) as ScoreRow[];
    if (rows.length === 0) return null;
    const scores = rows.map(toStoredScore);
    const [first] = scores;
    const kept = (await this.dataSource.query(
      `SELECT transcript FROM qa_transcript WHERE source = $1 AND transcript_ref = $2`,
      [key.source, key.transcriptRef],
    )) as { transcript: QaTranscript }[];
    const startedAt = rows[0].started_at;
    return {
      version: {
        source: first.source,
        transcriptRef: first.transcriptRef,
        standardVersion: first.standardVersion,
        engineVersion: first.engineVersion,
      },
      conversationId: first.conversationId,
      channel: first.channel,
      startedAt: startedAt ? new Date(startedAt) : null,
      transcript: kept[0]?.transcript ?? null,
      scores,
    };
  }

  entries(version: ScoredVersion): Promise<ReviewEntry[]> {
    return this.readEntries(this.dataSource.manager, version);
  }

  async record(
    version: ScoredVersion,
    entry: NewReviewEntry,
    rescore: (entries: readonly ReviewEntry[]) => readonly ReviewedSubject[] | null,
  ): Promise<ReviewEntry[]> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [keyText(version)]);
      await tx.query(
        `INSERT INTO qa_review (source, transcript_ref, standard_version, engine_version, action, finding_key,
           check_id, message_index, severity, evidence, comment, staff_id, staff_role, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [
          ...versionParams(version),
          entry.action,
          entry.findingKey,
          entry.check,
          entry.messageIndex,
          entry.severity,
          entry.evidence,
          entry.comment,
          entry.staffId,
          entry.staffRole,
          entry.at,
        ],
      );
      const entries = await this.readEntries(tx, version);
      const reviewed = rescore(entries);
      if (reviewed) {
        await tx.query(
          `DELETE FROM qa_reviewed_score
           WHERE source = $1 AND transcript_ref = $2 AND standard_version = $3 AND engine_version = $4`,
          versionParams(version),
        );
        for (const subject of reviewed)
          await tx.query(
            `INSERT INTO qa_reviewed_score (source, transcript_ref, standard_version, engine_version, subject,
               agent_id, score, passed, red_lines, findings, reviewed_by, reviewed_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12)`,
            [
              ...versionParams(version),
              subject.subject,
              subject.agentId,
              subject.score,
              subject.passed,
              subject.redLines,
              JSON.stringify(subject.findings),
              entry.staffId,
              entry.at,
            ],
          );
      }
      return entries;
    });
  }

  async list(filter: TranscriptFilter): Promise<{ total: number; items: TranscriptListItem[] }> {
    const params: unknown[] = [];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    const where: string[] = [];
    if (filter.failed !== undefined)
      where.push(`COALESCE(r.passed, l.passed) = ${filter.failed ? 'false' : 'true'}`);
    // Red lines by the rule (isRedLine) over the effective findings, not the stored red_lines: rows
    // saved before the rule counted critical findings only.
    if (filter.redLine !== undefined)
      where.push(
        `${filter.redLine ? '' : 'NOT '}EXISTS (SELECT 1 FROM jsonb_array_elements(COALESCE(r.findings, l.findings)) f WHERE ${redLineSql('f')})`,
      );
    if (filter.check)
      where.push(
        `EXISTS (SELECT 1 FROM jsonb_array_elements(COALESCE(r.findings, l.findings)) f WHERE f->>'check' = ${param(filter.check)})`,
      );
    if (filter.channel) where.push(`l.channel = ${param(filter.channel)}`);
    if (filter.source) where.push(`l.source = ${param(filter.source)}`);
    if (filter.agent)
      where.push(
        `EXISTS (SELECT 1 FROM qa_score a WHERE ${sameScoring('a')} AND a.subject = 'agent' AND a.agent_id = ${param(filter.agent)})`,
      );
    if (filter.reviewed !== undefined) where.push(`r.score IS ${filter.reviewed ? 'NOT NULL' : 'NULL'}`);
    if (filter.from) where.push(`${BEIJING_DAY} >= ${param(filter.from)}::date`);
    if (filter.to) where.push(`${BEIJING_DAY} <= ${param(filter.to)}::date`);
    const disputed =
      filter.disputed === undefined ? '' : `WHERE open_disputes ${filter.disputed ? '> 0' : '= 0'}`;
    const rows = (await this.dataSource.query(
      `WITH l AS (
         SELECT DISTINCT ON (source, transcript_ref) * FROM qa_score WHERE subject = 'all'
         ORDER BY source, transcript_ref, standard_version DESC, scored_at DESC),
       listed AS (
         SELECT l.*, r.score AS r_score, r.passed AS r_passed, r.findings AS r_findings,
           r.reviewed_at AS r_reviewed_at,
           ARRAY(SELECT DISTINCT f->>'check' FROM jsonb_array_elements(COALESCE(r.findings, l.findings)) f
                 ORDER BY 1) AS checks,
           ARRAY(SELECT a.agent_id FROM qa_score a WHERE ${sameScoring('a')} AND a.subject = 'agent'
                 ORDER BY a.agent_id) AS agents,
           (SELECT count(*) FROM (
              SELECT max(q.seq) FILTER (WHERE q.action = 'dispute') AS disputed,
                     max(q.seq) FILTER (WHERE q.action IN ('confirm', 'overturn')) AS decided
              FROM qa_review q WHERE ${sameScoring('q')} AND q.finding_key IS NOT NULL
              GROUP BY q.finding_key) k
            WHERE k.disputed IS NOT NULL AND (k.decided IS NULL OR k.disputed > k.decided)) AS open_disputes
         FROM l LEFT JOIN qa_reviewed_score r
           ON r.source = l.source AND r.transcript_ref = l.transcript_ref AND r.standard_version = l.standard_version
          AND r.engine_version = l.engine_version AND r.subject = 'all'
         ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''})
       SELECT *, count(*) OVER () AS total FROM listed ${disputed}
       ORDER BY COALESCE(started_at, scored_at) DESC, transcript_ref
       LIMIT ${param(filter.limit)} OFFSET ${param(filter.offset)}`,
      params,
    )) as ListRow[];
    const total = rows.length > 0 ? Number(rows[0].total) : await this.countOnly(filter, rows.length);
    return { total, items: rows.map(toListItem) };
  }

  async counts(period: { readonly from?: string; readonly to?: string }): Promise<CheckReviewCounts[]> {
    const params: unknown[] = [];
    const range: string[] = [];
    if (period.from) {
      params.push(period.from);
      range.push(`(created_at AT TIME ZONE 'Asia/Shanghai')::date >= $${params.length}::date`);
    }
    if (period.to) {
      params.push(period.to);
      range.push(`(created_at AT TIME ZONE 'Asia/Shanghai')::date <= $${params.length}::date`);
    }
    const within = range.length > 0 ? `AND ${range.join(' AND ')}` : '';
    const rows = (await this.dataSource.query(
      `WITH verdicts AS (
         SELECT DISTINCT ON (source, transcript_ref, standard_version, engine_version, finding_key) check_id, action
         FROM qa_review WHERE action IN ('confirm', 'overturn') ${within}
         ORDER BY source, transcript_ref, standard_version, engine_version, finding_key, seq DESC),
       tallies AS (
         SELECT check_id, count(*) FILTER (WHERE action = 'confirm') AS confirmed,
                count(*) FILTER (WHERE action = 'overturn') AS overturned, 0 AS added, 0 AS disputes
         FROM verdicts GROUP BY check_id
         UNION ALL
         SELECT check_id, 0, 0, count(*) FILTER (WHERE action = 'add'), count(*) FILTER (WHERE action = 'dispute')
         FROM qa_review WHERE action IN ('add', 'dispute') ${within} GROUP BY check_id)
       SELECT check_id, sum(confirmed)::int AS confirmed, sum(overturned)::int AS overturned,
              sum(added)::int AS added, sum(disputes)::int AS disputes
       FROM tallies GROUP BY check_id ORDER BY check_id`,
      params,
    )) as { check_id: string; confirmed: number; overturned: number; added: number; disputes: number }[];
    return rows.map((row) => ({
      check: row.check_id,
      confirmed: row.confirmed,
      overturned: row.overturned,
      added: row.added,
      disputes: row.disputes,
    }));
  }

  /** A page past the end has no row to carry the window count. */
  private async countOnly(filter: TranscriptFilter, seen: number): Promise<number> {
    if (filter.offset === 0) return seen;
    const { total } = await this.list({ ...filter, offset: 0, limit: 1 });
    return total;
  }

  private async readEntries(manager: EntityManager, version: ScoredVersion): Promise<ReviewEntry[]> {
    const rows = (await manager.query(
      `SELECT q.*, a.username, a.display_name FROM qa_review q JOIN agent a ON a.id = q.staff_id
       WHERE q.source = $1 AND q.transcript_ref = $2 AND q.standard_version = $3 AND q.engine_version = $4
       ORDER BY q.seq`,
      versionParams(version),
    )) as EntryRow[];
    return rows.map((row) => ({
      id: row.id,
      action: row.action,
      findingKey: row.finding_key,
      check: row.check_id,
      messageIndex: row.message_index,
      severity: row.severity,
      evidence: row.evidence,
      comment: row.comment,
      by: { id: row.staff_id, username: row.username, displayName: row.display_name, role: row.staff_role },
      at: new Date(row.created_at),
    }));
  }
}

/** Rows of the same scoring as the listed row `l`. */
function sameScoring(alias: string): string {
  return `${alias}.source = l.source AND ${alias}.transcript_ref = l.transcript_ref
    AND ${alias}.standard_version = l.standard_version AND ${alias}.engine_version = l.engine_version`;
}

function versionParams(version: ScoredVersion): [ScoreSource, string, number, string] {
  return [version.source, version.transcriptRef, version.standardVersion, version.engineVersion];
}

function keyText(version: ScoredVersion): string {
  return versionParams(version).join('|');
}

function toListItem(row: ListRow): TranscriptListItem {
  const base = toStoredScore(row);
  const startedAt = row.started_at;
  return {
    source: base.source,
    ref: base.transcriptRef,
    conversationId: base.conversationId,
    channel: base.channel,
    startedAt: startedAt ? new Date(startedAt) : null,
    scoredAt: base.scoredAt,
    standardVersion: base.standardVersion,
    engineVersion: base.engineVersion,
    score: base.score,
    passed: base.passed,
    redLines: base.redLines,
    checks: row.checks,
    agents: row.agents ?? [],
    reviewed:
      row.r_score === null
        ? null
        : {
            score: Number(row.r_score),
            passed: row.r_passed === true,
            redLines: countRedLines(row.r_findings ?? []),
            reviewedAt: new Date(row.r_reviewed_at as Date),
          },
    disputes: Number(row.open_disputes),
  };
}
