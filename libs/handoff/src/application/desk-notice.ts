import type { BotTurn } from '@anxin/conversation';

/**
 * A customer-facing notice of the desk (queue place, agent joined, transfer, ticket, idle close…):
 * a bot message marked with its kind (`payload.notice`), citing nothing.
 */
export function deskNotice(kind: string, text: string, data: Record<string, unknown> = {}): BotTurn {
  return { text, citations: [], meta: { notice: kind, ...data } };
}
