import type {
  ChannelKind,
  Conversation,
  ConversationState,
  Message,
  NewMessage,
} from '../domain/conversation.types';

export interface AppendResult {
  readonly message: Message;
  /** True when (channel, channelMessageId) was already stored: nothing new was written. */
  readonly duplicate: boolean;
}

export interface StateChange {
  readonly from: ConversationState;
  readonly to: ConversationState;
  readonly at: Date;
}

/** Storage of customers, identities, conversations and the append-only transcript. */
export abstract class ConversationRepository {
  /** Customer behind (channel, externalUserId), created on first contact. */
  abstract resolveCustomer(channel: ChannelKind, externalUserId: string): Promise<string>;
  abstract findOpenConversation(customerId: string, channel: ChannelKind): Promise<Conversation | null>;
  /** Opens a conversation in state bot; returns the open one instead if a concurrent start won. */
  abstract openConversation(
    customerId: string,
    channel: ChannelKind,
    at: Date,
  ): Promise<{ conversation: Conversation; created: boolean }>;
  abstract getConversation(id: string): Promise<Conversation | null>;
  abstract findMessageByChannelId(channel: ChannelKind, channelMessageId: string): Promise<Message | null>;
  /** Appends with the next seq; idempotent on (channel, channelMessageId). */
  abstract appendMessage(draft: NewMessage): Promise<AppendResult>;
  abstract listMessages(conversationId: string, afterSeq: number, limit: number): Promise<Message[]>;
  /** The `limit` latest messages with seq < beforeSeq, oldest first. */
  abstract listRecentMessages(conversationId: string, limit: number, beforeSeq: number): Promise<Message[]>;
  /** Compare-and-set on state; returns the updated conversation, or null if the state had moved on. */
  abstract changeState(id: string, change: StateChange): Promise<Conversation | null>;
}
