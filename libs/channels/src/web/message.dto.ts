import type { Message, MessageRole } from '@anxin/conversation';

/** The wire shape of the `message` event and of history entries. */
export interface MessageDto {
  readonly id: string;
  readonly conversationId: string;
  readonly seq: number;
  readonly role: MessageRole;
  readonly text: string;
  readonly citations: { scriptId: string; version: number; title: string }[];
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
    createdAt: message.createdAt.toISOString(),
  };
}
