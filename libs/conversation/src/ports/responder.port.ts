import type { BotTurn, Conversation, Message } from '../domain/conversation.types';

export interface ResponderInput {
  readonly conversation: Conversation;
  /** The customer message being answered. */
  readonly message: Message;
  /** The latest turns before it (oldest first, system events excluded), for context. */
  readonly history: readonly Message[];
  /** `state` of the latest bot turn that carried one; {} when none. */
  readonly state: Readonly<Record<string, unknown>>;
}

/** Streaming side channel of a turn: what the customer may see while the bot is still composing. */
export interface TurnProgress {
  /** The bot has started composing (typing indicator). */
  typing(): void;
  /** A checked piece of the answer; `draftId` ties the pieces to the final message. */
  delta(draftId: string, text: string): void;
}

/**
 * Decides the bot's turn. Implemented by the agent lib (offline script engine, LLM agent).
 * Contract: never throws for ordinary failures: it degrades to a safe standard phrase.
 */
export abstract class Responder {
  abstract greet(conversation: Conversation): Promise<BotTurn>;
  abstract respond(input: ResponderInput, progress?: TurnProgress): Promise<BotTurn>;

  /**
   * The customer opened the chat logged in to the insurer's app (a verified login counts as the
   * identity check): the turn that records it, or null when the conversation already knows.
   */
  loginVerified(_input: LoginInput): Promise<BotTurn | null> {
    return Promise.resolve(null);
  }

  /**
   * The customer waits for a human agent and wrote again: an approved answer when the message is a
   * question the bot can answer confidently, else null (the desk acknowledges it instead). It never
   * starts a flow or a handoff. The default answers nothing.
   */
  answerWhileWaiting(_input: ResponderInput): Promise<BotTurn | null> {
    return Promise.resolve(null);
  }
}

/** A login the insurer vouched for (a signed app ticket). */
export interface VerifiedLogin {
  readonly customerRef: string;
  readonly name: string;
  readonly method: 'app_login';
}

export interface LoginInput {
  readonly conversation: Conversation;
  readonly login: VerifiedLogin;
  /** The responder state of the latest bot message. */
  readonly state: Readonly<Record<string, unknown>>;
}
