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

/** The invitation to rate, stored once per conversation. */
export interface CsatInvitation {
  /** The conversation with csatInvitedAt set. */
  readonly conversation: Conversation;
  /** The `survey_sent` system message appended with it. */
  readonly message: Message;
}

export interface CsatSubmission {
  readonly conversationId: string;
  /** Only this customer's conversation is rated. */
  readonly customerId: string;
  readonly score: number;
  readonly comment: string | null;
  readonly at: Date;
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
  /**
   * Stamps csat_invited_at = message.createdAt and appends the invitation's system message, in one
   * transaction, only if the conversation is closed and was never invited; null otherwise.
   */
  abstract recordCsatInvitation(message: NewMessage): Promise<CsatInvitation | null>;
  /**
   * Stores the rating in one conditional update: only the customer's own conversation, invited and
   * not yet rated. Returns the rated conversation, or null when any of that does not hold.
   */
  abstract saveCsat(submission: CsatSubmission): Promise<Conversation | null>;
}
