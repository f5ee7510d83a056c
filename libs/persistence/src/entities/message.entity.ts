import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export interface CitationRecord {
  scriptId: string;
  version: number;
  title: string;
}

/** Append-only: a database trigger rejects UPDATE and DELETE. */
@Entity({ name: 'message' })
export class MessageEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'conversation_id', type: 'uuid' })
  conversationId: string;

  @Column({ type: 'integer' })
  seq: number;

  @Column({ type: 'varchar', length: 16 })
  role: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Column({ type: 'jsonb' })
  citations: CitationRecord[];

  @Column({ type: 'varchar', length: 32 })
  channel: string;

  @Column({ name: 'channel_message_id', type: 'varchar', length: 200, nullable: true })
  channelMessageId: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
