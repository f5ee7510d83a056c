import type {
  AgentStatus,
  AssignmentMode,
  DeskAgent,
  DeskTimers,
  Offer,
  PositionUpdate,
  Presence,
  QueueEntry,
  QueueItem,
  TickResult,
} from './desk.types';
import { compareEntries } from './queue-order';
import { pickAgent, type RoutingCandidate } from './routing.policy';
import { estimateWaitMinutes, HandleTimeAverage } from './wait-estimate';

interface AgentSlot {
  agent: DeskAgent;
  presence: Presence;
  sockets: number;
  /** When the last desk socket closed; null while connected (or never connected). */
  disconnectedAt: number | null;
  /** Conversation id → when it was assigned. */
  active: Map<string, number>;
  offer: Offer | null;
  /** Since when the agent has had nothing new: orders equally loaded agents (longest idle first). */
  idleSince: number;
}

interface Waiting {
  entry: QueueEntry;
  offeredTo: string | null;
  /** Agents whose offer for this customer expired: not offered it again. */
  declined: Set<string>;
  /** What the customer was last told about their place, and when. */
  told: { ahead: number; at: number };
}

/**
 * The human queue in memory: agents (skills, capacity, presence, load), waiting customers in
 * order (priority, then front, then arrival), offers with their deadline. Plain TypeScript with
 * no I/O and no clock of its own: every call that depends on time takes `now` (ms), so tests drive
 * it with a fake clock. The service persists what the engine decides (offers, assignments, tickets)
 * and tells it what happened (accepted, released).
 * Routing: an offer goes to the customer's last agent when they can take it, else to the online
 * agent with the skill (any online agent when nobody with the skill is online and overflow is on)
 * with the fewest chats, then the longest idle. An agent with an open offer gets no second one.
 */
export class DeskEngine {
  private readonly agents = new Map<string, AgentSlot>();
  private readonly queue = new Map<string, Waiting>();
  private readonly handleTimes: HandleTimeAverage;

  constructor(
    private timers: DeskTimers,
    private readonly mode: AssignmentMode,
    private overflow = true,
  ) {
    this.handleTimes = new HandleTimeAverage(timers.averageHandleMs);
  }

  /** New limits (a knowledge reload); offers already made keep their deadline. */
  configure(timers: DeskTimers, overflow: boolean): void {
    this.timers = timers;
    this.overflow = overflow;
    this.handleTimes.reseed(timers.averageHandleMs);
  }

  get assignment(): AssignmentMode {
    return this.mode;
  }

  // ─── agents ────────────────────────────────────────────────────────────────────────────────────

  /** Adds the agent (offline) or refreshes their profile (skills, capacity, name). */
  register(agent: DeskAgent, now: number): void {
    const slot = this.agents.get(agent.id);
    if (slot) slot.agent = agent;
    else
      this.agents.set(agent.id, {
        agent,
        presence: 'offline',
        sockets: 0,
        disconnectedAt: null,
        active: new Map(),
        offer: null,
        idleSince: now,
      });
  }

  agent(agentId: string): DeskAgent | undefined {
    return this.agents.get(agentId)?.agent;
  }

  presenceOf(agentId: string): Presence {
    return this.agents.get(agentId)?.presence ?? 'offline';
  }

  loadOf(agentId: string): number {
    return this.agents.get(agentId)?.active.size ?? 0;
  }

  /**
   * Sets the agent's presence. Going away or offline withdraws their open offer (returned) and
   * takes no new chats; chats they hold stay theirs (the service requeues them for offline).
   */
  setPresence(agentId: string, presence: Presence, now: number): Offer | null {
    const slot = this.slot(agentId);
    if (presence === 'online' && slot.presence !== 'online') slot.idleSince = now;
    slot.presence = presence;
    return presence === 'online' ? null : this.withdrawOffer(slot);
  }

  /** A desk socket of the agent connected. */
  connected(agentId: string): void {
    const slot = this.slot(agentId);
    slot.sockets++;
    slot.disconnectedAt = null;
  }

  /** A desk socket of the agent closed; the last one starts the reconnect grace period. */
  disconnected(agentId: string, now: number): void {
    const slot = this.agents.get(agentId);
    if (!slot || slot.sockets === 0) return;
    slot.sockets--;
    if (slot.sockets === 0) slot.disconnectedAt = now;
  }

  /** The chats the agent holds (ids). */
  activeOf(agentId: string): string[] {
    return [...(this.agents.get(agentId)?.active.keys() ?? [])];
  }

  // ─── queue ─────────────────────────────────────────────────────────────────────────────────────

  /**
   * Puts a customer in the queue (or refreshes their entry); they have just been told their place.
   * `exclude`: agents not to offer it to (the agent who transferred it away).
   */
  enqueue(entry: QueueEntry, now: number, exclude: readonly string[] = []): PositionUpdate {
    const waiting = this.queue.get(entry.conversationId);
    if (waiting) waiting.entry = entry;
    else
      this.queue.set(entry.conversationId, {
        entry,
        offeredTo: null,
        declined: new Set(exclude),
        told: { ahead: 0, at: now },
      });
    const update = this.positionOf(entry.conversationId);
    const stored = this.queue.get(entry.conversationId);
    if (stored && update) stored.told = { ahead: update.ahead, at: now };
    return update ?? { conversationId: entry.conversationId, ahead: 0, minutes: 1 };
  }

  isQueued(conversationId: string): boolean {
    return this.queue.has(conversationId);
  }

  entry(conversationId: string): QueueEntry | undefined {
    return this.queue.get(conversationId)?.entry;
  }

  /** Takes a customer out of the queue (ticket, closed, left); returns the offer it withdrew. */
  remove(conversationId: string): Offer | null {
    const waiting = this.queue.get(conversationId);
    if (!waiting) return null;
    this.queue.delete(conversationId);
    const slot = waiting.offeredTo ? this.agents.get(waiting.offeredTo) : undefined;
    return slot ? this.withdrawOffer(slot) : null;
  }

  /** An agent took the conversation (from the queue or from another agent); returns withdrawn offers. */
  assigned(conversationId: string, agentId: string, now: number): Offer | null {
    const withdrawn = this.remove(conversationId);
    const previous = this.holderOf(conversationId);
    if (previous && previous !== agentId) this.released(conversationId, previous, now);
    const slot = this.slot(agentId);
    slot.active.set(conversationId, now);
    slot.idleSince = now;
    if (slot.offer?.conversationId === conversationId) slot.offer = null;
    return withdrawn;
  }

  /** The agent no longer holds the conversation (handed back, transferred, closed, requeued). */
  released(conversationId: string, agentId: string, now: number): void {
    const slot = this.agents.get(agentId);
    const since = slot?.active.get(conversationId);
    if (!slot || since === undefined) return;
    slot.active.delete(conversationId);
    slot.idleSince = now;
    this.handleTimes.add(now - since);
  }

  /** Customers ahead of this one and the estimated wait; undefined when it is not queued. */
  positionOf(conversationId: string): PositionUpdate | undefined {
    const ordered = this.ordered();
    const ahead = ordered.findIndex((w) => w.entry.conversationId === conversationId);
    if (ahead < 0) return undefined;
    return { conversationId, ahead, minutes: this.estimate(ordered[ahead].entry, ahead) };
  }

  /** The queue in serving order. */
  queueView(): QueueItem[] {
    return this.ordered().map((w, i) => ({ entry: w.entry, position: i + 1, offeredTo: w.offeredTo }));
  }

  get queueLength(): number {
    return this.queue.size;
  }

  /**
   * Someone is online to take chats (with this skill, or anyone when the skill has nobody and
   * overflow is on), other than `except`.
   */
  canServe(skill: string, except?: string): boolean {
    return this.onlineFor(skill).some((slot) => slot.agent.id !== except);
  }

  /** The agent holding the conversation, if any. */
  holderOf(conversationId: string): string | undefined {
    for (const slot of this.agents.values()) if (slot.active.has(conversationId)) return slot.agent.id;
    return undefined;
  }

  /**
   * After a restart: the agent held chats before; unless a desk connects within the grace period,
   * their chats go back to the queue (as for a desk that disconnected).
   */
  expectReconnect(agentId: string, now: number): void {
    const slot = this.slot(agentId);
    if (slot.sockets === 0) slot.disconnectedAt = now;
  }

  agentStatuses(): AgentStatus[] {
    return [...this.agents.values()]
      .map((slot) => ({
        agent: slot.agent,
        presence: slot.presence,
        connected: slot.sockets > 0,
        load: slot.active.size,
        conversationIds: [...slot.active.keys()],
        offer: slot.offer,
      }))
      .sort((a, b) => (a.agent.username < b.agent.username ? -1 : 1));
  }

  offerOf(agentId: string): Offer | null {
    return this.agents.get(agentId)?.offer ?? null;
  }

  // ─── time ──────────────────────────────────────────────────────────────────────────────────────

  /**
   * One step of the queue at `now`: expire offers, give up on disconnected desks, time out long
   * waits, make new offers (auto mode) and report changed places.
   */
  tick(now: number): TickResult {
    const expired = this.expireOffers(now);
    const abandoned = this.abandonDisconnected(now);
    const timedOut = [...this.queue.values()]
      .filter((w) => now - w.entry.since >= this.timers.queueTimeoutMs)
      .map((w) => w.entry.conversationId);
    const late = new Set(timedOut);
    const offers = this.mode === 'auto' ? this.makeOffers(now, late) : [];
    return { offers, expired, timedOut, abandoned, positions: this.positionUpdates(now, late) };
  }

  private expireOffers(now: number): Offer[] {
    const expired: Offer[] = [];
    for (const slot of this.agents.values()) {
      const offer = slot.offer;
      if (!offer || offer.expiresAt > now) continue;
      expired.push(offer);
      this.queue.get(offer.conversationId)?.declined.add(slot.agent.id);
      this.withdrawOffer(slot);
      // An agent who lets an offer lapse is probably not at the desk: no more offers until they return.
      slot.presence = 'away';
    }
    return expired;
  }

  private abandonDisconnected(now: number): { agentId: string; conversationIds: string[] }[] {
    const abandoned: { agentId: string; conversationIds: string[] }[] = [];
    for (const slot of this.agents.values()) {
      if (slot.sockets > 0 || slot.disconnectedAt === null) continue;
      if (now - slot.disconnectedAt < this.timers.reconnectGraceMs) continue;
      slot.disconnectedAt = null;
      slot.presence = 'offline';
      this.withdrawOffer(slot);
      abandoned.push({ agentId: slot.agent.id, conversationIds: [...slot.active.keys()] });
    }
    return abandoned;
  }

  private makeOffers(now: number, skip: ReadonlySet<string>): Offer[] {
    const offers: Offer[] = [];
    for (const waiting of this.ordered()) {
      if (!this.anyFreeAgent()) break;
      if (waiting.offeredTo || skip.has(waiting.entry.conversationId)) continue;
      const agentId = pickAgent(waiting.entry, this.candidatesFor(waiting));
      if (!agentId) continue;
      const offer = {
        conversationId: waiting.entry.conversationId,
        agentId,
        expiresAt: now + this.timers.offerAcceptMs,
      };
      this.slot(agentId).offer = offer;
      waiting.offeredTo = agentId;
      offers.push(offer);
    }
    return offers;
  }

  private positionUpdates(now: number, skip: ReadonlySet<string>): PositionUpdate[] {
    const updates: PositionUpdate[] = [];
    this.ordered().forEach((waiting, ahead) => {
      const { told, entry } = waiting;
      if (skip.has(entry.conversationId) || ahead === told.ahead) return;
      // First in line is said at once; other changes at most every queueUpdateMs.
      if (ahead !== 0 && now - told.at < this.timers.queueUpdateMs) return;
      waiting.told = { ahead, at: now };
      updates.push({ conversationId: entry.conversationId, ahead, minutes: this.estimate(entry, ahead) });
    });
    return updates;
  }

  // ─── routing helpers ───────────────────────────────────────────────────────────────────────────

  private ordered(): Waiting[] {
    return [...this.queue.values()].sort((a, b) => compareEntries(a.entry, b.entry));
  }

  /** Online agents who could serve the skill (the skill's own, else everyone online under overflow). */
  private onlineFor(skill: string): AgentSlot[] {
    const online = [...this.agents.values()].filter((slot) => slot.presence === 'online');
    const skilled = online.filter((slot) => slot.agent.skills.includes(skill));
    return skilled.length > 0 || !this.overflow ? skilled : online;
  }

  private candidatesFor(waiting: Waiting): RoutingCandidate[] {
    return this.onlineFor(waiting.entry.skill)
      .filter((slot) => !slot.offer && !waiting.declined.has(slot.agent.id))
      .filter((slot) => slot.active.size < slot.agent.capacity)
      .map((slot) => ({
        agentId: slot.agent.id,
        username: slot.agent.username,
        load: slot.active.size,
        idleSince: slot.idleSince,
      }));
  }

  private anyFreeAgent(): boolean {
    for (const slot of this.agents.values())
      if (slot.presence === 'online' && !slot.offer && slot.active.size < slot.agent.capacity) return true;
    return false;
  }

  private estimate(entry: QueueEntry, ahead: number): number {
    const serving = this.onlineFor(entry.skill);
    const slots = serving.reduce((sum, slot) => sum + slot.agent.capacity, 0);
    const busy = serving.reduce((sum, slot) => sum + slot.active.size, 0);
    return estimateWaitMinutes({ ahead, slots, free: slots - busy, averageHandleMs: this.handleTimes.value });
  }

  private withdrawOffer(slot: AgentSlot): Offer | null {
    const offer = slot.offer;
    if (!offer) return null;
    slot.offer = null;
    const waiting = this.queue.get(offer.conversationId);
    if (waiting?.offeredTo === slot.agent.id) waiting.offeredTo = null;
    return offer;
  }

  private slot(agentId: string): AgentSlot {
    const slot = this.agents.get(agentId);
    if (!slot) throw new Error(`desk agent ${agentId} is not registered`);
    return slot;
  }
}
