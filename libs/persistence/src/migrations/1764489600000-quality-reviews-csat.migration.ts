import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * QA review (质检复核) and CSAT.
 * - qa_transcript: the transcript exactly as it was scored (a stored conversation assembled, or an
 *   imported one), so reviewers read what the engine read and finding indexes stay valid.
 * - qa_review: append-only log of review actions on one scored transcript (its source, ref,
 *   standard and engine versions): confirm / overturn a finding, add a missed one, comment, and
 *   an agent's dispute. A finding's verdict is the latest (by seq) confirm/overturn on its key.
 * - qa_reviewed_score: the score after review, one row per subject, beside (never over) qa_score;
 *   its findings are the automatic ones minus the overturned plus the added.
 * - conversation: the CSAT comment and when the customer was invited and answered (asked once).
 */
export class QualityReviewsCsat1764489600000 implements MigrationInterface {
  name = 'QualityReviewsCsat1764489600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE qa_transcript (
        source varchar(16) NOT NULL CHECK (source IN ('conversation', 'import')),
        transcript_ref varchar(128) NOT NULL,
        conversation_id uuid REFERENCES conversation(id),
        channel varchar(32) NOT NULL,
        transcript jsonb NOT NULL,
        started_at timestamptz,
        saved_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (source, transcript_ref)
      )`);
    await db.query(`
      CREATE TABLE qa_review (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        source varchar(16) NOT NULL CHECK (source IN ('conversation', 'import')),
        transcript_ref varchar(128) NOT NULL,
        standard_version integer NOT NULL,
        engine_version varchar(32) NOT NULL,
        action varchar(16) NOT NULL CHECK (action IN ('confirm', 'overturn', 'add', 'comment', 'dispute')),
        finding_key varchar(200),
        check_id varchar(16),
        message_index integer,
        severity varchar(16) CHECK (severity IN ('minor', 'major', 'critical')),
        evidence text,
        comment text NOT NULL DEFAULT '',
        staff_id uuid NOT NULL REFERENCES agent(id),
        staff_role varchar(16) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_qa_review_finding CHECK ((action IN ('confirm', 'overturn', 'dispute')) = (finding_key IS NOT NULL)),
        CONSTRAINT ck_qa_review_add CHECK (action <> 'add' OR (check_id IS NOT NULL AND severity IS NOT NULL))
      )`);
    await db.query(
      `CREATE INDEX ix_qa_review_transcript ON qa_review (source, transcript_ref, standard_version, engine_version, seq)`,
    );
    await db.query(`CREATE INDEX ix_qa_review_check ON qa_review (check_id, action)`);
    await db.query(`
      CREATE TABLE qa_reviewed_score (
        source varchar(16) NOT NULL CHECK (source IN ('conversation', 'import')),
        transcript_ref varchar(128) NOT NULL,
        standard_version integer NOT NULL,
        engine_version varchar(32) NOT NULL,
        subject varchar(8) NOT NULL CHECK (subject IN ('all', 'bot', 'agent')),
        agent_id varchar(64) NOT NULL DEFAULT '',
        score numeric(5, 1) NOT NULL,
        passed boolean NOT NULL,
        red_lines integer NOT NULL DEFAULT 0,
        findings jsonb NOT NULL DEFAULT '[]'::jsonb,
        reviewed_by uuid NOT NULL REFERENCES agent(id),
        reviewed_at timestamptz NOT NULL,
        PRIMARY KEY (source, transcript_ref, standard_version, engine_version, subject, agent_id)
      )`);
    await db.query(`
      ALTER TABLE conversation
        ADD COLUMN csat_comment text CHECK (char_length(csat_comment) <= 500),
        ADD COLUMN csat_invited_at timestamptz,
        ADD COLUMN csat_at timestamptz`);
    await db.query(
      `CREATE INDEX ix_conversation_closed ON conversation (closed_at) WHERE closed_at IS NOT NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX ix_conversation_closed`);
    await db.query(
      `ALTER TABLE conversation DROP COLUMN csat_comment, DROP COLUMN csat_invited_at, DROP COLUMN csat_at`,
    );
    await db.query(`DROP TABLE qa_reviewed_score`);
    await db.query(`DROP TABLE qa_review`);
    await db.query(`DROP TABLE qa_transcript`);
  }
}
