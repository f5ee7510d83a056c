import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Human handoff: what the queue and the lifecycle timers read from a conversation, and the
 * leave-a-message tickets given when no human can join.
 * - handoff_reason: why the conversation was handed to a human (the handoff_requested reason).
 * - queue_since / queue_front: the queue's order (priority, then front, then queue_since).
 * - last_message_at / last_customer_at: activity, kept by the append that bumps last_seq.
 * - idle_reminded_at: an agent chat whose customer went silent was reminded once (cleared when the
 *   customer writes again).
 * Hand-written and PostgreSQL-15-safe: it runs unchanged on PGlite (PG 18) and on the server.
 */
export class HumanHandoff1764748800000 implements MigrationInterface {
  name = 'HumanHandoff1764748800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE conversation
        ADD COLUMN handoff_reason varchar(64),
        ADD COLUMN queue_since timestamptz,
        ADD COLUMN queue_front boolean NOT NULL DEFAULT false,
        ADD COLUMN last_message_at timestamptz,
        ADD COLUMN last_customer_at timestamptz,
        ADD COLUMN idle_reminded_at timestamptz`);
    await db.query(`
      UPDATE conversation c SET
        last_message_at = (SELECT max(m.created_at) FROM message m
                           WHERE m.conversation_id = c.id AND m.role <> 'system'),
        last_customer_at = (SELECT max(m.created_at) FROM message m
                            WHERE m.conversation_id = c.id AND m.role = 'customer'),
        queue_since = CASE WHEN c.state = 'queued' THEN c.queued_at END`);
    // The lifecycle timers scan open conversations by state and activity; the desk counts an agent's chats.
    await db.query(
      `CREATE INDEX ix_conversation_activity ON conversation (state, last_message_at) WHERE state <> 'closed'`,
    );
    await db.query(
      `CREATE INDEX ix_conversation_agent_load ON conversation (assigned_agent_id) WHERE state = 'agent'`,
    );
    await db.query(`CREATE INDEX ix_conversation_customer ON conversation (customer_id, assigned_at)`);
    await db.query(`CREATE SEQUENCE ticket_number_seq`);
    await db.query(`
      CREATE TABLE ticket (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number varchar(32) NOT NULL,
        conversation_id uuid NOT NULL REFERENCES conversation(id),
        customer_id uuid NOT NULL REFERENCES customer(id),
        channel varchar(32) NOT NULL,
        kind varchar(16) NOT NULL CHECK (kind IN ('callback')),
        reason varchar(32) NOT NULL CHECK (reason IN ('after_hours', 'no_agent', 'queue_timeout')),
        skill varchar(64),
        status varchar(16) NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
        created_at timestamptz NOT NULL,
        closed_at timestamptz,
        closed_by varchar(64),
        resolution text CHECK (resolution IS NULL OR char_length(resolution) <= 2000),
        CONSTRAINT uq_ticket_number UNIQUE (number)
      )`);
    await db.query(`CREATE INDEX ix_ticket_status ON ticket (status, created_at)`);
    await db.query(`CREATE INDEX ix_ticket_conversation ON ticket (conversation_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE ticket`);
    await db.query(`DROP SEQUENCE ticket_number_seq`);
    await db.query(`DROP INDEX ix_conversation_customer`);
    await db.query(`DROP INDEX ix_conversation_agent_load`);
    await db.query(`DROP INDEX ix_conversation_activity`);
    await db.query(`
      ALTER TABLE conversation
        DROP COLUMN handoff_reason, DROP COLUMN queue_since, DROP COLUMN queue_front,
        DROP COLUMN last_message_at, DROP COLUMN last_customer_at, DROP COLUMN idle_reminded_at`);
  }
}
