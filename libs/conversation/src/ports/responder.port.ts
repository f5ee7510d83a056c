import type { BotTurn, Conversation, Message } from '../domain/conversation.types';

export interface ResponderInput {
  readonly conversation: Conversation;
  /** The customer message being answered. */
  readonly message: Message;
}

/**
 * Decides the bot's turn. Implemented by the agent lib (offline script engine, LLM agent).
 * Contract: never throws for ordinary failures: it degrades to a safe standard phrase.
 */
export abstract class Responder {
  abstract greet(conversation: Conversation): Promise<BotTurn>;
  abstract respond(input: ResponderInput): Promise<BotTurn>;
}
