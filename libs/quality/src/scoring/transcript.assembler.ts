import type { Conversation, Message } from '@anxin/conversation';
import { RULE_EVENTS } from '@anxin/knowledge';
import type { QaEvent, QaMessage, QaTranscript } from '../engine/quality.types';

const KNOWN_EVENTS: ReadonlySet<string> = new Set(RULE_EVENTS);

/** Channels whose chat window shows a lasting "AI智能客服" label (the web widget's header). */
const AI_LABELLED_CHANNELS: ReadonlySet<string> = new Set(['web']);

/**
 * A stored conversation as the QA engine reads it: customer, bot and agent turns in order, with
 * seconds from the opening; system messages that record an event (kyc_passed, handoff_requested…)
 * become events attached to the turn before them. Events the standard does not know are left out.
 * Every bot turn carries the ids of the scripts it cited (an empty list when it cited none: the store
 * records citations, so CS-20 reads an uncited turn as citing nothing).
 */
export function assembleTranscript(conversation: Conversation, messages: readonly Message[]): QaTranscript {
  const start = conversation.openedAt.getTime();
  const secondsOf = (at: Date): number => Math.max(0, Math.round((at.getTime() - start) / 100) / 10);
  const turns: QaMessage[] = [];
  const events: QaEvent[] = [{ t: 0, type: 'conversation_opened' }];
  if (AI_LABELLED_CHANNELS.has(conversation.channel)) events.push({ t: 0, type: 'ai_label_shown' });
  for (const message of messages) {
    if (message.role === 'system') {
      const type = message.payload.event;
      if (typeof type === 'string' && KNOWN_EVENTS.has(type))
        events.push({
          t: secondsOf(message.createdAt),
          type,
          ...(turns.length > 0 ? { messageIndex: turns.length - 1 } : {}),
        });
      continue;
    }
    const agentId = message.payload.agentId;
    turns.push({
      role: message.role,
      t: secondsOf(message.createdAt),
      text: message.text,
      id: message.id,
      ...(message.role === 'agent' && typeof agentId === 'string' ? { agentId } : {}),
      ...(message.role === 'bot' ? { citations: message.citations.map((c) => c.scriptId) } : {}),
    });
  }
  if (conversation.closedAt)
    events.push({ t: secondsOf(conversation.closedAt), type: 'conversation_closed' });
  return { id: conversation.id, channel: conversation.channel, messages: turns, events };
}
