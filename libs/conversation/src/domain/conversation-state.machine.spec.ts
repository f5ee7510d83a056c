import { ConversationException } from './conversation.exception';
import { canTransition, type ConversationTransition, nextState } from './conversation-state.machine';
import type { ConversationState } from './conversation.types';

const STATES: ConversationState[] = ['bot', 'queued', 'agent', 'closed'];
const TRANSITIONS: ConversationTransition[] = [
  'request_handoff',
  'assign_agent',
  'reassign',
  'requeue',
  'return_to_bot',
  'close',
];

const LEGAL: [ConversationState, ConversationTransition, ConversationState][] = [
  ['bot', 'request_handoff', 'queued'],
  ['queued', 'assign_agent', 'agent'],
  ['agent', 'reassign', 'agent'],
  ['agent', 'requeue', 'queued'],
  ['queued', 'return_to_bot', 'bot'],
  ['agent', 'return_to_bot', 'bot'],
  ['bot', 'close', 'closed'],
  ['queued', 'close', 'closed'],
  ['agent', 'close', 'closed'],
];

describe('conversation state machine', () => {
  it.each(LEGAL)('%s --%s--> %s', (from, transition, to) => {
    expect(nextState(from, transition)).toBe(to);
    expect(canTransition(from, transition)).toBe(true);
  });

  const illegal = STATES.flatMap((from) => TRANSITIONS.map((t) => [from, t] as const)).filter(
    ([from, t]) => !LEGAL.some(([f, tr]) => f === from && tr === t),
  );

  it.each(illegal)('refuses %s --%s--> with CONVERSATION.ILLEGAL_TRANSITION', (from, transition) => {
    expect(canTransition(from, transition)).toBe(false);
    expect(() => nextState(from, transition)).toThrow(ConversationException);
    try {
      nextState(from, transition);
    } catch (error) {
      expect((error as ConversationException).code).toBe('CONVERSATION.ILLEGAL_TRANSITION');
      expect((error as ConversationException).kind).toBe('conflict');
    }
  });

  it('has nothing leaving closed', () => {
    expect(TRANSITIONS.filter((t) => canTransition('closed', t))).toEqual([]);
  });
});
