import type { Clock } from '@anxin/common';
import { ConversationException } from '../domain/conversation.exception';
import { nextState, type ConversationTransition } from '../domain/conversation-state.machine';
import {
  CSAT_INVITATION_EVENT,
  CSAT_INVITATION_NOTE,
  checkCsatRating,
  type CsatRating,
  offersCsat,
} from '../domain/csat.policy';
import type {
  BotTurn,
  ChannelKind,
  Conversation,
  InboundMessage,
  Message,
} from '../domain/conversation.types';
import type { ConversationRepository } from '../ports/conversation.repository.port';
import type { EventBus } from '../ports/event-bus.port';
import type { Responder, TurnProgress, VerifiedLogin } from '../ports/responder.port';
import type { ConversationEvent } from '../domain/conversation.events';
import type { TurnRunner } from './turn-runner';

export interface ReceiveResult {
  readonly conversation: Conversation;
  readonly message: Message;
  /** The channel message was seen before: same stored message, nothing new happened. */
  readonly duplicate: boolean;
}

export interface SessionResult {
  readonly customerId: string;
  readonly conversation: Conversation;
  readonly created: boolean;
}

export const HISTORY_PAGE_MAX = 200;
/** How many earlier turns a responder sees. */
export const RESPONDER_HISTORY_TURNS = 20;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The core's use cases: start or resume a conversation, receive a customer message (persist
 * first, then react by state), read history, and move the state machine. Channel- and LLM-free.
 */
/** Above any message's seq (an int4 column): "the latest messages". */
const LAST_SEQ = 2_147_483_647;

export class ConversationService {
  constructor(
    private readonly repository: ConversationRepository,
    private readonly events: EventBus,
    private readonly responder: Responder,
    private readonly clock: Clock,
    private readonly turns: TurnRunner,
  ) {}

  /** The customer's open conversation on this channel; a new one (greeted) if there is none. */
  /**
   * Opens (or resumes) the customer's conversation. With a verified login (the insurer's app
   * vouched for the customer) the responder records it on the transcript, once per conversation.
   */
  async startOrResume(
    channel: ChannelKind,
    externalUserId: string,
    login?: VerifiedLogin,
  ): Promise<SessionResult> {
    const customerId = await this.repository.resolveCustomer(channel, externalUserId);
    const { conversation, created } = await this.ensureOpen(customerId, channel);
    if (login && conversation.state === 'bot') {
      const recent = await this.repository.listRecentMessages(
        conversation.id,
        RESPONDER_HISTORY_TURNS,
        LAST_SEQ,
      );
      const turn = await this.responder.loginVerified({ conversation, login, state: latestState(recent) });
      if (turn) await this.sendBotTurn(conversation, turn);
    }
    return { customerId, conversation, created };
  }

  async receive(inbound: InboundMessage): Promise<ReceiveResult> {
    const seen = await this.repository.findMessageByChannelId(inbound.channel, inbound.channelMessageId);
    if (seen)
      return { conversation: await this.require(seen.conversationId), message: seen, duplicate: true };

    const customerId = await this.repository.resolveCustomer(inbound.channel, inbound.externalUserId);
    const { conversation } = await this.ensureOpen(customerId, inbound.channel);
    const { message, duplicate } = await this.repository.appendMessage({
      conversationId: conversation.id,
      role: 'customer',
      text: inbound.text,
      channel: inbound.channel,
      channelMessageId: inbound.channelMessageId,
      createdAt: this.clock.now(),
    });
    if (duplicate) return { conversation: await this.require(message.conversationId), message, duplicate };

    await this.events.publish({ type: 'message.received', conversation, message });
    this.turns.enqueue(conversation.id, () => this.react(conversation.id, message));
    return { conversation, message, duplicate };
  }

  async history(conversationId: string, afterSeq: number, limit = HISTORY_PAGE_MAX): Promise<Message[]> {
    await this.require(conversationId);
    return this.repository.listMessages(
      conversationId,
      afterSeq,
      Math.min(Math.max(limit, 1), HISTORY_PAGE_MAX),
    );
  }

  async getConversation(id: string): Promise<Conversation> {
    return this.require(id);
  }

  async transition(
    conversationId: string,
    transition: ConversationTransition,
    reason?: string,
  ): Promise<Conversation> {
    const current = await this.require(conversationId);
    const to = nextState(current.state, transition);
    const updated = await this.repository.changeState(conversationId, {
      from: current.state,
      to,
      at: this.clock.now(),
    });
    if (!updated) {
      throw new ConversationException(
        'CONVERSATION.STATE_CONFLICT',
        'Conversation state changed concurrently',
        {
          conversationId,
          expected: current.state,
        },
      );
    }
    await this.events.publish({
      type: 'conversation.state_changed',
      conversation: updated,
      from: current.state,
      to,
      transition,
      reason,
    });
    if (to !== 'closed') return updated;
    // The invitation is in the transcript before conversation.closed starts QA scoring; a failed
    // invitation still lets the conversation be scored.
    let closed = updated;
    try {
      closed = await this.inviteToRate(updated);
    } finally {
      await this.events.publish({ type: 'conversation.closed', conversation: closed });
    }
    return closed;
  }

  /**
   * The customer ends the chat (web chat 「结束会话」): the open conversation closes, which starts
   * the CSAT invitation and QA scoring. Waits for the bot's pending turns first, so the transcript
   * is complete. null: the customer has no open conversation on that channel.
   */
  async endByCustomer(channel: ChannelKind, externalUserId: string): Promise<Conversation | null> {
    const customerId = await this.repository.resolveCustomer(channel, externalUserId);
    const open = await this.repository.findOpenConversation(customerId, channel);
    if (!open) return null;
    await this.turns.settle(open.id);
    const current = await this.require(open.id);
    if (current.state === 'closed') return null;
    return this.transition(open.id, 'close', 'customer_ended');
  }

  /**
   * The customer rates a conversation they were invited to rate (CSAT), once: one conditional
   * update, so of concurrent submissions one wins and nothing is overwritten.
   * @throws CONVERSATION.CSAT_INVALID, NOT_FOUND (unknown or another customer's conversation),
   *   CSAT_NOT_INVITED (still open, or on a channel that cannot rate), CSAT_ALREADY_SUBMITTED
   */
  async rateByCustomer(
    channel: ChannelKind,
    externalUserId: string,
    conversationId: string,
    rating: CsatRating,
  ): Promise<Conversation> {
    const { score, comment } = checkCsatRating(rating);
    const customerId = await this.repository.resolveCustomer(channel, externalUserId);
    const known = UUID.test(conversationId);
    const rated = known
      ? await this.repository.saveCsat({ conversationId, customerId, score, comment, at: this.clock.now() })
      : null;
    if (rated) {
      await this.events.publish({ type: 'conversation.rated', conversation: rated });
      return rated;
    }
    // Refused: say why without telling one customer anything about another's conversation.
    const current = known ? await this.repository.getConversation(conversationId) : null;
    const details = { conversationId };
    if (!current || current.customerId !== customerId)
      throw new ConversationException('CONVERSATION.NOT_FOUND', '会话不存在', details);
    if (current.csat != null)
      throw new ConversationException(
        'CONVERSATION.CSAT_ALREADY_SUBMITTED',
        '您已评价过本次服务，感谢您的反馈',
        details,
      );
    throw new ConversationException('CONVERSATION.CSAT_NOT_INVITED', '会话结束后才能评价本次服务', details);
  }

  /** Waits until every queued bot turn has been answered (shutdown, tests). */
  drain(): Promise<void> {
    return this.turns.drain();
  }

  private async ensureOpen(
    customerId: string,
    channel: ChannelKind,
  ): Promise<{ conversation: Conversation; created: boolean }> {
    const open = await this.repository.findOpenConversation(customerId, channel);
    if (open) return { conversation: open, created: false };
    const result = await this.repository.openConversation(customerId, channel, this.clock.now());
    if (result.created)
      await this.sendBotTurn(result.conversation, await this.responder.greet(result.conversation));
    return result;
  }

  /** Invites the customer to rate a conversation that just closed, once, on channels that can. */
  private async inviteToRate(conversation: Conversation): Promise<Conversation> {
    if (!offersCsat(conversation.channel) || conversation.csatInvitedAt != null) return conversation;
    const invitation = await this.repository.recordCsatInvitation({
      conversationId: conversation.id,
      role: 'system',
      text: CSAT_INVITATION_NOTE,
      channel: conversation.channel,
      payload: { event: CSAT_INVITATION_EVENT },
      createdAt: this.clock.now(),
    });
    if (!invitation) return conversation;
    await this.events.publish({
      type: 'message.sent',
      conversation: invitation.conversation,
      message: invitation.message,
    });
    return invitation.conversation;
  }

  /** What happens after a customer message is stored, by the conversation's state at that moment. */
  private async react(conversationId: string, message: Message): Promise<void> {
    const conversation = await this.require(conversationId);
    switch (conversation.state) {
      case 'bot': {
        const recent = await this.repository.listRecentMessages(
          conversationId,
          RESPONDER_HISTORY_TURNS + 1,
          message.seq,
        );
        const history = recent.filter((m) => m.role !== 'system');
        const turn = await this.responder.respond(
          { conversation, message, history, state: latestState(recent) },
          this.progressOf(conversation),
        );
        await this.sendBotTurn(conversation, turn, message);
        if (turn.handoff) await this.transition(conversation.id, 'request_handoff', turn.handoff.reason);
        return;
      }
      case 'queued':
      case 'agent':
      case 'closed':
        // Queue notices and agent delivery belong to the handoff lib, which listens to message.received.
        return;
    }
  }

  private progressOf(conversation: Conversation): TurnProgress {
    const publish = (event: ConversationEvent): void => {
      this.events.publish(event).catch(() => undefined);
    };
    return {
      typing: () => publish({ type: 'bot.typing', conversation }),
      delta: (draftId, text) => publish({ type: 'bot.delta', conversation, draftId, text }),
    };
  }

  private async sendBotTurn(conversation: Conversation, turn: BotTurn, replyTo?: Message): Promise<Message> {
    for (const event of turn.events ?? []) {
      const { message } = await this.repository.appendMessage({
        conversationId: conversation.id,
        role: 'system',
        text: event.note,
        channel: conversation.channel,
        payload: { event: event.type, ...(event.data ?? {}) },
        createdAt: this.clock.now(),
      });
      await this.events.publish({ type: 'message.sent', conversation, message });
    }
    const { message } = await this.repository.appendMessage({
      conversationId: conversation.id,
      role: 'bot',
      text: turn.text,
      channel: conversation.channel,
      citations: turn.citations,
      payload: {
        ...(turn.meta ?? {}),
        ...(replyTo ? { replyToSeq: replyTo.seq } : {}),
        ...(turn.handoff ? { handoff: turn.handoff } : {}),
        ...(turn.quickReplies?.length ? { quickReplies: turn.quickReplies } : {}),
        ...(turn.state ? { state: turn.state } : {}),
      },
      createdAt: this.clock.now(),
    });
    await this.events.publish({ type: 'message.sent', conversation, message });
    return message;
  }

  private async require(id: string): Promise<Conversation> {
    const conversation = UUID.test(id) ? await this.repository.getConversation(id) : null;
    if (!conversation)
      throw new ConversationException('CONVERSATION.NOT_FOUND', '会话不存在', { conversationId: id });
    return conversation;
  }
}

/** The responder state stored on the latest bot message that carries one. */
function latestState(messages: readonly Message[]): Readonly<Record<string, unknown>> {
  for (let i = messages.length - 1; i >= 0; i--) {
    const state = messages[i].role === 'bot' ? messages[i].payload.state : undefined;
    if (state && typeof state === 'object' && !Array.isArray(state)) return state as Record<string, unknown>;
  }
  return {};
}
