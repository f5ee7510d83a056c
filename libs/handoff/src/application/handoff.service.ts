import type { Clock, Logger } from '@anxin/common';
import {
  type BotTurn,
  type Conversation,
  type ConversationEventOf,
  type ConversationService,
  type EventBus,
  HumanDesk,
  type Message,
  type Responder,
  type ResponderInput,
  type TranscriptEvent,
} from '@anxin/conversation';
import type { KnowledgeBase, KnowledgeService, Stage } from '@anxin/knowledge';
import type { StaffService, StaffUser } from '@anxin/staff';
import type { DeskEngine } from '../engine/desk.engine';
import type { DeskAgent, DeskTimers, PositionUpdate, QueueEntry, TickResult } from '../engine/desk.types';
import { deskAgentOf } from './desk-agent';
import { HandoffException } from '../handoff.exception';
import { deskNotice } from './desk-notice';
import type { DeskNotifier } from './desk-notifier.port';
import { LifecycleTimers } from './lifecycle.timers';
import type { HandoffStore, TicketReason } from './handoff.store.port';

/** How often the lifecycle timers look for idle conversations (they read the database). */
const LIFECYCLE_SCAN_MS = 5_000;
/** How far back onQueued reads the transcript for the handoff reason, stage and priority cues. */
const ROUTING_LOOKBACK = 60;

export interface HandoffServiceParts {
  readonly conversations: ConversationService;
  readonly events: EventBus;
  readonly responder: Responder;
  readonly store: HandoffStore;
  readonly notifier: DeskNotifier;
  readonly staff: StaffService;
  readonly knowledge: KnowledgeService;
  readonly engine: DeskEngine;
  readonly clock: Clock;
  readonly logger: Logger;
}

const TICKET_PHRASE: Record<TicketReason, string> = {
  after_hours: 'ticket_after_hours',
  no_agent: 'ticket_no_agent',
  queue_timeout: 'ticket_queue_timeout',
};

/**
 * The human queue end to end: a conversation the bot hands over is routed (skill and priority
 * from routing.yaml), queued with an honest notice of its place and wait, or given a leave-a-
 * message ticket when no human can join (outside service hours, nobody online, waited too long);
 * offers go to agents and lapse to the next one; a desk that stays disconnected gives its chats
 * back to the queue, first in line; the customer is told at every step. Each tick also runs the
 * lifecycle timers (LifecycleTimers). Plain TypeScript: the Nest module wires it and calls tick()
 * every second.
 */
export class HandoffService extends HumanDesk {
  private readonly unsubscribe: (() => void)[] = [];
  private running: Promise<void> | null = null;
  private again = false;
  private lastScan = 0;
  private configuredFor: KnowledgeBase | null = null;

  private readonly lifecycle: LifecycleTimers;

  constructor(private readonly parts: HandoffServiceParts) {
    super();
    this.lifecycle = new LifecycleTimers({
      conversations: parts.conversations,
      store: parts.store,
      knowledge: parts.knowledge,
      agentById: (id) => this.agentById(id),
    });
  }

  get engine(): DeskEngine {
    return this.parts.engine;
  }

  /** Subscribes to the conversation events and restores the queue and assignments from the database. */
  async start(): Promise<void> {
    const { events, conversations } = this.parts;
    this.configure();
    this.unsubscribe.push(
      events.subscribe('conversation.state_changed', (event) => this.onStateChanged(event)),
    );
    conversations.attachDesk(this);
    await this.restore();
  }

  stop(): void {
    this.unsubscribe.splice(0).forEach((off) => off());
  }

  /** The staff member as the engine knows them (registered on first sight, profile refreshed). */
  register(user: StaffUser): DeskAgent {
    const agent = deskAgentOf(user);
    this.parts.engine.register(agent, this.now());
    return agent;
  }

  // ─── the customer side ─────────────────────────────────────────────────────────────────────────

  /** A customer message while queued: an approved answer when the bot has one, else their place. */
  async onCustomerMessage(input: ResponderInput): Promise<void> {
    const { conversation } = input;
    if (conversation.state !== 'queued') return;
    const { responder, conversations, engine } = this.parts;
    const answer = await responder.answerWhileWaiting(input).catch((error: unknown) => {
      this.parts.logger.warn({ err: error, conversationId: conversation.id }, 'answer while waiting failed');
      return null;
    });
    const phrases = this.kb().phrases;
    if (answer) {
      await conversations.sendTurn(conversation, {
        ...answer,
        text: `${phrases.phrase('queue_bot_answer')}${answer.text}`,
        meta: { ...answer.meta, notice: 'answer_while_waiting', replyToSeq: input.message.seq },
      });
      return;
    }
    const place = engine.positionOf(conversation.id);
    if (!place) return;
    await conversations.sendTurn(
      conversation,
      this.notice(
        'queue_message_kept',
        phrases.fill('queue_message_kept', { position: String(place.ahead + 1) }),
        {
          position: place.ahead + 1,
        },
      ),
    );
  }

  // ─── queue ─────────────────────────────────────────────────────────────────────────────────────

  private onStateChanged(event: ConversationEventOf<'conversation.state_changed'>): void {
    const { engine, notifier, conversations } = this.parts;
    const { conversation, from, to, transition } = event;
    const id = conversation.id;
    const now = this.now();
    if (to === 'queued' && transition === 'request_handoff') {
      // Runs after the bot's turn that handed over (this event is published inside that turn).
      conversations.schedule(id, () => this.onQueued(id));
      return;
    }
    if (from === 'queued' && to !== 'queued') {
      notifier.narrow(id, to === 'agent' ? conversation.assignedAgentId : null);
      const withdrawn = engine.remove(id);
      if (withdrawn && to !== 'agent')
        notifier.toAgent(withdrawn.agentId, { type: 'offer:withdrawn', conversationId: id, reason: 'left' });
      if (withdrawn && to === 'agent' && withdrawn.agentId !== conversation.assignedAgentId)
        notifier.toAgent(withdrawn.agentId, { type: 'offer:withdrawn', conversationId: id, reason: 'taken' });
    }
    const agentId = conversation.assignedAgentId;
    if (to === 'agent' && agentId) {
      const previous = engine.holderOf(id);
      engine.assigned(id, agentId, now);
      if (previous && previous !== agentId) this.leave(previous, id, 'transferred');
      notifier.follow(agentId, id);
      notifier.toAgent(agentId, { type: 'assigned', conversationId: id });
      this.pushPresence(agentId);
    } else if (from === 'agent' && agentId) {
      engine.released(id, agentId, now);
      const reason = to === 'closed' ? 'closed' : to === 'queued' ? 'requeued' : 'returned';
      this.leave(agentId, id, reason);
      // A slot is free: offer the next customer now rather than at the next second.
      if (engine.queueLength > 0) this.kick();
    }
    notifier.queueChanged();
  }

  private leave(
    agentId: string,
    conversationId: string,
    reason: 'transferred' | 'returned' | 'closed' | 'requeued',
  ): void {
    this.parts.notifier.toAgent(agentId, { type: 'unassigned', conversationId, reason });
    this.parts.notifier.unfollow(agentId, conversationId);
    this.pushPresence(agentId);
  }

  /** A conversation the bot handed over: route it, then queue it or give it a ticket. */
  private async onQueued(conversationId: string): Promise<void> {
    const { conversations, store, engine } = this.parts;
    let conversation = await conversations.getConversation(conversationId);
    if (conversation.state !== 'queued') return;
    const recent = (await conversations.transcript(conversationId)).slice(-ROUTING_LOOKBACK);
    const routing = this.routingOf(conversation, recent);
    conversation = await conversations.setRouting(conversationId, routing);
    await conversations.recordEvents(conversation, [
      {
        type: 'handoff_queued',
        note: `进入人工队列：${this.kb().rules.routing.skillTitle(routing.skill)}`,
        data: { skill: routing.skill, priority: routing.priority, reason: conversation.handoffReason },
      },
    ]);
    const now = this.parts.clock.now();
    if (!this.kb().rules.serviceHours.isOpen(now)) return this.giveTicket(conversation, 'after_hours');
    if (!engine.canServe(routing.skill)) return this.giveTicket(conversation, 'no_agent');
    const preferred = conversation.assignedAgentId ?? (await store.lastAgentOf(conversation.customerId));
    const place = engine.enqueue(this.entryOf(conversation, routing.skill, preferred, false), now.getTime());
    await this.tellPlace(conversation, place, 'queue_joined');
    this.parts.notifier.queueChanged();
    this.kick();
  }

  /** Skill from the handoff reason and the journey stage; priority from every cue of the conversation. */
  private routingOf(
    conversation: Conversation,
    recent: readonly Message[],
  ): { skill: string; priority: number } {
    const { routing } = this.kb().rules;
    const reasons = new Set<string>();
    let hint: string | null = null;
    for (const message of recent) {
      if (message.role !== 'system') continue;
      const { event, reason, skill } = message.payload;
      if ((event === 'handoff_requested' || event === 'handoff_offered') && typeof reason === 'string')
        reasons.add(reason);
      if (event === 'handoff_requested' && typeof skill === 'string') hint = skill;
    }
    const reason = conversation.handoffReason ?? 'explicit_request';
    reasons.add(reason);
    const skill = hint && routing.hasSkill(hint) ? hint : routing.skillOf(reason, this.stageOf(recent));
    return { skill, priority: routing.priorityOf([...reasons]) };
  }

  /** The journey stage of the latest approved script the bot cited, or null. */
  private stageOf(recent: readonly Message[]): Stage | null {
    const kb = this.kb();
    for (let i = recent.length - 1; i >= 0; i--) {
      const cited = recent[i].role === 'bot' ? recent[i].citations.at(0) : undefined;
      const script = cited && kb.getScript(cited.scriptId);
      if (script) return script.stage;
    }
    return null;
  }

  private entryOf(
    conversation: Conversation,
    skill: string,
    preferredAgentId: string | null,
    front: boolean,
  ): QueueEntry {
    return {
      conversationId: conversation.id,
      customerId: conversation.customerId,
      channel: conversation.channel,
      reason: conversation.handoffReason,
      skill,
      priority: conversation.priority,
      since: (conversation.queueSince ?? this.parts.clock.now()).getTime(),
      front,
      preferredAgentId,
    };
  }

  /**
   * No human can join: a leave-a-message ticket with its number, and the bot serves again. Called
   * inside the conversation's turn order.
   */
  private async giveTicket(conversation: Conversation, reason: TicketReason): Promise<void> {
    const { store, conversations, engine } = this.parts;
    engine.remove(conversation.id);
    const current = await conversations.getConversation(conversation.id);
    if (current.state !== 'queued') return;
    const ticket = await store.createTicket({
      conversationId: current.id,
      customerId: current.customerId,
      channel: current.channel,
      reason,
      skill: current.skill,
      at: this.parts.clock.now(),
    });
    const back = await conversations.transition(current.id, 'return_to_bot', { reason: `ticket_${reason}` });
    const kb = this.kb();
    const text = kb.phrases.fill(TICKET_PHRASE[reason], {
      ticket: ticket.number,
      hours: kb.rules.serviceHours.description,
    });
    await conversations.sendTurn(back, {
      ...this.notice(`ticket_${reason}`, text, { ticket: ticket.number }),
      events: [
        {
          type: 'ticket_created',
          note: `已登记留言工单 ${ticket.number}`,
          data: { kind: 'callback', number: ticket.number, reason },
        },
        {
          type: 'handoff_returned',
          note: '暂无人工客服可接入，由机器人继续服务',
          data: { reason: 'ticket' },
        },
        { type: 'queue_notice_sent', note: '已告知客户无法接入人工并登记留言', data: { outcome: 'ticket' } },
      ],
    });
    this.parts.logger.info(
      { conversationId: current.id, ticket: ticket.number, reason },
      'handoff ticket created',
    );
  }

  private async tellPlace(
    conversation: Conversation,
    place: PositionUpdate,
    key: 'queue_joined' | 'queue_update',
  ): Promise<void> {
    const phrases = this.kb().phrases;
    const first = key === 'queue_update' && place.ahead === 0;
    const position = place.ahead + 1;
    const text = first
      ? phrases.phrase('queue_first')
      : phrases.fill(key, { position: String(position), minutes: String(place.minutes) });
    await this.parts.conversations.sendTurn(conversation, {
      ...this.notice(first ? 'queue_first' : key, text, { position, minutes: place.minutes }),
      events: [
        {
          type: 'queue_notice_sent',
          note: `已告知排队情况：第${position}位，预计${place.minutes}分钟`,
          data: { position, estimatedMinutes: place.minutes },
        },
      ],
    });
  }

  /** A customer-facing notice of the desk: a bot message marked with its kind, citing nothing. */
  notice(kind: string, text: string, data: Record<string, unknown> = {}): BotTurn {
    return deskNotice(kind, text, data);
  }

  // ─── time ──────────────────────────────────────────────────────────────────────────────────────

  /** Runs a tick soon (after a change that may allow an offer), without waiting for the next second. */
  kick(): void {
    setImmediate(() => void this.tick().catch((error: unknown) => this.reportTickError(error)));
  }

  /**
   * One step of the queue and the lifecycle timers at the clock's now. Work on conversations is
   * queued in their turn order (ConversationService.drain() waits for it). Calls while a step runs
   * are folded into one more step after it, which the returned promise includes.
   */
  tick(): Promise<void> {
    if (this.running) this.again = true;
    else
      this.running = this.loop().finally(() => {
        this.running = null;
      });
    return this.running;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      await this.step();
    } while (this.again);
  }

  private async step(): Promise<void> {
    this.configure();
    const now = this.parts.clock.now();
    if (!this.kb().rules.serviceHours.isOpen(now)) this.closeQueueForTheDay();
    this.apply(this.parts.engine.tick(now.getTime()));
    if (now.getTime() - this.lastScan >= LIFECYCLE_SCAN_MS || now.getTime() < this.lastScan) {
      this.lastScan = now.getTime();
      await this.lifecycle.scan(now);
    }
  }

  reportTickError(error: unknown): void {
    this.parts.logger.error({ err: error }, 'handoff tick failed');
  }

  private apply(result: TickResult): void {
    const { engine, notifier, conversations } = this.parts;
    for (const offer of result.expired) {
      notifier.toAgent(offer.agentId, {
        type: 'offer:withdrawn',
        conversationId: offer.conversationId,
        reason: 'expired',
      });
      this.pushPresence(offer.agentId);
      this.parts.logger.info(offer, 'offer not accepted in time; agent set away');
    }
    for (const { agentId, conversationIds } of result.abandoned) {
      this.pushPresence(agentId);
      for (const id of conversationIds)
        conversations.schedule(id, () => this.requeueFrom(id, agentId, 'agent_disconnected'));
    }
    for (const id of result.timedOut) {
      engine.remove(id);
      conversations.schedule(id, async () =>
        this.giveTicket(await conversations.getConversation(id), 'queue_timeout'),
      );
    }
    for (const offer of result.offers) {
      const entry = engine.entry(offer.conversationId);
      if (!entry) continue;
      notifier.toAgent(offer.agentId, {
        type: 'offer',
        conversationId: offer.conversationId,
        expiresAt: new Date(offer.expiresAt).toISOString(),
        expiresInSeconds: Math.max(0, Math.round((offer.expiresAt - this.now()) / 1000)),
        skill: entry.skill,
        reason: entry.reason,
        priority: entry.priority,
      });
      const agent = engine.agent(offer.agentId);
      conversations.schedule(offer.conversationId, () =>
        this.record(offer.conversationId, {
          type: 'agent_offered',
          note: `已分配给人工客服 ${agent?.displayName ?? ''}，等待接入`,
          data: {
            agentId: agent?.username ?? offer.agentId,
            expiresAt: new Date(offer.expiresAt).toISOString(),
          },
        }),
      );
    }
    for (const place of result.positions)
      conversations.schedule(place.conversationId, async () => {
        const conversation = await conversations.getConversation(place.conversationId);
        if (conversation.state === 'queued') await this.tellPlace(conversation, place, 'queue_update');
      });
    const changed =
      result.offers.length + result.expired.length + result.timedOut.length + result.abandoned.length > 0;
    if (changed) notifier.queueChanged();
  }

  /** Service hours ended: everyone still waiting gets a ticket rather than a wait nobody will end. */
  private closeQueueForTheDay(): void {
    const { engine, conversations } = this.parts;
    for (const item of engine.queueView()) {
      const id = item.entry.conversationId;
      engine.remove(id);
      conversations.schedule(id, async () =>
        this.giveTicket(await conversations.getConversation(id), 'after_hours'),
      );
    }
  }

  /**
   * The agent stopped serving (their desk stayed disconnected, or they went offline): the chat goes
   * back to the queue, first in line, and nothing the customer wrote is lost (it is in the
   * transcript the next agent reads). Inside the conversation's turn order.
   */
  async requeueFrom(
    conversationId: string,
    agentId: string,
    reason: 'agent_disconnected' | 'agent_offline',
  ): Promise<void> {
    const { conversations, engine } = this.parts;
    const current = await conversations.getConversation(conversationId);
    if (current.state !== 'agent' || current.assignedAgentId !== agentId) return;
    const back = await conversations.transition(conversationId, 'requeue', {
      reason,
      expectAgentId: agentId,
      queueFront: true,
    });
    const skill = back.skill ?? this.kb().rules.routing.defaultSkill;
    const place = engine.enqueue(this.entryOf(back, skill, null, true), this.now(), [agentId]);
    await conversations.sendTurn(back, {
      ...this.notice('handoff_reconnect', this.kb().phrases.phrase('handoff_reconnect'), {
        position: place.ahead + 1,
      }),
      events: [
        {
          type: 'handoff_queued',
          note: '原人工客服暂时无法继续服务，会话回到队列最前',
          data: { reason, skill, priority: back.priority, front: true },
        },
        { type: 'queue_notice_sent', note: '已告知客户重新排队', data: { position: place.ahead + 1 } },
      ],
    });
    this.kick();
  }

  // ─── desk actions (called by the DeskService inside the conversation's turn order) ─────────────

  /** An agent took the customer: the transcript records it and the customer is told who joined. */
  async announce(taken: Conversation, agent: DeskAgent, waitingSince: Date | null): Promise<void> {
    const waitSeconds = waitingSince
      ? Math.max(0, Math.round((this.now() - waitingSince.getTime()) / 1000))
      : null;
    const text = this.kb().phrases.fill('agent_joined', { agent: agent.displayName, number: agent.username });
    await this.parts.conversations.sendTurn(taken, {
      ...this.notice('agent_joined', text, { agentId: agent.username }),
      events: [
        {
          type: 'handoff_accepted',
          note: `人工客服 ${agent.displayName}（${agent.username}）已接入`,
          data: { agentId: agent.username, agentName: agent.displayName, waitSeconds },
        },
      ],
    });
  }

  /** Sent to another agent directly: the customer hears of the transfer, then who joined. */
  async announceTransfer(
    before: Conversation,
    taken: Conversation,
    agent: DeskAgent,
    by: StaffUser,
  ): Promise<void> {
    const from =
      before.assignedAgentId && before.state === 'agent'
        ? await this.agentById(before.assignedAgentId)
        : null;
    if (from) {
      await this.parts.conversations.sendTurn(taken, {
        ...this.notice(
          'handoff_transfer',
          this.kb().phrases.fill('handoff_transfer', { target: `人工客服${agent.displayName}` }),
          { to: agent.username },
        ),
        events: [
          {
            type: 'handoff_transferred',
            note: `由 ${from.displayName} 转接给 ${agent.displayName}`,
            data: { from: from.username, to: agent.username, by: by.username },
          },
        ],
      });
    }
    await this.announce(taken, agent, from ? null : (before.queueSince ?? before.queuedAt));
  }

  /** Back to the queue for agents with another skill, ahead of new arrivals, never to the same agent. */
  async transferToSkill(current: Conversation, skill: string, by: StaffUser): Promise<void> {
    const { conversations, engine } = this.parts;
    const holder = current.assignedAgentId;
    if (!engine.canServe(skill, holder ?? undefined))
      throw new HandoffException(
        'HANDOFF.AGENT_UNAVAILABLE',
        `「${this.kb().rules.routing.skillTitle(skill)}」当前没有其他在线客服，无法转接`,
        { skill },
      );
    const requeued = await conversations.transition(current.id, 'requeue', {
      reason: 'transfer',
      ...(holder ? { expectAgentId: holder } : {}),
      queueFront: true,
    });
    const back = await conversations.setRouting(current.id, { skill, priority: requeued.priority });
    const title = this.kb().rules.routing.skillTitle(skill);
    const place = engine.enqueue(this.entryOf(back, skill, null, true), this.now(), holder ? [holder] : []);
    await conversations.sendTurn(back, {
      ...this.notice(
        'handoff_transfer',
        this.kb().phrases.fill('handoff_transfer', { target: `「${title}」的人工客服` }),
        { skill, position: place.ahead + 1 },
      ),
      events: [
        {
          type: 'handoff_transferred',
          note: `转接至「${title}」技能组`,
          data: { from: by.username, toSkill: skill },
        },
        {
          type: 'handoff_queued',
          note: `进入人工队列：${title}`,
          data: { reason: 'transfer', skill, priority: back.priority, front: true },
        },
        { type: 'queue_notice_sent', note: '已告知客户正在转接', data: { position: place.ahead + 1 } },
      ],
    });
    this.parts.notifier.queueChanged();
    this.kick();
  }

  /** The agent hands back to the bot; the bot says so, as the AI assistant, and serves again. */
  async handBack(current: Conversation, by: StaffUser): Promise<void> {
    const back = await this.parts.conversations.transition(current.id, 'return_to_bot', {
      reason: 'agent_returned',
      ...(current.assignedAgentId ? { expectAgentId: current.assignedAgentId } : {}),
    });
    await this.parts.conversations.sendTurn(back, {
      ...this.notice('handoff_returned', this.kb().phrases.phrase('handoff_returned')),
      events: [
        {
          type: 'handoff_returned',
          note: `人工客服 ${by.displayName} 转回机器人`,
          data: { agentId: by.username },
        },
      ],
    });
  }

  /** The agent ends the chat: their closing line, then the close (rating invitation, QA scoring). */
  async closeByAgent(current: Conversation, by: StaffUser): Promise<void> {
    const { conversations } = this.parts;
    const closing = this.kb().phrases.phrase('closing');
    if (current.state === 'agent') {
      await conversations.postAgentMessage(current.id, {
        agentId: by.username,
        agentName: by.displayName,
        clientMsgId: `auto:closing:${current.id}`,
        text: closing,
        meta: { notice: 'closing', auto: true },
      });
      await conversations.closeNow(current.id, 'agent_closed');
    } else await conversations.closeNow(current.id, 'agent_closed', closing);
  }

  async agentById(agentId: string): Promise<DeskAgent | null> {
    const known = this.parts.engine.agent(agentId);
    if (known) return known;
    const user = await this.parts.staff.getById(agentId);
    return user ? this.register(user) : null;
  }

  private async record(conversationId: string, event: TranscriptEvent): Promise<void> {
    const conversation = await this.parts.conversations.getConversation(conversationId);
    await this.parts.conversations.recordEvents(conversation, [event]);
  }

  // ─── start-up ──────────────────────────────────────────────────────────────────────────────────

  /** The queue and the assignments as stored; agents get the grace period to reconnect their desk. */
  private async restore(): Promise<void> {
    const { store, engine } = this.parts;
    const now = this.now();
    const defaultSkill = this.kb().rules.routing.defaultSkill;
    for (const assigned of await store.listAssigned()) {
      const agent = await this.agentById(assigned.agentId);
      if (!agent) continue;
      engine.assigned(assigned.conversationId, agent.id, assigned.assignedAt.getTime());
      engine.expectReconnect(agent.id, now);
    }
    for (const queued of await store.listQueued())
      engine.enqueue(
        {
          conversationId: queued.conversationId,
          customerId: queued.customerId,
          channel: queued.channel,
          reason: queued.reason,
          skill: queued.skill ?? defaultSkill,
          priority: queued.priority,
          since: queued.since.getTime(),
          front: queued.front,
          preferredAgentId: queued.lastAgentId,
        },
        now,
      );
  }

  // ─── helpers ───────────────────────────────────────────────────────────────────────────────────

  pushPresence(agentId: string): void {
    const { engine, notifier } = this.parts;
    const agent = engine.agent(agentId);
    if (!agent) return;
    notifier.toAgent(agentId, {
      type: 'presence',
      status: engine.presenceOf(agentId),
      load: engine.loadOf(agentId),
      capacity: agent.capacity,
    });
  }

  /** Timers and overflow from the knowledge in force (again after a reload). */
  private configure(): void {
    const kb = this.kb();
    if (this.configuredFor === kb) return;
    this.configuredFor = kb;
    this.parts.engine.configure(timersOf(kb), kb.rules.routing.overflowToAnySkill);
  }

  kb(): KnowledgeBase {
    return this.parts.knowledge.current;
  }

  private now(): number {
    return this.parts.clock.now().getTime();
  }
}

/** The engine's limits from sla.yaml `service`. */
export function timersOf(kb: KnowledgeBase): DeskTimers {
  const service = kb.rules.sla.service;
  return {
    offerAcceptMs: service.offerAcceptSeconds * 1000,
    queueTimeoutMs: service.queueTimeoutSeconds * 1000,
    queueUpdateMs: service.queueUpdateSeconds * 1000,
    averageHandleMs: service.averageHandleSeconds * 1000,
    reconnectGraceMs: service.agentReconnectGraceSeconds * 1000,
  };
}
