import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'conversation' })
export class ConversationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId: string;

  @Column({ type: 'varchar', length: 32 })
  channel: string;

  @Column({ type: 'varchar', length: 16 })
  state: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  skill: string | null;

  @Column({ type: 'smallint' })
  priority: number;

  @Column({ name: 'assigned_agent_id', type: 'uuid', nullable: true })
  assignedAgentId: string | null;

  /** Highest message seq handed out; bumped under a row lock so seq is gap-free per conversation. */
  @Column({ name: 'last_seq', type: 'integer' })
  lastSeq: number;

  @Column({ type: 'smallint', nullable: true })
  csat: number | null;

  @Column({ name: 'csat_comment', type: 'text', nullable: true })
  csatComment: string | null;

  /** When the customer was invited to rate (once, at close). */
  @Column({ name: 'csat_invited_at', type: 'timestamptz', nullable: true })
  csatInvitedAt: Date | null;

  @Column({ name: 'csat_at', type: 'timestamptz', nullable: true })
  csatAt: Date | null;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt: Date;

  @Column({ name: 'queued_at', type: 'timestamptz', nullable: true })
  queuedAt: Date | null;

  @Column({ name: 'assigned_at', type: 'timestamptz', nullable: true })
  assignedAt: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  /** Why the conversation was handed to a human (the handoff_requested reason). */
  @Column({ name: 'handoff_reason', type: 'varchar', length: 64, nullable: true })
  handoffReason: string | null;

  /** The queue's order among equal priorities (set on entering the queue). */
  @Column({ name: 'queue_since', type: 'timestamptz', nullable: true })
  queueSince: Date | null;

  /** Back in the queue after being served (agent disconnected, transfer): ahead of new arrivals. */
  @Column({ name: 'queue_front', type: 'boolean' })
  queueFront: boolean;

  /** The latest customer, bot or agent message (system events excluded). */
  @Column({ name: 'last_message_at', type: 'timestamptz', nullable: true })
  lastMessageAt: Date | null;

  @Column({ name: 'last_customer_at', type: 'timestamptz', nullable: true })
  lastCustomerAt: Date | null;

  /** The customer of an agent chat was reminded after going silent; cleared when they write. */
  @Column({ name: 'idle_reminded_at', type: 'timestamptz', nullable: true })
  idleRemindedAt: Date | null;
}
