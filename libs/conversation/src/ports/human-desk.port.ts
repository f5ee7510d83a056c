import type { ResponderInput } from './responder.port';

/**
 * The human side of a conversation (implemented by the handoff lib): what happens to a customer
 * message stored while the conversation waits in the queue or is served by a human agent. It runs
 * in the conversation's turn order, like a bot turn, so it must not wait on
 * ConversationService.run() for the same conversation (it is already inside it).
 * Attached at start (ConversationService.attachDesk); without one, such messages are only stored.
 */
export abstract class HumanDesk {
  abstract onCustomerMessage(input: ResponderInput): Promise<void>;
}
