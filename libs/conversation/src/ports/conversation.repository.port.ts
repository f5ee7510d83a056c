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
  /** assign_agent, reassign: the staff id of the agent who takes the conversation. */
  readonly agentId?: string;
  /** Only while this agent holds the conversation (an agent's own transfer, hand-back, close). */
  readonly expectAgentId?: string;
  /** assign_agent, reassign: only while the taking agent holds fewer agent conversations than this. */
  readonly maxLoad?: number;
  /** Entering the queue: why (request_handoff), and whether it goes ahead of new arrivals (requeue). */
  readonly queue?: { readonly reason?: string; readonly front: boolean };
}

/** How the queue routes a conversation (set by the handoff lib once it is queued). */
export interface Routing {
  readonly skill: string | null;
  readonly priority: number;
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
  /**
   * Compare-and-set on state (and, when given, on the agent holding it and the taking agent's
   * load); returns the updated conversation, or null when any condition no longer held.
   */
  abstract changeState(id: string, change: StateChange): Promise<Conversation | null>;
  /** Sets skill and priority of an open conversation; null when it is closed or unknown. */
  abstract setRouting(id: string, routing: Routing): Promise<Conversation | null>;
  /**
   * Records that the silent customer of an agent chat was reminded, once: false when the state is
   * no longer agent or a reminder is already recorded.
   */
  abstract markIdleReminded(id: string, at: Date): Promise<boolean>;
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
