import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * QA (质检) scores. One row per scored transcript, standard version and subject (the whole
 * conversation, the bot, each human agent). A new standard or engine version adds rows; it never
 * erases older ones. Scoring the same transcript again with the same versions replaces its rows.
 * Imported transcripts (phone ASR, other chat tools) have no conversation row: `transcript_ref`
 * is their own id, unique per source.
 */
export class QualityScores1764403200000 implements MigrationInterface {
  name = 'QualityScores1764403200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE qa_score (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        source varchar(16) NOT NULL CHECK (source IN ('conversation', 'import')),
        conversation_id uuid REFERENCES conversation(id),
        transcript_ref varchar(128) NOT NULL,
        channel varchar(32) NOT NULL,
        subject varchar(8) NOT NULL CHECK (subject IN ('all', 'bot', 'agent')),
        agent_id varchar(64) NOT NULL DEFAULT '',
        standard_version integer NOT NULL,
        engine_version varchar(32) NOT NULL,
        score numeric(5, 1) NOT NULL,
        passed boolean NOT NULL,
        red_lines integer NOT NULL DEFAULT 0,
        findings jsonb NOT NULL DEFAULT '[]'::jsonb,
        not_assessed jsonb NOT NULL DEFAULT '[]'::jsonb,
        dimensions jsonb NOT NULL DEFAULT '[]'::jsonb,
        started_at timestamptz,
        scored_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_qa_score UNIQUE (source, transcript_ref, standard_version, engine_version, subject, agent_id),
        CONSTRAINT ck_qa_score_conversation CHECK ((source = 'conversation') = (conversation_id IS NOT NULL))
      )`);
    await db.query(`CREATE INDEX ix_qa_score_conversation ON qa_score (conversation_id)`);
    await db.query(`CREATE INDEX ix_qa_score_scored ON qa_score (scored_at, channel)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE qa_score`);
  }
}
