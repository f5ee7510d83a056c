import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff accounts (the DESIGN's `agent`: human agents, QA reviewers, supervisors, admins).
 * Usernames are 2–64 characters (the demo `qa` has two).
 * Hand-written and PostgreSQL-15-safe: it runs unchanged on PGlite (PG 18) and on the server.
 */
export class StaffAccounts1764316800000 implements MigrationInterface {
  name = 'StaffAccounts1764316800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE agent (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username varchar(64) NOT NULL,
        display_name varchar(100) NOT NULL CHECK (btrim(display_name) <> ''),
        role varchar(16) NOT NULL CHECK (role IN ('agent', 'qa', 'supervisor', 'admin')),
        skills text[] NOT NULL DEFAULT '{}',
        max_concurrent smallint NOT NULL DEFAULT 3 CHECK (max_concurrent >= 0),
        password_hash text NOT NULL,
        disabled boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        password_changed_at timestamptz,
        CONSTRAINT uq_agent_username UNIQUE (username),
        CONSTRAINT ck_agent_username CHECK (username ~ '^[a-z][a-z0-9._-]{1,63}$')
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE agent`);
  }
}
