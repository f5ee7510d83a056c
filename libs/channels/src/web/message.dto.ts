import type { Message, MessageRole } from '@anxin/conversation';

/** The wire shape of the `message` event and of history entries. */
export interface MessageDto {
  readonly id: string;
  readonly conversationId: string;
  readonly seq: number;
  readonly role: MessageRole;
  readonly text: string;
  readonly citations: { scriptId: string; version: number; title: string }[];
  /** Tap-to-send suggestions of a bot message (empty otherwise). */
  readonly quickReplies: string[];
  /** Set on a bot message that was streamed: replaces the `message:delta` pieces with this draftId. */
  readonly draftId: string | null;
  /** role agent: the human agent's name as the customer sees it (e.g. 「客服 刘洋」); null otherwise. */
  readonly displayName: string | null;
  readonly createdAt: string;
}

export function toMessageDto(message: Message): MessageDto {
  return {
    id: message.id,
    conversationId: message.conversationId,
    seq: message.seq,
    role: message.role,
    text: message.text,
    citations: message.citations.map((c) => ({ scriptId: c.scriptId, version: c.version, title: c.title })),
    quickReplies: quickRepliesOf(message.payload),
    draftId: typeof message.payload.draftId === 'string' ? message.payload.draftId : null,
    displayName:
      message.role === 'agent' && typeof message.payload.agentName === 'string'
        ? message.payload.agentName
        : null,
    createdAt: message.createdAt.toISOString(),
  };
}

function quickRepliesOf(payload: Readonly<Record<string, unknown>>): string[] {
  const value = payload.quickReplies;
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
