/** Reads the desk makes of stored conversations, and the leave-a-message tickets (one adapter per database). */

export const TICKET_REASONS = ['after_hours', 'no_agent', 'queue_timeout'] as const;
/** Why a customer who asked for a human got a ticket instead. */
export type TicketReason = (typeof TICKET_REASONS)[number];
export const TICKET_STATUSES = ['open', 'done'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export interface Ticket {
  readonly id: string;
  /** Shown to the customer, e.g. LY20261208000042. */
  readonly number: string;
  readonly conversationId: string;
  readonly customerId: string;
  readonly channel: string;
  readonly kind: 'callback';
  readonly reason: TicketReason;
  readonly skill: string | null;
  readonly status: TicketStatus;
  readonly createdAt: Date;
  readonly closedAt: Date | null;
  /** The staff username who closed it. */
  readonly closedBy: string | null;
  readonly resolution: string | null;
}

export interface NewTicket {
  readonly conversationId: string;
  readonly customerId: string;
  readonly channel: string;
  readonly reason: TicketReason;
  readonly skill: string | null;
  readonly at: Date;
}

/** A conversation waiting in the queue, as stored (restored into the engine at start). */
export interface QueuedConversation {
  readonly conversationId: string;
  readonly customerId: string;
  readonly channel: string;
  readonly reason: string | null;
  readonly skill: string | null;
  readonly priority: number;
  readonly since: Date;
  readonly front: boolean;
  /** The agent who served this customer last (this or an earlier conversation), or null. */
  readonly lastAgentId: string | null;
}

export interface AssignedConversation {
  readonly conversationId: string;
  readonly agentId: string;
  readonly assignedAt: Date;
}

/** A conversation with a human involved, as the desk lists it. */
export interface ActiveConversation {
  readonly conversationId: string;
  readonly customerId: string;
  readonly channel: string;
  readonly state: 'queued' | 'agent';
  readonly skill: string | null;
  readonly priority: number;
  readonly reason: string | null;
  readonly assignedAgentId: string | null;
  readonly openedAt: Date;
  readonly queuedAt: Date | null;
  readonly queueSince: Date | null;
  readonly assignedAt: Date | null;
  readonly lastMessageAt: Date | null;
  readonly lastCustomerAt: Date | null;
  /** The first agent message since the latest assignment; null while the agent has not replied. */
  readonly firstAgentReplyAt: Date | null;
  /** The latest customer, bot or agent message, not counting the desk's own notices. */
  readonly lastMessage: { readonly role: string; readonly text: string; readonly at: Date } | null;
}

export interface CustomerProfile {
  readonly customerId: string;
  readonly displayName: string | null;
  readonly since: Date;
  readonly identities: readonly { readonly channel: string; readonly externalId: string }[];
  /** Conversations before this one. */
  readonly earlierConversations: number;
}

export interface IdleConversation {
  readonly conversationId: string;
  readonly assignedAgentId: string | null;
  /** The customer wrote at least once. */
  readonly used: boolean;
}

export abstract class HandoffStore {
  abstract listQueued(): Promise<QueuedConversation[]>;
  abstract listAssigned(): Promise<AssignedConversation[]>;
  /** The staff id of the agent who served this customer last (any conversation), or null. */
  abstract lastAgentOf(customerId: string): Promise<string | null>;
  /** Conversations in state queued or agent; only one agent's when agentId is given. */
  abstract listActive(agentId?: string): Promise<ActiveConversation[]>;
  abstract activeOne(conversationId: string): Promise<ActiveConversation | null>;
  abstract customerProfile(customerId: string, conversationId: string): Promise<CustomerProfile | null>;
  /** Bot conversations whose customer has not written since `before` (or never, opened before it). */
  abstract idleBotConversations(before: Date, limit: number): Promise<IdleConversation[]>;
  /** Agent chats whose last message is not the customer's, older than `before`, not yet reminded. */
  abstract silentCustomers(before: Date, limit: number): Promise<IdleConversation[]>;
  /** Agent chats reminded before `before` whose customer has not written since. */
  abstract remindedCustomers(before: Date, limit: number): Promise<IdleConversation[]>;
  abstract createTicket(ticket: NewTicket): Promise<Ticket>;
  abstract listTickets(status: TicketStatus | null, limit: number): Promise<Ticket[]>;
  abstract ticketsOf(conversationId: string): Promise<Ticket[]>;
  abstract findTicket(number: string): Promise<Ticket | null>;
  /** Closes an open ticket; null when it is not open (already done). */
  abstract closeTicket(number: string, by: string, resolution: string, at: Date): Promise<Ticket | null>;
}
