import type { Message } from '@anxin/conversation';
import type { ActiveConversation, Ticket } from './handoff.store.port';
import type { DeskAgent, Presence, QueueItem } from '../engine/desk.types';

/** Wire shapes of the desk API (docs/api/desk.md). Dates are ISO strings. */

export interface AgentRef {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
}

export interface QueueItemDto {
  readonly conversationId: string;
  readonly channel: string;
  readonly reason: string | null;
  readonly reasonTitle: string | null;
  readonly skill: string;
  readonly skillTitle: string;
  readonly priority: number;
  readonly waitingSince: string;
  readonly waitingSeconds: number;
  readonly position: number;
  /** The username of the agent it is offered to now (auto mode), or null. */
  readonly offeredTo: string | null;
}

export interface DeskConversationDto {
  readonly conversationId: string;
  readonly channel: string;
  readonly state: 'queued' | 'agent' | 'bot' | 'closed';
  readonly skill: string | null;
  readonly skillTitle: string | null;
  readonly reason: string | null;
  readonly reasonTitle: string | null;
  readonly priority: number;
  readonly assignedAgent: AgentRef | null;
  readonly openedAt: string;
  readonly queuedAt: string | null;
  readonly assignedAt: string | null;
  readonly firstAgentReplyAt: string | null;
  /** The customer wrote last and nobody has answered yet. */
  readonly awaitingReply: boolean;
  readonly lastMessage: { readonly role: string; readonly text: string; readonly at: string } | null;
}

export interface DeskMessageDto {
  readonly id: string;
  readonly seq: number;
  readonly role: string;
  readonly text: string;
  readonly createdAt: string;
  readonly citations: readonly { scriptId: string; version: number; title: string }[];
  /** Agent messages: who wrote it. */
  readonly agent: { readonly username: string; readonly displayName: string } | null;
  /** System messages: the transcript event (handoff_requested, kyc_passed, agent_note…). */
  readonly event: string | null;
  /** Internal notes are system messages with event agent_note; never shown to the customer. */
  readonly note: boolean;
  /** Bot messages the desk itself sent (queue notices, agent joined…): their kind. */
  readonly notice: string | null;
  /** Agent messages sent despite compliance warnings: the checks overridden. */
  readonly overridden: readonly string[];
}

export interface TicketDto {
  readonly number: string;
  readonly conversationId: string;
  readonly channel: string;
  readonly reason: string;
  readonly skill: string | null;
  readonly status: string;
  readonly createdAt: string;
  readonly closedAt: string | null;
  readonly closedBy: string | null;
  readonly resolution: string | null;
}

export interface PresenceDto {
  readonly status: Presence;
  readonly load: number;
  readonly capacity: number;
}

export function toAgentRef(agent: DeskAgent | null | undefined): AgentRef | null {
  return agent ? { id: agent.id, username: agent.username, displayName: agent.displayName } : null;
}

export function toQueueItem(
  item: QueueItem,
  now: number,
  names: {
    skillTitle(key: string): string;
    reasonTitle(key: string): string;
    username(id: string): string | null;
  },
): QueueItemDto {
  const { entry } = item;
  return {
    conversationId: entry.conversationId,
    channel: entry.channel,
    reason: entry.reason,
    reasonTitle: entry.reason ? names.reasonTitle(entry.reason) : null,
    skill: entry.skill,
    skillTitle: names.skillTitle(entry.skill),
    priority: entry.priority,
    waitingSince: new Date(entry.since).toISOString(),
    waitingSeconds: Math.max(0, Math.round((now - entry.since) / 1000)),
    position: item.position,
    offeredTo: item.offeredTo ? names.username(item.offeredTo) : null,
  };
}

export function toDeskConversation(
  row: ActiveConversation,
  agent: DeskAgent | null | undefined,
  names: { skillTitle(key: string): string; reasonTitle(key: string): string },
): DeskConversationDto {
  return {
    conversationId: row.conversationId,
    channel: row.channel,
    state: row.state,
    skill: row.skill,
    skillTitle: row.skill ? names.skillTitle(row.skill) : null,
    reason: row.reason,
    reasonTitle: row.reason ? names.reasonTitle(row.reason) : null,
    priority: row.priority,
    assignedAgent: row.state === 'agent' ? toAgentRef(agent) : null,
    openedAt: row.openedAt.toISOString(),
    queuedAt: row.queuedAt?.toISOString() ?? null,
    assignedAt: row.assignedAt?.toISOString() ?? null,
    firstAgentReplyAt: row.firstAgentReplyAt?.toISOString() ?? null,
    awaitingReply: row.lastMessage?.role === 'customer',
    lastMessage: row.lastMessage
      ? { role: row.lastMessage.role, text: row.lastMessage.text, at: row.lastMessage.at.toISOString() }
      : null,
  };
}

export function toDeskMessage(message: Message): DeskMessageDto {
  const { payload } = message;
  const event = message.role === 'system' && typeof payload.event === 'string' ? payload.event : null;
  const agentId = typeof payload.agentId === 'string' ? payload.agentId : null;
  const agentName = typeof payload.agentName === 'string' ? payload.agentName : agentId;
  const overridden = Array.isArray(payload.overridden)
    ? payload.overridden.filter((item): item is string => typeof item === 'string')
    : [];
  return {
    id: message.id,
    seq: message.seq,
    role: message.role,
    text: message.text,
    createdAt: message.createdAt.toISOString(),
    citations: message.citations.map((c) => ({ scriptId: c.scriptId, version: c.version, title: c.title })),
    agent:
      (message.role === 'agent' || event === 'agent_note') && agentId
        ? { username: agentId, displayName: agentName ?? agentId }
        : null,
    event,
    note: event === 'agent_note',
    notice: message.role === 'bot' && typeof payload.notice === 'string' ? payload.notice : null,
    overridden,
  };
}

export function toTicketDto(ticket: Ticket): TicketDto {
  return {
    number: ticket.number,
    conversationId: ticket.conversationId,
    channel: ticket.channel,
    reason: ticket.reason,
    skill: ticket.skill,
    status: ticket.status,
    createdAt: ticket.createdAt.toISOString(),
    closedAt: ticket.closedAt?.toISOString() ?? null,
    closedBy: ticket.closedBy,
    resolution: ticket.resolution,
  };
}
