import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Hand-written and PostgreSQL-15-safe: it runs unchanged on PGlite (PG 18) and on the server. */
export class InitConversationCore1764057600000 implements MigrationInterface {
  name = 'InitConversationCore1764057600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE customer (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        display_name varchar(100),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE channel_identity (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        channel varchar(32) NOT NULL,
        external_id varchar(128) NOT NULL,
        customer_id uuid NOT NULL REFERENCES customer(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_channel_identity UNIQUE (channel, external_id)
      )`);
    await db.query(`
      CREATE TABLE conversation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id uuid NOT NULL REFERENCES customer(id),
        channel varchar(32) NOT NULL,
        state varchar(16) NOT NULL CHECK (state IN ('bot', 'queued', 'agent', 'closed')),
        skill varchar(64),
        priority smallint NOT NULL DEFAULT 0,
        assigned_agent_id uuid,
        last_seq integer NOT NULL DEFAULT 0,
        csat smallint CHECK (csat BETWEEN 1 AND 5),
        opened_at timestamptz NOT NULL DEFAULT now(),
        queued_at timestamptz,
        assigned_at timestamptz,
        closed_at timestamptz
      )`);
    // At most one open conversation per customer and channel, also under concurrent starts.
    await db.query(
      `CREATE UNIQUE INDEX uq_conversation_open ON conversation (customer_id, channel) WHERE state <> 'closed'`,
    );
    await db.query(`CREATE INDEX ix_conversation_state ON conversation (state, opened_at)`);
    await db.query(`
      CREATE TABLE message (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        conversation_id uuid NOT NULL REFERENCES conversation(id),
        seq integer NOT NULL,
        role varchar(16) NOT NULL CHECK (role IN ('customer', 'bot', 'agent', 'system')),
        text text NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}'::jsonb,
        citations jsonb NOT NULL DEFAULT '[]'::jsonb,
        channel varchar(32) NOT NULL,
        channel_message_id varchar(200),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_message_seq UNIQUE (conversation_id, seq),
        CONSTRAINT uq_message_channel_id UNIQUE (channel, channel_message_id)
      )`);
    await db.query(`
      CREATE FUNCTION anxin_message_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'message rows are append-only (% refused)', TG_OP USING ERRCODE = 'restrict_violation';
      END $$`);
    await db.query(`
      CREATE TRIGGER trg_message_append_only BEFORE UPDATE OR DELETE ON message
      FOR EACH ROW EXECUTE FUNCTION anxin_message_is_append_only()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE message`);
    await db.query(`DROP FUNCTION anxin_message_is_append_only()`);
    await db.query(`DROP TABLE conversation`);
    await db.query(`DROP TABLE channel_identity`);
    await db.query(`DROP TABLE customer`);
  }
}
