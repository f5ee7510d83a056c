import type {
  ConversationEvent,
  ConversationEventOf,
  ConversationEventType,
} from '../domain/conversation.events';

export type EventHandler<T extends ConversationEventType> = (
  event: ConversationEventOf<T>,
) => void | Promise<void>;

/** Cross-module reactions go through events: in-process now, Redis when scaled out. */
export abstract class EventBus {
  abstract publish(event: ConversationEvent): Promise<void>;
  abstract subscribe<T extends ConversationEventType>(type: T, handler: EventHandler<T>): () => void;
}
