export type ConversationState = 'bot' | 'queued' | 'agent' | 'closed';
export type MessageRole = 'customer' | 'bot' | 'agent' | 'system';
export type ChannelKind = 'web' | 'app' | 'wechat-oa' | 'wecom-kf';

export interface Citation {
  readonly scriptId: string;
  readonly version: number;
  readonly title: string;
}

export interface Conversation {
  readonly id: string;
  readonly customerId: string;
  readonly channel: ChannelKind;
  readonly state: ConversationState;
  readonly skill: string | null;
  readonly openedAt: Date;
  readonly queuedAt: Date | null;
  readonly assignedAt: Date | null;
  readonly closedAt: Date | null;
  /** Queue priority: higher is served first (0 normal; set when the conversation enters the queue). */
  readonly priority: number;
  /** Why the conversation was handed to a human (the handoff reason), null before any handoff. */
  readonly handoffReason: string | null;
  /**
   * The staff id of the human agent serving the conversation (state agent), or of the last one who
   * did (kept after a hand-back or close, so a returning customer can be routed to them again).
   */
  readonly assignedAgentId: string | null;
  /** The queue's order among equal priorities: when it (last) entered the queue. */
  readonly queueSince: Date | null;
  /** Back in the queue after being served (agent disconnected, transfer): ahead of new arrivals. */
  readonly queueFront: boolean;
  /** The latest customer, bot or agent message (system events excluded); null before any. */
  readonly lastMessageAt: Date | null;
  readonly lastCustomerAt: Date | null;
  /** The customer of an agent chat was reminded after going silent; cleared when they write. */
  readonly idleRemindedAt: Date | null;
  /**
   * The satisfaction rating (CSAT, see csat.policy.ts), 1 to CSAT_SCALE; null until rated. The
   * repository always sets the csat fields; they are optional only so that conversations built by
   * hand (tests, imported transcripts) need not spell them out.
   */
  readonly csat?: number | null;
  /** The customer's optional comment with the rating. */
  readonly csatComment?: string | null;
  /** When the customer was invited to rate (at close, once); null: never invited. */
  readonly csatInvitedAt?: Date | null;
  /** When the rating was stored. */
  readonly csatAt?: Date | null;
}

export interface Message {
  readonly id: string;
  readonly conversationId: string;
  readonly seq: number;
  readonly role: MessageRole;
  readonly text: string;
  readonly citations: readonly Citation[];
  readonly payload: Readonly<Record<string, unknown>>;
  readonly channel: ChannelKind;
  readonly channelMessageId: string | null;
  readonly createdAt: Date;
}

/** What a channel adapter hands the core for every customer message it accepts. */
export interface InboundMessage {
  readonly channel: ChannelKind;
  /** The customer's id on that channel: web visitor id, WeChat openid, WeCom external userid. */
  readonly externalUserId: string;
  /** The channel's own message id; (channel, channelMessageId) makes receiving idempotent. */
  readonly channelMessageId: string;
  readonly text: string;
}

export interface NewMessage {
  readonly conversationId: string;
  readonly role: MessageRole;
  readonly text: string;
  readonly channel: ChannelKind;
  readonly channelMessageId?: string;
  readonly citations?: readonly Citation[];
  readonly payload?: Record<string, unknown>;
  readonly createdAt: Date;
}

/**
 * A system-log event the transcript records next to the turns (QA reads them: kyc_passed,
 * handoff_requested, ticket_created, injection_detected…). Stored as a `system` message that
 * customers never see.
 */
export interface TranscriptEvent {
  readonly type: string;
  /** Chinese one-liner for reviewers, e.g. 「客户身份核验通过」. */
  readonly note: string;
  readonly data?: Record<string, unknown>;
}

/** What a responder (offline script engine or LLM agent) decides for one bot turn. */
export interface BotTurn {
  readonly text: string;
  readonly citations: readonly Citation[];
  readonly handoff?: { readonly reason: string; readonly skill?: string };
  /** Short replies the customer can tap instead of typing (channels without buttons list them). */
  readonly quickReplies?: readonly string[];
  /** Provenance recorded on the message: responder kind, scores, prompt ids… */
  readonly meta?: Record<string, unknown>;
  /** Events recorded before the bot message (in order). */
  readonly events?: readonly TranscriptEvent[];
  /**
   * The responder's working memory for the next turn (active guided flow, verified identity…),
   * stored on the bot message and handed back in ResponderInput.state. Server-written only.
   */
  readonly state?: Record<string, unknown>;
}
