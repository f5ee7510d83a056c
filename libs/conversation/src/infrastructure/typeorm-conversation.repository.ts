import { ConversationEntity, MessageEntity } from '@anxin/persistence';
import { LessThan, MoreThan, type DataSource, type EntityManager } from 'typeorm';
import { ConversationException } from '../domain/conversation.exception';
import type {
  ChannelKind,
  Conversation,
  ConversationState,
  Message,
  MessageRole,
  NewMessage,
} from '../domain/conversation.types';
import {
  type AppendResult,
  ConversationRepository,
  type CsatInvitation,
  type CsatSubmission,
  type Routing,
  type StateChange,
} from '../ports/conversation.repository.port';

function toConversation(row: ConversationEntity): Conversation {
  return {
    id: row.id,
    customerId: row.customerId,
    channel: row.channel as ChannelKind,
    state: row.state as ConversationState,
    skill: row.skill,
    openedAt: row.openedAt,
    queuedAt: row.queuedAt,
    assignedAt: row.assignedAt,
    closedAt: row.closedAt,
    priority: row.priority,
    handoffReason: row.handoffReason,
    assignedAgentId: row.assignedAgentId,
    queueSince: row.queueSince,
    queueFront: row.queueFront,
    lastMessageAt: row.lastMessageAt,
    lastCustomerAt: row.lastCustomerAt,
    idleRemindedAt: row.idleRemindedAt,
    csat: row.csat,
    csatComment: row.csatComment,
    csatInvitedAt: row.csatInvitedAt,
    csatAt: row.csatAt,
  };
}

function toMessage(row: MessageEntity): Message {
  return {
    id: row.id,
    conversationId: row.conversationId,
    seq: row.seq,
    role: row.role as MessageRole,
    text: row.text,
    citations: row.citations,
    payload: row.payload,
    channel: row.channel as ChannelKind,
    channelMessageId: row.channelMessageId,
    createdAt: row.createdAt,
  };
}

/** Raw rows of RETURNING * come back in snake_case; map them through the entity metadata. */
function hydrate<T>(manager: EntityManager, entity: new () => T, raw: Record<string, unknown>): T {
  const meta = manager.connection.getMetadata(entity);
  const out = new entity() as Record<string, unknown>;
  for (const column of meta.columns) out[column.propertyName] = raw[column.databaseName];
  return out as T;
}

/** Rows of an UPDATE … RETURNING: TypeORM's postgres driver returns [rows, rowCount] for UPDATE. */
function updatedRows(result: unknown): Record<string, unknown>[] {
  return (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as Record<
    string,
    unknown
  >[];
}

export class TypeOrmConversationRepository extends ConversationRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async resolveCustomer(channel: ChannelKind, externalUserId: string): Promise<string> {
    const existing = await this.findCustomerId(this.dataSource.manager, channel, externalUserId);
    if (existing) return existing;
    return this.dataSource.transaction(async (tx) => {
      const [customer] = (await tx.query(`INSERT INTO customer DEFAULT VALUES RETURNING id`)) as {
        id: string;
      }[];
      const linked = (await tx.query(
        `INSERT INTO channel_identity (channel, external_id, customer_id) VALUES ($1, $2, $3)
         ON CONFLICT (channel, external_id) DO NOTHING RETURNING customer_id`,
        [channel, externalUserId, customer.id],
      )) as { customer_id: string }[];
      if (linked.length > 0) return customer.id;
      // A concurrent first contact won the race: drop our customer row and use theirs.
      await tx.query(`DELETE FROM customer WHERE id = $1`, [customer.id]);
      const winner = await this.findCustomerId(tx, channel, externalUserId);
      if (!winner) throw new Error('channel identity vanished during resolution');
      return winner;
    });
  }

  private async findCustomerId(
    m: EntityManager,
    channel: string,
    externalId: string,
  ): Promise<string | null> {
    const rows = (await m.query(
      `SELECT customer_id FROM channel_identity WHERE channel = $1 AND external_id = $2`,
      [channel, externalId],
    )) as { customer_id: string }[];
    return rows[0]?.customer_id ?? null;
  }

  async findOpenConversation(customerId: string, channel: ChannelKind): Promise<Conversation | null> {
    const rows = (await this.dataSource.query(
      `SELECT * FROM conversation WHERE customer_id = $1 AND channel = $2 AND state <> 'closed'`,
      [customerId, channel],
    )) as Record<string, unknown>[];
    return rows[0] ? toConversation(hydrate(this.dataSource.manager, ConversationEntity, rows[0])) : null;
  }

  async openConversation(
    customerId: string,
    channel: ChannelKind,
    at: Date,
  ): Promise<{ conversation: Conversation; created: boolean }> {
    const rows = (await this.dataSource.query(
      `INSERT INTO conversation (customer_id, channel, state, opened_at) VALUES ($1, $2, 'bot', $3)
       ON CONFLICT (customer_id, channel) WHERE state <> 'closed' DO NOTHING RETURNING *`,
      [customerId, channel, at],
    )) as Record<string, unknown>[];
    if (rows[0])
      return {
        conversation: toConversation(hydrate(this.dataSource.manager, ConversationEntity, rows[0])),
        created: true,
      };
    const open = await this.findOpenConversation(customerId, channel);
    if (!open) throw new Error('open conversation vanished during creation');
    return { conversation: open, created: false };
  }

  async getConversation(id: string): Promise<Conversation | null> {
    const row = await this.dataSource.getRepository(ConversationEntity).findOneBy({ id });
    return row ? toConversation(row) : null;
  }

  async findMessageByChannelId(channel: ChannelKind, channelMessageId: string): Promise<Message | null> {
    const row = await this.dataSource.getRepository(MessageEntity).findOneBy({ channel, channelMessageId });
    return row ? toMessage(row) : null;
  }

  async appendMessage(draft: NewMessage): Promise<AppendResult> {
    // No look-up first: callers check for retries up front, and ON CONFLICT settles concurrent ones.
    const inserted = await this.dataSource.transaction(async (tx) => {
      // The row lock on the conversation serialises appends, so seq is gap-free and ordered. The same
      // update keeps the activity the lifecycle timers read (system events are not activity).
      const bumped = updatedRows(
        await tx.query(
          `UPDATE conversation SET last_seq = last_seq + 1,
             last_message_at = CASE WHEN $2::varchar <> 'system' THEN $3::timestamptz ELSE last_message_at END,
             last_customer_at = CASE WHEN $2::varchar = 'customer' THEN $3::timestamptz ELSE last_customer_at END,
             idle_reminded_at = CASE WHEN $2::varchar = 'customer' THEN NULL ELSE idle_reminded_at END
           WHERE id = $1 RETURNING last_seq`,
          [draft.conversationId, draft.role, draft.createdAt],
        ),
      );
      if (bumped.length === 0) {
        throw new ConversationException('CONVERSATION.NOT_FOUND', '会话不存在', {
          conversationId: draft.conversationId,
        });
      }
      const rows = await insertMessage(tx, draft, bumped[0].last_seq);
      if (rows.length === 0) {
        // A concurrent retry of the same channel message committed first: give the seq back.
        await tx.query(`UPDATE conversation SET last_seq = last_seq - 1 WHERE id = $1`, [
          draft.conversationId,
        ]);
        return null;
      }
      return toMessage(hydrate(tx, MessageEntity, rows[0]));
    });
    if (inserted) return { message: inserted, duplicate: false };
    const seen = await this.findMessageByChannelId(draft.channel, draft.channelMessageId ?? '');
    if (!seen) throw new Error('duplicate message vanished during append');
    return { message: seen, duplicate: true };
  }

  async listMessages(conversationId: string, afterSeq: number, limit: number): Promise<Message[]> {
    const rows = await this.dataSource.getRepository(MessageEntity).find({
      where: { conversationId, seq: MoreThan(afterSeq) },
      order: { seq: 'ASC' },
      take: limit,
    });
    return rows.map(toMessage);
  }

  async listRecentMessages(conversationId: string, limit: number, beforeSeq: number): Promise<Message[]> {
    const rows = await this.dataSource.getRepository(MessageEntity).find({
      where: { conversationId, seq: LessThan(beforeSeq) },
      order: { seq: 'DESC' },
      take: limit,
    });
    return rows.map(toMessage).reverse();
  }

  async changeState(id: string, change: StateChange): Promise<Conversation | null> {
    // queued_at: when it entered the queue from the bot (a requeue keeps the customer's original time);
    // queue_since orders the queue; the load condition counts the taking agent's other agent chats.
    const rows = updatedRows(
      await this.dataSource.query(
        `UPDATE conversation SET state = $3::varchar,
           queued_at = CASE WHEN $3::varchar = 'queued' AND $2::varchar = 'bot' THEN $4::timestamptz
                            ELSE queued_at END,
           queue_since = CASE WHEN $3::varchar = 'queued' THEN $4::timestamptz ELSE queue_since END,
           queue_front = ($3::varchar = 'queued' AND $8::boolean),
           handoff_reason = CASE WHEN $3::varchar = 'queued' AND $7::varchar IS NOT NULL THEN $7::varchar
                                 ELSE handoff_reason END,
           assigned_at = CASE WHEN $3::varchar = 'agent' THEN $4::timestamptz ELSE assigned_at END,
           assigned_agent_id = CASE WHEN $3::varchar = 'agent' THEN COALESCE($5::uuid, assigned_agent_id)
                                    ELSE assigned_agent_id END,
           closed_at = CASE WHEN $3::varchar = 'closed' THEN $4::timestamptz ELSE closed_at END,
           idle_reminded_at = NULL
         WHERE id = $1 AND state = $2::varchar
           AND ($6::uuid IS NULL OR assigned_agent_id = $6::uuid)
           AND ($9::int IS NULL OR (
             SELECT count(*) FROM conversation other
             WHERE other.assigned_agent_id = $5::uuid AND other.state = 'agent' AND other.id <> $1) < $9::int)
         RETURNING *`,
        [
          id,
          change.from,
          change.to,
          change.at,
          change.agentId ?? null,
          change.expectAgentId ?? null,
          change.queue?.reason ?? null,
          change.queue?.front ?? false,
          change.maxLoad ?? null,
        ],
      ),
    );
    return rows[0] ? toConversation(hydrate(this.dataSource.manager, ConversationEntity, rows[0])) : null;
  }

  async setRouting(id: string, routing: Routing): Promise<Conversation | null> {
    const rows = updatedRows(
      await this.dataSource.query(
        `UPDATE conversation SET skill = $2, priority = $3 WHERE id = $1 AND state <> 'closed' RETURNING *`,
        [id, routing.skill, routing.priority],
      ),
    );
    return rows[0] ? toConversation(hydrate(this.dataSource.manager, ConversationEntity, rows[0])) : null;
  }

  async markIdleReminded(id: string, at: Date): Promise<boolean> {
    const rows = updatedRows(
      await this.dataSource.query(
        `UPDATE conversation SET idle_reminded_at = $2
         WHERE id = $1 AND state = 'agent' AND idle_reminded_at IS NULL RETURNING id`,
        [id, at],
      ),
    );
    return rows.length > 0;
  }

  async recordCsatInvitation(draft: NewMessage): Promise<CsatInvitation | null> {
    return this.dataSource.transaction(async (tx) => {
      // The conditional update is the "never twice": a concurrent invitation finds it already set.
      const invited = updatedRows(
        await tx.query(
          `UPDATE conversation SET csat_invited_at = $2, last_seq = last_seq + 1
           WHERE id = $1 AND state = 'closed' AND csat_invited_at IS NULL RETURNING *`,
          [draft.conversationId, draft.createdAt],
        ),
      );
      if (invited.length === 0) return null;
      const conversation = toConversation(hydrate(tx, ConversationEntity, invited[0]));
      const [row] = await insertMessage(tx, draft, invited[0].last_seq);
      if (!row) throw new Error('the invitation carries a channel message id that is already stored');
      return { conversation, message: toMessage(hydrate(tx, MessageEntity, row)) };
    });
  }

  async saveCsat(submission: CsatSubmission): Promise<Conversation | null> {
    const rows = updatedRows(
      await this.dataSource.query(
        `UPDATE conversation SET csat = $3, csat_comment = $4, csat_at = $5
         WHERE id = $1 AND customer_id = $2 AND csat_invited_at IS NOT NULL AND csat IS NULL RETURNING *`,
        [
          submission.conversationId,
          submission.customerId,
          submission.score,
          submission.comment,
          submission.at,
        ],
      ),
    );
    return rows[0] ? toConversation(hydrate(this.dataSource.manager, ConversationEntity, rows[0])) : null;
  }
}

/** Inserts one message with the given seq; no row when (channel, channelMessageId) is already stored. */
async function insertMessage(
  tx: EntityManager,
  draft: NewMessage,
  seq: unknown,
): Promise<Record<string, unknown>[]> {
  return (await tx.query(
    `INSERT INTO message (conversation_id, seq, role, text, payload, citations, channel, channel_message_id, created_at)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8, $9)
     ON CONFLICT (channel, channel_message_id) DO NOTHING RETURNING *`,
    [
      draft.conversationId,
      seq,
      draft.role,
      draft.text,
      JSON.stringify(draft.payload ?? {}),
      JSON.stringify(draft.citations ?? []),
      draft.channel,
      draft.channelMessageId ?? null,
      draft.createdAt,
    ],
  )) as Record<string, unknown>[];
}
