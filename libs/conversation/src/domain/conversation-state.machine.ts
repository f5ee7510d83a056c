import { ConversationException } from './conversation.exception';
import type { ConversationState } from './conversation.types';

export type ConversationTransition =
  'request_handoff' | 'assign_agent' | 'reassign' | 'requeue' | 'return_to_bot' | 'close';

/**
 * bot → queued → agent → bot | closed. Every legal move is listed here; anything else is refused.
 * - request_handoff: the bot (or the customer) asks for a human; the conversation waits in the queue.
 * - assign_agent:    a human agent takes it from the queue.
 * - reassign:        another agent takes it over directly (transfer to a named agent, supervisor take-over).
 * - requeue:         back to the queue from an agent (transfer to a skill, the agent's desk disconnected).
 * - return_to_bot:   the agent hands back, or the customer stops waiting (a leave-a-message ticket).
 * - close:           from any open state.
 */
const TRANSITIONS: Readonly<
  Record<ConversationTransition, Partial<Record<ConversationState, ConversationState>>>
> = {
  request_handoff: { bot: 'queued' },
  assign_agent: { queued: 'agent' },
  reassign: { agent: 'agent' },
  requeue: { agent: 'queued' },
  return_to_bot: { queued: 'bot', agent: 'bot' },
  close: { bot: 'closed', queued: 'closed', agent: 'closed' },
};

export function nextState(from: ConversationState, transition: ConversationTransition): ConversationState {
  const to = TRANSITIONS[transition][from];
  if (!to) {
    throw new ConversationException(
      'CONVERSATION.ILLEGAL_TRANSITION',
      `Transition "${transition}" is not allowed from state "${from}"`,
      { from, transition },
    );
  }
  return to;
}

export function canTransition(from: ConversationState, transition: ConversationTransition): boolean {
  return TRANSITIONS[transition][from] !== undefined;
}
