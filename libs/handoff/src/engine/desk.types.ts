/** Types of the desk engine: agents, the waiting queue, offers. Plain data, times in ms since the epoch. */

export const PRESENCES = ['online', 'away', 'offline'] as const;
/** online: takes new chats; away: keeps their chats, takes no new ones; offline: not serving. */
export type Presence = (typeof PRESENCES)[number];

export const ASSIGNMENT_MODES = ['auto', 'manual'] as const;
/** auto: the queue offers each waiting customer to an agent; manual: agents pick from the queue. */
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number];

/** A staff member who serves chats at the desk, as the engine routes to them. */
export interface DeskAgent {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly skills: readonly string[];
  /** Chats they may hold at once. */
  readonly capacity: number;
}

/** A conversation waiting for a human. */
export interface QueueEntry {
  readonly conversationId: string;
  readonly customerId: string;
  readonly channel: string;
  readonly reason: string | null;
  readonly skill: string;
  /** Higher first (routing.yaml priorities). */
  readonly priority: number;
  /** When it entered the queue: orders equal priorities and starts the queue timeout. */
  readonly since: number;
  /** Back after being served (its agent disconnected, a transfer): ahead of new arrivals. */
  readonly front: boolean;
  /** The agent who served this customer last: offered first when they can take it. */
  readonly preferredAgentId: string | null;
}

export interface Offer {
  readonly conversationId: string;
  readonly agentId: string;
  readonly expiresAt: number;
}

/** The engine's time limits (sla.yaml `service`), in ms. */
export interface DeskTimers {
  readonly offerAcceptMs: number;
  readonly queueTimeoutMs: number;
  readonly queueUpdateMs: number;
  readonly averageHandleMs: number;
  readonly reconnectGraceMs: number;
}

/** A waiting customer whose place in the queue changed (they are told, at most every queueUpdateMs). */
export interface PositionUpdate {
  readonly conversationId: string;
  /** Customers ahead of them. */
  readonly ahead: number;
  /** Estimated wait, whole minutes (at least 1). */
  readonly minutes: number;
}

/** What the queue decided at one tick; the service carries it out. */
export interface TickResult {
  /** New offers (auto mode). */
  readonly offers: readonly Offer[];
  /** Offers not accepted in time: their agent was set away; the customer goes to the next agent. */
  readonly expired: readonly Offer[];
  /** Customers who waited past the queue timeout (they get a leave-a-message ticket). */
  readonly timedOut: readonly string[];
  /** Agents whose desk stayed disconnected past the grace period: now offline, their chats go back. */
  readonly abandoned: readonly { readonly agentId: string; readonly conversationIds: readonly string[] }[];
  readonly positions: readonly PositionUpdate[];
}

/** One row of the queue as the desk shows it. */
export interface QueueItem {
  readonly entry: QueueEntry;
  /** 1 = next in line. */
  readonly position: number;
  readonly offeredTo: string | null;
}

/** An agent as the supervisor view shows them. */
export interface AgentStatus {
  readonly agent: DeskAgent;
  readonly presence: Presence;
  readonly connected: boolean;
  /** Chats held now. */
  readonly load: number;
  readonly conversationIds: readonly string[];
  readonly offer: Offer | null;
}
