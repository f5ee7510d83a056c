import type { ConversationState, Conversation, Message } from './conversation.types';
import type { ConversationTransition } from './conversation-state.machine';

export type ConversationEvent =
  | { readonly type: 'message.received'; readonly conversation: Conversation; readonly message: Message }
  | { readonly type: 'message.sent'; readonly conversation: Conversation; readonly message: Message }
  | {
      readonly type: 'conversation.state_changed';
      readonly conversation: Conversation;
      readonly from: ConversationState;
      readonly to: ConversationState;
      readonly transition: ConversationTransition;
      readonly reason?: string;
    }
  | { readonly type: 'conversation.closed'; readonly conversation: Conversation };

export type ConversationEventType = ConversationEvent['type'];
export type ConversationEventOf<T extends ConversationEventType> = Extract<ConversationEvent, { type: T }>;
