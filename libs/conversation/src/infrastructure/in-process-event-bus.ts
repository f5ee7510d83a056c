import type { ConversationEvent, ConversationEventType } from '../domain/conversation.events';
import { EventBus, type EventHandler } from '../ports/event-bus.port';

type AnyHandler = (event: ConversationEvent) => void | Promise<void>;

/**
 * Delivers each event to every subscriber in order of subscription. A failing handler is
 * reported through onError and does not stop the others or the publisher.
 */
export class InProcessEventBus extends EventBus {
  private readonly handlers = new Map<ConversationEventType, Set<AnyHandler>>();

  constructor(private readonly onError: (error: unknown, event: ConversationEvent) => void) {
    super();
  }

  async publish(event: ConversationEvent): Promise<void> {
    for (const handler of [...(this.handlers.get(event.type) ?? [])]) {
      try {
        await handler(event);
      } catch (error) {
        this.onError(error, event);
      }
    }
  }

  subscribe<T extends ConversationEventType>(type: T, handler: EventHandler<T>): () => void {
    const set = this.handlers.get(type) ?? new Set<AnyHandler>();
    set.add(handler as AnyHandler);
    this.handlers.set(type, set);
    return () => set.delete(handler as AnyHandler);
  }
}
