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
  /** `reason` as given to the close (UNUSED_CLOSE_REASON: nobody wrote; it is neither rated nor scored). */
  | { readonly type: 'conversation.closed'; readonly conversation: Conversation; readonly reason?: string }
  /** The customer rated a closed conversation (CSAT); `conversation` carries the rating. */
  | { readonly type: 'conversation.rated'; readonly conversation: Conversation }
  /** The bot started composing a reply (channels show a typing indicator). */
  | { readonly type: 'bot.typing'; readonly conversation: Conversation }
  /** A checked piece of a reply still being composed; the final `message.sent` carries the same draftId. */
  | {
      readonly type: 'bot.delta';
      readonly conversation: Conversation;
      readonly draftId: string;
      readonly text: string;
    };

export type ConversationEventType = ConversationEvent['type'];
export type ConversationEventOf<T extends ConversationEventType> = Extract<ConversationEvent, { type: T }>;
