import type { InsuranceCore, PolicySummary } from '@anxin/agent';
import { type Clock, type Logger, maskPii } from '@anxin/common';
import {
  type Conversation,
  ConversationException,
  type ConversationService,
  type Message,
} from '@anxin/conversation';
import type { KnowledgeService } from '@anxin/knowledge';
import type { StaffService, StaffUser } from '@anxin/staff';
import { checkDraft, type DraftWarning } from '../engine/draft-check';
import type { DeskAgent, Presence } from '../engine/desk.types';
import { type EscalationSummary, summarizeEscalation } from '../engine/escalation-summary';
import { HandoffException } from '../handoff.exception';
import { DESK_ROLES, supervises } from './desk-agent';
import {
  assistQuerySchema,
  checkSchema,
  closeTicketSchema,
  listQuerySchema,
  messageSchema,
  noteSchema,
  parseDeskInput,
  presenceSchema,
  ticketQuerySchema,
  transferSchema,
} from './desk-input.schemas';
import type { DeskNotifier } from './desk-notifier.port';
import {
  type DeskConversationDto,
  type DeskMessageDto,
  type PresenceDto,
  type QueueItemDto,
  type TicketDto,
  toAgentRef,
  toDeskConversation,
  toDeskMessage,
  toQueueItem,
  toTicketDto,
} from './desk.views';
import type { HandoffService } from './handoff.service';
import type { HandoffStore, TicketStatus } from './handoff.store.port';

/** The compliance lexicons an agent's draft is checked against before it is sent. */
const DRAFT_LEXICONS = [
  'forbidden-phrases',
  'misleading-promotion',
  'claim-prejudgement',
  'secret-requests',
] as const;
const ASSIST_SUGGESTIONS = 3;
const TICKET_NUMBER = /^LY\d{8}-\d{6,12}$/;
const TICKETS_MAX = 200;
/** Queue rows and first-response timers a desk or the supervisor view is sent (the head of the line). */
const QUEUE_VIEW_MAX = 100;
/** Reasons the system itself hands over for (the handoff-cues lexicon names the customer's cues). */
const SYSTEM_REASON_TITLES: Readonly<Record<string, string>> = {
  repeated_failure: '机器人连续多次无法回答',
  no_grounding: '机器人无法可靠回答',
  agent_disconnected: '原人工客服连接中断',
  transfer: '人工客服转接',
};

export interface DeskServiceParts {
  readonly handoff: HandoffService;
  readonly conversations: ConversationService;
  readonly store: HandoffStore;
  readonly notifier: DeskNotifier;
  readonly staff: StaffService;
  readonly knowledge: KnowledgeService;
  readonly core: InsuranceCore;
  readonly clock: Clock;
  readonly logger: Logger;
}

export interface DeskDetail {
  readonly conversation: DeskConversationDto;
  readonly messages: DeskMessageDto[];
  readonly summary: EscalationSummary;
  readonly customer: {
    readonly id: string;
    readonly displayName: string | null;
    readonly since: string;
    readonly identities: { channel: string; externalId: string }[];
    readonly earlierConversations: number;
    /** Verified in this conversation (identity check or app login): who, how and when; null if not. */
    readonly verified: { name: string | null; customerRef: string; method: string; at: string } | null;
  };
  /** The customer's policies, only once verified in this conversation; null before. */
  readonly policies: PolicySummary[] | null;
  readonly tickets: TicketDto[];
}

/**
 * The agent desk's use cases (docs/api/desk.md), with its rules of who may do what: agents act on
 * the conversations assigned to them (403 HANDOFF.NOT_ASSIGNED otherwise; 409 when someone else
 * took it first); supervisors and admins may act on any (take over, reassign, close). Every change
 * runs in the conversation's turn order. Plain TypeScript behind the controller and the gateway.
 */
export class DeskService {
  /** Accepts and transfers per taking agent, one at a time: their capacity holds within this process. */
  private readonly agentLocks = new Map<string, Promise<unknown>>();

  constructor(private readonly parts: DeskServiceParts) {}

  // ─── presence ──────────────────────────────────────────────────────────────────────────────────

  me(user: StaffUser): Record<string, unknown> {
    const { handoff } = this.parts;
    const agent = handoff.register(user);
    const offer = handoff.engine.offerOf(user.id);
    return {
      agent: { ...toAgentRef(agent), skills: agent.skills, capacity: agent.capacity, role: user.role },
      presence: this.presence(user.id),
      assignment: handoff.engine.assignment,
      offer: offer
        ? {
            conversationId: offer.conversationId,
            expiresAt: new Date(offer.expiresAt).toISOString(),
            expiresInSeconds: Math.max(0, Math.round((offer.expiresAt - this.now()) / 1000)),
          }
        : null,
      serverTime: this.parts.clock.now().toISOString(),
      skills: this.parts.knowledge.current.rules.routing.skills,
    };
  }

  /** online: takes chats; away: keeps theirs, no new ones; offline: their chats go back to the queue. */
  async setPresence(user: StaffUser, body: unknown): Promise<PresenceDto> {
    const { status } = parseDeskInput(presenceSchema, body);
    return this.changePresence(user, status);
  }

  async changePresence(user: StaffUser, status: Presence): Promise<PresenceDto> {
    const { handoff, notifier, conversations } = this.parts;
    handoff.register(user);
    const withdrawn = handoff.engine.setPresence(user.id, status, this.now());
    if (withdrawn)
      notifier.toAgent(user.id, {
        type: 'offer:withdrawn',
        conversationId: withdrawn.conversationId,
        reason: 'left',
      });
    if (status === 'offline')
      await Promise.all(
        handoff.engine
          .activeOf(user.id)
          .map((id) => conversations.run(id, () => handoff.requeueFrom(id, user.id, 'agent_offline'))),
      );
    handoff.pushPresence(user.id);
    notifier.queueChanged();
    handoff.kick();
    return this.presence(user.id);
  }

  private presence(agentId: string): PresenceDto {
    const { engine } = this.parts.handoff;
    return {
      status: engine.presenceOf(agentId),
      load: engine.loadOf(agentId),
      capacity: engine.agent(agentId)?.capacity ?? 0,
    };
  }

  // ─── lists ─────────────────────────────────────────────────────────────────────────────────────

  /**
   * The queue in serving order: its length and the first QUEUE_VIEW_MAX customers (a desk shows
   * the head of the line; sending thousands of rows to every desk four times a second would cost
   * each desk far more than it shows).
   */
  queue(): { total: number; items: QueueItemDto[] } {
    const { engine } = this.parts.handoff;
    const now = this.now();
    const view = engine.queueView();
    return {
      total: view.length,
      items: view
        .slice(0, QUEUE_VIEW_MAX)
        .map((item) =>
          toQueueItem(item, now, { ...this.names(), username: (id) => engine.agent(id)?.username ?? null }),
        ),
    };
  }

  async conversations(user: StaffUser, query: unknown): Promise<{ items: DeskConversationDto[] }> {
    const { mine } = parseDeskInput(listQuerySchema, query);
    const own = mine === 'true' || !supervises(user);
    const rows = await this.parts.store.listActive(own ? user.id : undefined);
    const items: DeskConversationDto[] = [];
    for (const row of rows)
      items.push(
        toDeskConversation(
          row,
          row.assignedAgentId ? await this.parts.handoff.agentById(row.assignedAgentId) : null,
          this.names(),
        ),
      );
    return { items };
  }

  // ─── one conversation ──────────────────────────────────────────────────────────────────────────

  async detail(user: StaffUser, conversationId: string): Promise<DeskDetail> {
    const conversation = await this.viewable(user, conversationId);
    const { conversations, store, core, handoff } = this.parts;
    const messages = await conversations.transcript(conversationId);
    const [active, profile, tickets] = await Promise.all([
      store.activeOne(conversationId),
      store.customerProfile(conversation.customerId, conversationId),
      store.ticketsOf(conversationId),
    ]);
    const agent = conversation.assignedAgentId ? await handoff.agentById(conversation.assignedAgentId) : null;
    const verified = verificationOf(messages);
    let policies: PolicySummary[] | null = null;
    if (verified)
      policies = await core.lookupPolicies(verified.customerRef).catch((error: unknown) => {
        this.parts.logger.warn({ err: error, conversationId }, 'policy lookup for the desk failed');
        return [];
      });
    return {
      conversation: toDeskConversation(
        active ?? rowOf(conversation),
        conversation.state === 'agent' ? agent : null,
        this.names(),
      ),
      messages: messages.map(toDeskMessage),
      summary: summarizeEscalation(messages, (reason) => this.reasonTitle(reason)),
      customer: {
        id: conversation.customerId,
        displayName: profile?.displayName ?? null,
        since: (profile?.since ?? conversation.openedAt).toISOString(),
        identities: (profile?.identities ?? []).map((identity) => ({
          channel: identity.channel,
          externalId: maskExternalId(identity.externalId),
        })),
        earlierConversations: profile?.earlierConversations ?? 0,
        verified,
      },
      policies,
      tickets: tickets.map(toTicketDto),
    };
  }

  /** Takes a waiting customer (409 when someone else took it first, or at capacity). */
  async accept(user: StaffUser, conversationId: string): Promise<DeskConversationDto> {
    const { handoff, conversations } = this.parts;
    const agent = handoff.register(user);
    await this.asAgent(user.id, () =>
      conversations.run(conversationId, async () => {
        const current = await this.require(conversationId);
        if (current.state === 'agent' && current.assignedAgentId === user.id) return;
        if (current.state === 'agent')
          throw new HandoffException('HANDOFF.ALREADY_TAKEN', '该会话已被其他客服接入', { conversationId });
        if (current.state !== 'queued')
          throw new HandoffException('HANDOFF.NOT_QUEUED', '该会话已不在排队中', {
            conversationId,
            state: current.state,
          });
        const taken = await this.take(current, agent, 'assign_agent');
        await handoff.announce(taken, agent, current.queueSince ?? current.queuedAt);
      }),
    );
    return this.view(conversationId);
  }

  /**
   * Sends the agent's message (idempotent on clientMsgId). A draft that trips a compliance lexicon
   * is refused with 422 HANDOFF.DRAFT_WARNINGS naming the rules, unless `override` is set: then it
   * is sent and the override recorded (on the message and as an agent_override event).
   */
  async sendMessage(
    user: StaffUser,
    conversationId: string,
    body: unknown,
  ): Promise<Record<string, unknown>> {
    const input = parseDeskInput(messageSchema, body);
    const { conversations } = this.parts;
    await this.actable(user, conversationId, { supervisorAny: false });
    const warnings = this.warningsFor(input.text);
    if (warnings.length > 0 && !input.override) {
      const names = warnings.map((w) => `${w.checkId ?? w.lexicon}「${w.matched}」`).join('、');
      throw new HandoffException(
        'HANDOFF.DRAFT_WARNINGS',
        `这条回复可能违反服务规范：${names}。请修改，或确认后仍要发送`,
        {
          warnings,
        },
      );
    }
    return conversations.run(conversationId, async () => {
      await this.actable(user, conversationId, { supervisorAny: false });
      const overridden = warnings.map((w) => w.checkId ?? `${w.lexicon}/${w.category}`);
      const result = await conversations.postAgentMessage(conversationId, {
        agentId: user.username,
        agentName: user.displayName,
        clientMsgId: input.clientMsgId,
        text: input.text,
        meta: overridden.length > 0 ? { overridden } : {},
      });
      if (overridden.length > 0 && !result.duplicate) {
        await conversations.recordEvents(result.conversation, [
          {
            type: 'agent_override',
            note: `客服确认发送了触发规范提醒的回复：${overridden.join('、')}`,
            data: { agentId: user.username, messageId: result.message.id, warnings },
          },
        ]);
        this.parts.logger.warn(
          { conversationId, agent: user.username, overridden },
          'agent overrode draft warnings',
        );
      }
      return { message: toDeskMessage(result.message), duplicate: result.duplicate, warnings };
    });
  }

  /** The compliance warnings of a draft, without sending it (the composer checks as the agent types). */
  async check(user: StaffUser, conversationId: string, body: unknown): Promise<{ warnings: DraftWarning[] }> {
    const { text } = parseDeskInput(checkSchema, body);
    await this.actable(user, conversationId, { supervisorAny: true });
    return { warnings: this.warningsFor(text) };
  }

  /** The approved scripts for the customer's last question (or `q`), cited by id, to insert and edit. */
  async assist(user: StaffUser, conversationId: string, query: unknown): Promise<Record<string, unknown>> {
    const { q } = parseDeskInput(assistQuerySchema, query);
    await this.actable(user, conversationId, { supervisorAny: true });
    const messages = await this.parts.conversations.transcript(conversationId);
    const question = q ?? this.lastQuestion(messages);
    if (!question) return { question: null, suggestions: [] };
    const hits = await this.parts.knowledge.search(question, ASSIST_SUGGESTIONS);
    return {
      question,
      suggestions: hits.map((hit) => ({
        scriptId: hit.script.id,
        title: hit.script.title,
        version: hit.script.version,
        stage: hit.script.stage,
        confidence: hit.confidence,
        text: hit.script.body,
      })),
    };
  }

  /** An internal note: in the transcript for staff, never shown to the customer. */
  async note(user: StaffUser, conversationId: string, body: unknown): Promise<DeskMessageDto> {
    const { text } = parseDeskInput(noteSchema, body);
    await this.actable(user, conversationId, { supervisorAny: true, queued: supervises(user) });
    return this.parts.conversations.run(conversationId, async () => {
      const conversation = await this.parts.conversations.getConversation(conversationId);
      const [stored] = await this.parts.conversations.recordEvents(conversation, [
        { type: 'agent_note', note: text, data: { agentId: user.username, agentName: user.displayName } },
      ]);
      return toDeskMessage(stored);
    });
  }

  /**
   * To a skill: back to the queue, first in line, for agents with that skill. To an agent: they take
   * it at once (online, with spare capacity). Supervisors may also assign a waiting customer.
   */
  async transfer(user: StaffUser, conversationId: string, body: unknown): Promise<DeskConversationDto> {
    const input = parseDeskInput(transferSchema, body);
    const { handoff, conversations } = this.parts;
    await this.actable(user, conversationId, { supervisorAny: true, queued: supervises(user) });
    if ('skill' in input) {
      const routing = this.parts.knowledge.current.rules.routing;
      if (!routing.hasSkill(input.skill))
        throw new HandoffException('HANDOFF.UNKNOWN_SKILL', `没有这个技能组：${input.skill}`, {
          skill: input.skill,
        });
      await conversations.run(conversationId, async () => {
        const current = await this.actable(user, conversationId, { supervisorAny: true });
        await handoff.transferToSkill(current, input.skill, user);
      });
      return this.view(conversationId);
    }
    const target = await this.parts.staff.getByUsername(input.agent);
    if (!target || target.disabled || !(DESK_ROLES as readonly string[]).includes(target.role))
      throw new HandoffException('HANDOFF.UNKNOWN_AGENT', `没有这位客服：${input.agent}`, {
        agent: input.agent,
      });
    const agent = handoff.register(target);
    if (target.id !== user.id && handoff.engine.presenceOf(target.id) !== 'online')
      throw new HandoffException('HANDOFF.AGENT_UNAVAILABLE', `${target.displayName}当前不在线，无法转接`, {
        agent: target.username,
      });
    await this.asAgent(target.id, () =>
      conversations.run(conversationId, async () => {
        const current = await this.actable(user, conversationId, {
          supervisorAny: true,
          queued: supervises(user),
        });
        if (current.assignedAgentId === target.id && current.state === 'agent') return;
        const taken = await this.take(
          current,
          agent,
          current.state === 'queued' ? 'assign_agent' : 'reassign',
        );
        await handoff.announceTransfer(current, taken, agent, user);
      }),
    );
    return this.view(conversationId);
  }

  /** Hands back to the bot; the bot reads only what comes after (it never re-escalates on old messages). */
  async returnToBot(user: StaffUser, conversationId: string): Promise<DeskConversationDto> {
    const { conversations, handoff } = this.parts;
    await this.actable(user, conversationId, { supervisorAny: true });
    await conversations.run(conversationId, async () => {
      const current = await this.actable(user, conversationId, { supervisorAny: true });
      await handoff.handBack(current, user);
    });
    return this.view(conversationId);
  }

  /** Closes with the closing line (said by the agent) and the rating invitation. */
  async close(user: StaffUser, conversationId: string): Promise<DeskConversationDto> {
    const { conversations, handoff } = this.parts;
    await this.actable(user, conversationId, { supervisorAny: true, queued: supervises(user) });
    await conversations.run(conversationId, async () => {
      const current = await this.actable(user, conversationId, {
        supervisorAny: true,
        queued: supervises(user),
      });
      await handoff.closeByAgent(current, user);
    });
    return this.view(conversationId);
  }

  // ─── supervisor ────────────────────────────────────────────────────────────────────────────────

  /** Live queue, agents with presence and load, and first-human-response timers. */
  async overview(): Promise<Record<string, unknown>> {
    const { handoff, store, knowledge } = this.parts;
    const now = this.now();
    const waiting = handoff.engine.queueView().map((item) => item.entry);
    const queue = this.queue();
    const due = knowledge.current.rules.sla.service.agentFirstResponseSeconds;
    const active = await store.listActive();
    const agents = handoff.engine.agentStatuses().map((status) => ({
      ...toAgentRef(status.agent),
      skills: status.agent.skills,
      presence: status.presence,
      connected: status.connected,
      load: status.load,
      capacity: status.agent.capacity,
      offer: status.offer?.conversationId ?? null,
    }));
    const timers = active
      .filter((row) => row.state === 'queued' || !row.firstAgentReplyAt)
      .map((row) => {
        const since = (row.queueSince ?? row.queuedAt ?? row.openedAt).getTime();
        const seconds = Math.max(0, Math.round((now - since) / 1000));
        const agent = row.assignedAgentId ? handoff.engine.agent(row.assignedAgentId) : undefined;
        return {
          conversationId: row.conversationId,
          state: row.state,
          agent: row.state === 'agent' ? (agent?.username ?? null) : null,
          since: new Date(since).toISOString(),
          seconds,
          dueSeconds: due,
          breached: seconds > due,
        };
      })
      .sort((a, b) => b.seconds - a.seconds)
      .slice(0, QUEUE_VIEW_MAX);
    const open = await store.listTickets('open', TICKETS_MAX);
    const oldest = waiting.reduce((min, entry) => Math.min(min, entry.since), now);
    return {
      queue: {
        length: waiting.length,
        longestWaitSeconds: Math.max(0, Math.round((now - oldest) / 1000)),
        bySkill: this.parts.knowledge.current.rules.routing.skills.map((skill) => ({
          skill: skill.key,
          title: skill.title,
          waiting: waiting.filter((entry) => entry.skill === skill.key).length,
        })),
        items: queue.items,
      },
      agents,
      firstResponse: timers,
      openTickets: open.length,
      serviceOpen: knowledge.current.rules.serviceHours.isOpen(this.parts.clock.now()),
      serviceHours: knowledge.current.rules.serviceHours.description,
    };
  }

  /** Staff who can take a transfer, with their presence and load. */
  async agents(): Promise<{ items: Record<string, unknown>[] }> {
    const { handoff, staff } = this.parts;
    const users = (await staff.list()).filter(
      (u) => !u.disabled && (DESK_ROLES as readonly string[]).includes(u.role),
    );
    return {
      items: users.map((user) => ({
        ...toAgentRef(handoff.register(user)),
        skills: user.skills,
        presence: handoff.engine.presenceOf(user.id),
        load: handoff.engine.loadOf(user.id),
        capacity: user.maxConcurrent,
      })),
    };
  }

  async tickets(query: unknown): Promise<{ items: TicketDto[] }> {
    const { status } = parseDeskInput(ticketQuerySchema, query);
    const wanted: TicketStatus | null = status === 'all' ? null : (status ?? 'open');
    return { items: (await this.parts.store.listTickets(wanted, TICKETS_MAX)).map(toTicketDto) };
  }

  async closeTicket(user: StaffUser, number: string, body: unknown): Promise<TicketDto> {
    const { resolution } = parseDeskInput(closeTicketSchema, body);
    const closed = await this.parts.store.closeTicket(
      number,
      user.username,
      resolution,
      this.parts.clock.now(),
    );
    if (closed) return toTicketDto(closed);
    const existing = TICKET_NUMBER.test(number) ? await this.parts.store.findTicket(number) : null;
    if (!existing)
      throw new HandoffException('HANDOFF.TICKET_NOT_FOUND', `没有这张工单：${number}`, { number });
    throw new HandoffException('HANDOFF.TICKET_CLOSED', `工单${number}已处理`, { number });
  }

  // ─── rules of access ───────────────────────────────────────────────────────────────────────────

  /**
   * Supervisors see any conversation; an agent the waiting ones and the ones they serve or served
   * (also after a transfer or close).
   */
  private async viewable(user: StaffUser, conversationId: string): Promise<Conversation> {
    const conversation = await this.require(conversationId);
    if (supervises(user) || conversation.state === 'queued' || conversation.assignedAgentId === user.id)
      return conversation;
    const served = (await this.parts.conversations.transcript(conversationId)).some(
      (m) =>
        m.payload.agentId === user.username &&
        (m.role === 'agent' || (m.role === 'system' && m.payload.event === 'handoff_accepted')),
    );
    if (served) return conversation;
    throw new HandoffException('HANDOFF.NOT_ASSIGNED', '该会话未分配给您', { conversationId });
  }

  /**
   * Who may act: the agent it is assigned to (while with them), a supervisor on any conversation a
   * human serves when `supervisorAny`, and on a waiting one when `queued`.
   */
  private async actable(
    user: StaffUser,
    conversationId: string,
    rules: { supervisorAny: boolean; queued?: boolean },
  ): Promise<Conversation> {
    const current = await this.require(conversationId);
    const mine = current.assignedAgentId === user.id;
    if (current.state === 'agent' && (mine || (rules.supervisorAny && supervises(user)))) return current;
    if (current.state === 'queued' && rules.queued) return current;
    if (mine || (supervises(user) && rules.supervisorAny))
      throw new HandoffException('HANDOFF.NOT_ACTIVE', '该会话当前不在人工服务中', {
        conversationId,
        state: current.state,
      });
    throw new HandoffException('HANDOFF.NOT_ASSIGNED', '该会话未分配给您', { conversationId });
  }

  private async require(conversationId: string): Promise<Conversation> {
    try {
      return await this.parts.conversations.getConversation(conversationId);
    } catch (error) {
      if (error instanceof ConversationException && error.code === 'CONVERSATION.NOT_FOUND')
        throw new HandoffException('HANDOFF.NOT_FOUND', '会话不存在', { conversationId });
      throw error;
    }
  }

  /** assign_agent / reassign within the agent's capacity, mapping refusals to the desk's codes. */
  private async take(
    current: Conversation,
    agent: DeskAgent,
    transition: 'assign_agent' | 'reassign',
  ): Promise<Conversation> {
    try {
      return await this.parts.conversations.transition(current.id, transition, {
        agentId: agent.id,
        maxLoad: agent.capacity,
        ...(transition === 'reassign' && current.assignedAgentId
          ? { expectAgentId: current.assignedAgentId }
          : {}),
      });
    } catch (error) {
      if (!(error instanceof ConversationException)) throw error;
      if (error.code === 'CONVERSATION.AGENT_AT_CAPACITY')
        throw new HandoffException(
          'HANDOFF.AT_CAPACITY',
          `${agent.displayName}的接待量已满（${agent.capacity}）`,
          {
            capacity: agent.capacity,
          },
        );
      if (error.code === 'CONVERSATION.STATE_CONFLICT' || error.code === 'CONVERSATION.AGENT_CHANGED')
        throw new HandoffException('HANDOFF.ALREADY_TAKEN', '该会话已被其他客服接入', {
          conversationId: current.id,
        });
      throw error;
    }
  }

  /** Runs `task` after the taking agent's earlier accepts and transfers (their capacity check holds). */
  private async asAgent<T>(agentId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.agentLocks.get(agentId) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.agentLocks.set(agentId, tail);
    void tail.then(() => {
      if (this.agentLocks.get(agentId) === tail) this.agentLocks.delete(agentId);
    });
    return result;
  }

  /** The desk's view of a conversation after an action (waiting or with a human: one read; else the conversation). */
  private async view(conversationId: string): Promise<DeskConversationDto> {
    const row =
      (await this.parts.store.activeOne(conversationId)) ?? rowOf(await this.require(conversationId));
    const agent =
      row.state === 'agent' && row.assignedAgentId
        ? await this.parts.handoff.agentById(row.assignedAgentId)
        : null;
    return toDeskConversation(row, agent, this.names());
  }

  /** The customer's latest message that asks something: 「转人工」 and the like ask for a person, not a script. */
  private lastQuestion(messages: readonly Message[]): string | null {
    const cues = this.parts.knowledge.current.rules
      .phraseLexicon('handoff-cues')
      .entries.filter((entry) => entry.category === 'explicit_request');
    const asking = (text: string) => {
      const normalised = text.normalize('NFKC');
      const request = cues.find((entry) => entry.regex.test(normalised));
      // A request for a person and little else (「转人工」「我要人工客服」): look further back.
      return !request || normalised.replace(request.regex, '').replace(/[\s\p{P}]/gu, '').length > 6;
    };
    return messages.findLast((m) => m.role === 'customer' && asking(m.text))?.text ?? null;
  }

  private warningsFor(text: string): DraftWarning[] {
    const rules = this.parts.knowledge.current.rules;
    return checkDraft(
      text,
      DRAFT_LEXICONS.map((key) => rules.phraseLexicon(key)),
      rules.standard,
    );
  }

  private names(): { skillTitle(key: string): string; reasonTitle(key: string): string } {
    const routing = this.parts.knowledge.current.rules.routing;
    return { skillTitle: (key) => routing.skillTitle(key), reasonTitle: (key) => this.reasonTitle(key) };
  }

  /** The handoff-cues category title (明确要求人工服务…), or the system reason's. */
  reasonTitle(reason: string): string {
    const cues = this.parts.knowledge.current.rules.phraseLexicon('handoff-cues');
    return cues.categories.find((c) => c.key === reason)?.title ?? SYSTEM_REASON_TITLES[reason] ?? reason;
  }

  private now(): number {
    return this.parts.clock.now().getTime();
  }
}

/** A conversation the desk lists, built from the conversation itself (closed or back with the bot). */
function rowOf(conversation: Conversation): Parameters<typeof toDeskConversation>[0] {
  return {
    conversationId: conversation.id,
    customerId: conversation.customerId,
    channel: conversation.channel,
    state: conversation.state as 'queued' | 'agent',
    skill: conversation.skill,
    priority: conversation.priority,
    reason: conversation.handoffReason,
    assignedAgentId: conversation.assignedAgentId,
    openedAt: conversation.openedAt,
    queuedAt: conversation.queuedAt,
    queueSince: conversation.queueSince,
    assignedAt: conversation.assignedAt,
    lastMessageAt: conversation.lastMessageAt,
    lastCustomerAt: conversation.lastCustomerAt,
    firstAgentReplyAt: null,
    lastMessage: null,
  };
}

/**
 * The latest identity verification of the conversation (kyc_passed), or null; the verified name is
 * the one the bot keeps in its state with the customer reference.
 */
function verificationOf(messages: readonly Message[]): DeskDetail['customer']['verified'] {
  const event = messages.findLast((m) => m.role === 'system' && m.payload.event === 'kyc_passed');
  const ref = event?.payload.customerRef;
  if (!event || typeof ref !== 'string') return null;
  const method = event.payload.method;
  const identity = messages
    .map((m) =>
      m.role === 'bot'
        ? (m.payload.state as { identity?: { customerRef?: unknown; name?: unknown } })
        : undefined,
    )
    .findLast((state) => state?.identity?.customerRef === ref)?.identity;
  return {
    name: typeof identity?.name === 'string' ? identity.name : null,
    customerRef: ref,
    method: typeof method === 'string' ? method : 'identity_check',
    at: event.createdAt.toISOString(),
  };
}

/** A channel id is a credential of sorts (whoever holds a web visitor id resumes the chat): show its ends. */
function maskExternalId(id: string): string {
  const masked = maskPii(id);
  if (masked !== id || id.length <= 8) return masked;
  return `${id.slice(0, 4)}…${id.slice(-4)}`;
}
