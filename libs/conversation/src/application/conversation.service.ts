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
  TranscriptEvent,
} from '../domain/conversation.types';
import type { ConversationRepository, Routing } from '../ports/conversation.repository.port';
import type { EventBus } from '../ports/event-bus.port';
import type { HumanDesk } from '../ports/human-desk.port';
import type { Responder, ResponderInput, TurnProgress, VerifiedLogin } from '../ports/responder.port';
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

export interface TransitionOptions {
  /** Why (recorded on the state_changed event; request_handoff also stores it as the handoff reason). */
  readonly reason?: string;
  /** assign_agent, reassign: the staff id of the agent who takes the conversation. */
  readonly agentId?: string;
  /** Refuse unless this agent holds the conversation now (CONVERSATION.AGENT_CHANGED). */
  readonly expectAgentId?: string;
  /** assign_agent, reassign: refuse when the taking agent already holds this many (AGENT_AT_CAPACITY). */
  readonly maxLoad?: number;
  /** requeue: ahead of new arrivals (the customer was already being served). */
  readonly queueFront?: boolean;
}

/** A human agent's message as the desk sends it. */
export interface AgentMessage {
  /** The staff username (QA charges the agent's findings to it: payload.agentId). */
  readonly agentId: string;
  /** The name the customer sees. */
  readonly agentName: string;
  /** The desk's id for this message; re-sending it stores nothing new. */
  readonly clientMsgId: string;
  readonly text: string;
  /** Recorded on the message (e.g. the compliance warnings the agent overrode). */
  readonly meta?: Record<string, unknown>;
}

/** The transcript event recorded when a human hands the conversation back to the bot. */
export const HANDBACK_EVENT = 'handoff_returned';
/** Close reason of a conversation the customer never wrote in: no rating invitation, no QA score. */
export const UNUSED_CLOSE_REASON = 'unused';

export const HISTORY_PAGE_MAX = 200;
/** The most messages transcript() reads (a desk view of a very long chat shows its latest part). */
const TRANSCRIPT_MAX = 2000;
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
  private desk: HumanDesk | null = null;

  constructor(
    private readonly repository: ConversationRepository,
    private readonly events: EventBus,
    private readonly responder: Responder,
    private readonly clock: Clock,
    private readonly turns: TurnRunner,
  ) {}

  /** The handoff lib attaches the human side at start (see HumanDesk). */
  attachDesk(desk: HumanDesk): void {
    this.desk = desk;
  }

  /**
   * Runs `task` in the conversation's turn order (after the bot's pending turns, before later
   * ones) and settles with its result. Never call it from inside such a task for the same
   * conversation (use schedule() there).
   */
  run<T>(conversationId: string, task: () => Promise<T>): Promise<T> {
    return this.turns.run(conversationId, task);
  }

  /** Queues `task` in the conversation's turn order without waiting for it (failures are logged). */
  schedule(conversationId: string, task: () => Promise<void>): void {
    this.turns.enqueue(conversationId, task);
  }

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

  /**
   * Moves the state machine, compare-and-set: CONVERSATION.ILLEGAL_TRANSITION from the current
   * state, STATE_CONFLICT when it moved on concurrently, AGENT_CHANGED when expectAgentId no longer
   * holds it, AGENT_AT_CAPACITY when the taking agent reached maxLoad.
   */
  async transition(
    conversationId: string,
    transition: ConversationTransition,
    options: TransitionOptions = {},
  ): Promise<Conversation> {
    const { reason } = options;
    const current = await this.require(conversationId);
    const to = nextState(current.state, transition);
    const updated = await this.repository.changeState(conversationId, {
      from: current.state,
      to,
      at: this.clock.now(),
      ...(options.agentId ? { agentId: options.agentId } : {}),
      ...(options.expectAgentId ? { expectAgentId: options.expectAgentId } : {}),
      ...(options.maxLoad !== undefined ? { maxLoad: options.maxLoad } : {}),
      ...(to === 'queued' ? { queue: { reason, front: options.queueFront ?? false } } : {}),
    });
    if (!updated) throw await this.refusal(conversationId, current, options);
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
      if (reason !== UNUSED_CLOSE_REASON) closed = await this.inviteToRate(updated);
    } finally {
      await this.events.publish({ type: 'conversation.closed', conversation: closed, reason });
    }
    return closed;
  }

  /**
   * The customer ends the chat (web chat 「结束会话」): the open conversation closes with the
   * closing line (`farewell`, from the bot), which starts the CSAT invitation and QA scoring. Waits
   * for the bot's pending turns first, so the transcript is complete. null: the customer has no open
   * conversation on that channel.
   */
  async endByCustomer(
    channel: ChannelKind,
    externalUserId: string,
    farewell?: string,
  ): Promise<Conversation | null> {
    const customerId = await this.repository.resolveCustomer(channel, externalUserId);
    const open = await this.repository.findOpenConversation(customerId, channel);
    if (!open) return null;
    return this.close(open.id, 'customer_ended', farewell);
  }

  /**
   * Closes an open conversation in its turn order: the closing line first (a bot message, when
   * given), then the state change (CSAT invitation, QA scoring). null when it was already closed.
   */
  close(conversationId: string, reason: string, farewell?: string): Promise<Conversation | null> {
    return this.run(conversationId, () => this.closeNow(conversationId, reason, farewell));
  }

  /** close() for a caller already inside the conversation's turn order (a HumanDesk, a run() task). */
  async closeNow(conversationId: string, reason: string, farewell?: string): Promise<Conversation | null> {
    const current = await this.require(conversationId);
    if (current.state === 'closed') return null;
    if (farewell)
      await this.sendTurn(current, { text: farewell, citations: [], meta: { notice: 'closing', reason } });
    return this.transition(conversationId, 'close', { reason });
  }

  /**
   * Stores a bot message (and the events before it) and pushes it to the customer: the bot's
   * turns, and the notices the handoff lib gives (queue position, agent joined, hand-back…).
   */
  async sendTurn(conversation: Conversation, turn: BotTurn): Promise<Message> {
    return this.sendBotTurn(conversation, turn);
  }

  /** Records transcript events (system messages reviewers and QA read; customers never see them). */
  async recordEvents(conversation: Conversation, events: readonly TranscriptEvent[]): Promise<Message[]> {
    const stored: Message[] = [];
    for (const event of events) stored.push(await this.appendEvent(conversation, event));
    return stored;
  }

  /**
   * Stores a human agent's message and pushes it to the customer; idempotent per conversation and
   * agent on clientMsgId (a re-send returns the stored message with duplicate: true).
   * @throws CONVERSATION.NOT_FOUND, CONVERSATION.CLOSED
   */
  async postAgentMessage(conversationId: string, draft: AgentMessage): Promise<ReceiveResult> {
    const conversation = await this.require(conversationId);
    // Channel message ids are unique per channel: the conversation keeps one agent's ids apart across chats.
    const channelMessageId = `desk:${conversationId}:${draft.agentId}:${draft.clientMsgId}`;
    const seen = await this.repository.findMessageByChannelId(conversation.channel, channelMessageId);
    if (seen) return { conversation, message: seen, duplicate: true };
    if (conversation.state === 'closed')
      throw new ConversationException('CONVERSATION.CLOSED', '会话已结束', { conversationId });
    const { message, duplicate } = await this.repository.appendMessage({
      conversationId,
      role: 'agent',
      text: draft.text,
      channel: conversation.channel,
      channelMessageId,
      payload: { ...(draft.meta ?? {}), agentId: draft.agentId, agentName: draft.agentName },
      createdAt: this.clock.now(),
    });
    if (!duplicate) await this.events.publish({ type: 'message.sent', conversation, message });
    return { conversation, message, duplicate };
  }

  /** Skill and priority of a queued conversation (the handoff lib's routing). */
  async setRouting(conversationId: string, routing: Routing): Promise<Conversation> {
    const updated = await this.repository.setRouting(conversationId, routing);
    if (!updated) throw new ConversationException('CONVERSATION.CLOSED', '会话已结束', { conversationId });
    return updated;
  }

  /** Records the one reminder to a silent customer of an agent chat; false if already reminded. */
  markIdleReminded(conversationId: string): Promise<boolean> {
    return this.repository.markIdleReminded(conversationId, this.clock.now());
  }

  /** Every message of a conversation (oldest first, at most the latest TRANSCRIPT_MAX). */
  async transcript(conversationId: string): Promise<Message[]> {
    const conversation = await this.require(conversationId);
    const messages: Message[] = [];
    let before = LAST_SEQ;
    while (messages.length < TRANSCRIPT_MAX) {
      const page = await this.repository.listRecentMessages(conversation.id, HISTORY_PAGE_MAX, before);
      messages.unshift(...page);
      if (page.length < HISTORY_PAGE_MAX) break;
      before = page[0].seq;
    }
    return messages;
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
    if (conversation.state === 'closed') return;
    const input = await this.responderInput(conversation, message);
    switch (conversation.state) {
      case 'bot': {
        const turn = await this.responder.respond(input, this.progressOf(conversation));
        await this.sendBotTurn(conversation, turn, message);
        if (turn.handoff)
          await this.transition(conversation.id, 'request_handoff', { reason: turn.handoff.reason });
        return;
      }
      case 'queued':
      case 'agent':
        // Queue notices, answers while waiting and the agent's view belong to the handoff lib.
        await this.desk?.onCustomerMessage(input);
        return;
    }
  }

  /**
   * What a responder sees of a customer message: the turns before it, since the last hand-back
   * from a human (so the bot never re-reads an old 「转人工」 and escalates again), and the bot's state.
   */
  private async responderInput(conversation: Conversation, message: Message): Promise<ResponderInput> {
    const recent = await this.repository.listRecentMessages(
      conversation.id,
      RESPONDER_HISTORY_TURNS + 1,
      message.seq,
    );
    const handback = recent.findLastIndex((m) => m.role === 'system' && m.payload.event === HANDBACK_EVENT);
    const history = recent.slice(handback + 1).filter((m) => m.role !== 'system');
    return { conversation, message, history, state: latestState(recent) };
  }

  /** Why a compare-and-set transition found nothing to change. */
  private async refusal(
    conversationId: string,
    before: Conversation,
    options: TransitionOptions,
  ): Promise<ConversationException> {
    const now = await this.require(conversationId);
    const details = { conversationId, expected: before.state, state: now.state };
    if (now.state !== before.state)
      return new ConversationException(
        'CONVERSATION.STATE_CONFLICT',
        'Conversation state changed concurrently',
        details,
      );
    if (options.expectAgentId && now.assignedAgentId !== options.expectAgentId)
      return new ConversationException('CONVERSATION.AGENT_CHANGED', '会话已由其他客服接手', details);
    return new ConversationException('CONVERSATION.AGENT_AT_CAPACITY', '客服当前接待量已满', {
      ...details,
      maxLoad: options.maxLoad,
    });
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

  private async appendEvent(conversation: Conversation, event: TranscriptEvent): Promise<Message> {
    const { message } = await this.repository.appendMessage({
      conversationId: conversation.id,
      role: 'system',
      text: event.note,
      channel: conversation.channel,
      payload: { event: event.type, ...(event.data ?? {}) },
      createdAt: this.clock.now(),
    });
    await this.events.publish({ type: 'message.sent', conversation, message });
    return message;
  }

  private async sendBotTurn(conversation: Conversation, turn: BotTurn, replyTo?: Message): Promise<Message> {
    for (const event of turn.events ?? []) await this.appendEvent(conversation, event);
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
