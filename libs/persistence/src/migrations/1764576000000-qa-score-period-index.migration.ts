import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The KPI queries place a scored transcript on COALESCE(started_at, scored_at) and read only the
 * whole-transcript rows of the requested period: this partial expression index serves that range.
 */
export class QaScorePeriodIndex1764576000000 implements MigrationInterface {
  name = 'QaScorePeriodIndex1764576000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE INDEX ix_qa_score_period ON qa_score ((COALESCE(started_at, scored_at))) WHERE subject = 'all'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX ix_qa_score_period`);
  }
}
