import { beijingDate } from '@anxin/common';
import type { DataSource } from 'typeorm';
import {
  type ActiveConversation,
  type AssignedConversation,
  type CustomerProfile,
  HandoffStore,
  type IdleConversation,
  type NewTicket,
  type QueuedConversation,
  type Ticket,
  type TicketReason,
  type TicketStatus,
} from '../application/handoff.store.port';

type Row = Record<string, unknown>;

const date = (value: unknown): Date | null => (value == null ? null : new Date(value as string | Date));
const str = (value: unknown): string | null => (value == null ? null : String(value));

/** Rows of an UPDATE … RETURNING: TypeORM's postgres driver returns [rows, rowCount] for UPDATE. */
function updatedRows(result: unknown): Row[] {
  return (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as Row[];
}

/**
 * The columns of an active conversation with its latest message and the agent's first reply. The
 * desk's own notices (queue place, agent joined, transfer…) are not the latest message: they do not
 * answer the customer.
 */
const ACTIVE_SELECT = `
  SELECT c.id, c.customer_id, c.channel, c.state, c.skill, c.priority, c.handoff_reason, c.assigned_agent_id,
         c.opened_at, c.queued_at, c.queue_since, c.assigned_at, c.last_message_at, c.last_customer_at,
         reply.created_at AS first_agent_reply_at,
         latest.role AS last_role, left(latest.text, 120) AS last_text, latest.created_at AS last_at
  FROM conversation c
  LEFT JOIN LATERAL (
    SELECT m.created_at FROM message m
    WHERE m.conversation_id = c.id AND m.role = 'agent' AND c.state = 'agent' AND m.created_at >= c.assigned_at
    ORDER BY m.seq LIMIT 1
  ) reply ON true
  LEFT JOIN LATERAL (
    SELECT m.role, m.text, m.created_at FROM message m
    WHERE m.conversation_id = c.id AND m.role <> 'system'
      AND NOT (m.role = 'bot' AND m.payload ? 'notice' AND m.payload->>'notice' <> 'answer_while_waiting')
    ORDER BY m.seq DESC LIMIT 1
  ) latest ON true`;

function toActive(row: Row): ActiveConversation {
  return {
    conversationId: String(row.id),
    customerId: String(row.customer_id),
    channel: String(row.channel),
    state: row.state as 'queued' | 'agent',
    skill: str(row.skill),
    priority: Number(row.priority),
    reason: str(row.handoff_reason),
    assignedAgentId: str(row.assigned_agent_id),
    openedAt: date(row.opened_at) as Date,
    queuedAt: date(row.queued_at),
    queueSince: date(row.queue_since),
    assignedAt: date(row.assigned_at),
    lastMessageAt: date(row.last_message_at),
    lastCustomerAt: date(row.last_customer_at),
    firstAgentReplyAt: date(row.first_agent_reply_at),
    lastMessage:
      row.last_role == null
        ? null
        : { role: String(row.last_role), text: String(row.last_text), at: date(row.last_at) as Date },
  };
}

function toTicket(row: Row): Ticket {
  return {
    id: String(row.id),
    number: String(row.number),
    conversationId: String(row.conversation_id),
    customerId: String(row.customer_id),
    channel: String(row.channel),
    kind: 'callback',
    reason: row.reason as TicketReason,
    skill: str(row.skill),
    status: row.status as TicketStatus,
    createdAt: date(row.created_at) as Date,
    closedAt: date(row.closed_at),
    closedBy: str(row.closed_by),
    resolution: str(row.resolution),
  };
}

const toIdle = (row: Row): IdleConversation => ({
  conversationId: String(row.id),
  assignedAgentId: str(row.assigned_agent_id),
  used: row.last_customer_at != null,
});

/** HandoffStore in plain SQL on the conversation tables and `ticket` (embedded and server PostgreSQL). */
export class PostgresHandoffStore extends HandoffStore {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async listQueued(): Promise<QueuedConversation[]> {
    const rows = (await this.dataSource.query(
      `SELECT c.id, c.customer_id, c.channel, c.handoff_reason, c.skill, c.priority, c.queue_front,
              COALESCE(c.queue_since, c.queued_at, c.opened_at) AS since,
              COALESCE(c.assigned_agent_id, (
                SELECT p.assigned_agent_id FROM conversation p
                WHERE p.customer_id = c.customer_id AND p.assigned_agent_id IS NOT NULL
                ORDER BY p.assigned_at DESC LIMIT 1)) AS last_agent_id
       FROM conversation c WHERE c.state = 'queued'`,
    )) as Row[];
    return rows.map((row) => ({
      conversationId: String(row.id),
      customerId: String(row.customer_id),
      channel: String(row.channel),
      reason: str(row.handoff_reason),
      skill: str(row.skill),
      priority: Number(row.priority),
      since: date(row.since) as Date,
      front: row.queue_front === true,
      lastAgentId: str(row.last_agent_id),
    }));
  }

  async listAssigned(): Promise<AssignedConversation[]> {
    const rows = (await this.dataSource.query(
      `SELECT id, assigned_agent_id, assigned_at FROM conversation
       WHERE state = 'agent' AND assigned_agent_id IS NOT NULL`,
    )) as Row[];
    return rows.map((row) => ({
      conversationId: String(row.id),
      agentId: String(row.assigned_agent_id),
      assignedAt: date(row.assigned_at) ?? new Date(0),
    }));
  }

  async lastAgentOf(customerId: string): Promise<string | null> {
    const rows = (await this.dataSource.query(
      `SELECT assigned_agent_id FROM conversation
       WHERE customer_id = $1 AND assigned_agent_id IS NOT NULL
       ORDER BY assigned_at DESC LIMIT 1`,
      [customerId],
    )) as Row[];
    return str(rows[0]?.assigned_agent_id);
  }

  async listActive(agentId?: string): Promise<ActiveConversation[]> {
    const rows = (await this.dataSource.query(
      agentId
        ? `${ACTIVE_SELECT} WHERE c.state = 'agent' AND c.assigned_agent_id = $1 ORDER BY c.assigned_at`
        : `${ACTIVE_SELECT} WHERE c.state IN ('queued', 'agent') ORDER BY c.state, c.queue_since`,
      agentId ? [agentId] : [],
    )) as Row[];
    return rows.map(toActive);
  }

  async activeOne(conversationId: string): Promise<ActiveConversation | null> {
    const rows = (await this.dataSource.query(`${ACTIVE_SELECT} WHERE c.id = $1`, [conversationId])) as Row[];
    return rows[0] ? toActive(rows[0]) : null;
  }

  async customerProfile(customerId: string, conversationId: string): Promise<CustomerProfile | null> {
    const rows = (await this.dataSource.query(
      `SELECT cu.id, cu.display_name, cu.created_at,
              (SELECT count(*) FROM conversation o WHERE o.customer_id = cu.id AND o.id <> $2
                 AND o.opened_at < (SELECT opened_at FROM conversation WHERE id = $2))::int AS earlier,
              COALESCE((SELECT json_agg(json_build_object('channel', ci.channel, 'externalId', ci.external_id)
                                        ORDER BY ci.created_at)
                        FROM channel_identity ci WHERE ci.customer_id = cu.id), '[]'::json) AS identities
       FROM customer cu WHERE cu.id = $1`,
      [customerId, conversationId],
    )) as Row[];
    const row = rows[0];
    if (!row) return null;
    return {
      customerId: String(row.id),
      displayName: str(row.display_name),
      since: date(row.created_at) as Date,
      identities: (row.identities as { channel: string; externalId: string }[]) ?? [],
      earlierConversations: Number(row.earlier),
    };
  }

  async idleBotConversations(before: Date, limit: number): Promise<IdleConversation[]> {
    const rows = (await this.dataSource.query(
      `SELECT id, assigned_agent_id, last_customer_at FROM conversation
       WHERE state = 'bot' AND COALESCE(last_customer_at, opened_at) < $1
       ORDER BY COALESCE(last_customer_at, opened_at) LIMIT $2`,
      [before, limit],
    )) as Row[];
    return rows.map(toIdle);
  }

  async silentCustomers(before: Date, limit: number): Promise<IdleConversation[]> {
    const rows = (await this.dataSource.query(
      `SELECT id, assigned_agent_id, last_customer_at FROM conversation
       WHERE state = 'agent' AND idle_reminded_at IS NULL AND last_message_at < $1
         AND (last_customer_at IS NULL OR last_customer_at < last_message_at)
       ORDER BY last_message_at LIMIT $2`,
      [before, limit],
    )) as Row[];
    return rows.map(toIdle);
  }

  async remindedCustomers(before: Date, limit: number): Promise<IdleConversation[]> {
    const rows = (await this.dataSource.query(
      `SELECT id, assigned_agent_id, last_customer_at FROM conversation
       WHERE state = 'agent' AND idle_reminded_at < $1
       ORDER BY idle_reminded_at LIMIT $2`,
      [before, limit],
    )) as Row[];
    return rows.map(toIdle);
  }

  async createTicket(ticket: NewTicket): Promise<Ticket> {
    // LY (留言) + the Beijing date + a sequence: readable over the phone, unique, and never a run of
    // digits that the PII patterns would take for a bank card.
    const prefix = `LY${beijingDate(ticket.at).replaceAll('-', '')}-`;
    const rows = (await this.dataSource.query(
      `INSERT INTO ticket (number, conversation_id, customer_id, channel, kind, reason, skill, created_at)
       VALUES ($1 || lpad(nextval('ticket_number_seq')::text, 6, '0'), $2, $3, $4, 'callback', $5, $6, $7)
       RETURNING *`,
      [
        prefix,
        ticket.conversationId,
        ticket.customerId,
        ticket.channel,
        ticket.reason,
        ticket.skill,
        ticket.at,
      ],
    )) as Row[];
    return toTicket(rows[0]);
  }

  async listTickets(status: TicketStatus | null, limit: number): Promise<Ticket[]> {
    const rows = (await this.dataSource.query(
      `SELECT * FROM ticket WHERE ($1::varchar IS NULL OR status = $1) ORDER BY created_at DESC LIMIT $2`,
      [status, limit],
    )) as Row[];
    return rows.map(toTicket);
  }

  async ticketsOf(conversationId: string): Promise<Ticket[]> {
    const rows = (await this.dataSource.query(
      `SELECT * FROM ticket WHERE conversation_id = $1 ORDER BY created_at`,
      [conversationId],
    )) as Row[];
    return rows.map(toTicket);
  }

  async findTicket(number: string): Promise<Ticket | null> {
    const rows = (await this.dataSource.query(`SELECT * FROM ticket WHERE number = $1`, [number])) as Row[];
    return rows[0] ? toTicket(rows[0]) : null;
  }

  async closeTicket(number: string, by: string, resolution: string, at: Date): Promise<Ticket | null> {
    const rows = updatedRows(
      await this.dataSource.query(
        `UPDATE ticket SET status = 'done', closed_at = $4, closed_by = $2, resolution = $3
         WHERE number = $1 AND status = 'open' RETURNING *`,
        [number, by, resolution, at],
      ),
    );
    return rows[0] ? toTicket(rows[0]) : null;
  }
}
