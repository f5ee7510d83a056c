/**
 * The pure queue engine (DeskEngine from the compiled libs, no I/O, a simulated clock): what one
 * tick() costs with a full queue, and how fast it hands out offers when draining. Part of
 * `npm run bench:handoff` (bench/handoff.bench.ts).
 */
import { DeskEngine, type DeskAgent, type DeskTimers, type QueueEntry } from '@anxin/handoff';
import { percentile } from './percentile.util';

/** knowledge/sla.yaml `service` (v3). */
const TIMERS: DeskTimers = {
  offerAcceptMs: 30_000,
  queueTimeoutMs: 600_000,
  queueUpdateMs: 60_000,
  averageHandleMs: 300_000,
  reconnectGraceMs: 30_000,
};
const T0 = Date.parse('2026-12-08T02:00:00Z');

export interface EngineFigures {
  readonly agents: number;
  readonly customers: number;
  /** Enqueueing the whole queue, one customer after another (each enqueue returns the place). */
  readonly enqueueTotalMs: number;
  /** Mean of the last 10 % of enqueues (a full queue). */
  readonly enqueueLastMs: number;
  /** First tick: every agent free, the whole queue waiting (makes one offer per agent). */
  readonly tickFirstMs: number;
  /** Median tick with the queue full and every agent holding an offer (nothing to do). */
  readonly tickIdleMs: number;
  /** Median tick that makes an offer per agent after the previous ones were accepted. */
  readonly tickOffersMs: number;
  /** A tick when every waiting customer's place is due to be told again (queue_update). */
  readonly tickPositionsMs: number;
  readonly positionsTold: number;
  /**
   * A tick that can offer nothing although agents are free: every waiting customer needs a skill
   * whose agents are all full (a quarter of the agents), the other agents are free. makeOffers then
   * looks for candidates for every waiting customer.
   */
  readonly tickSkillBlockedMs: number;
  /** queueView() (the desk's queue snapshot before DTO mapping) with the queue full. */
  readonly queueViewMs: number;
  /** Drain: every offer accepted and the chat closed at once; ticks 1 s apart on the fake clock. */
  readonly drainTicks: number;
  readonly drainMs: number;
  readonly drainOffersPerSecond: number;
  readonly drainTickP50Ms: number;
  readonly drainTickMaxMs: number;
}

export function agentsFor(count: number): DeskAgent[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `agent-${i}`,
    username: `bench.agent${String(i + 1).padStart(3, '0')}`,
    displayName: `压测客服${i + 1}`,
    skills: skillsOf(i),
    capacity: 3,
  }));
}

/** Everyone serves 「综合服务」; each agent also one specialist group (the mix the server run uses). */
export function skillsOf(i: number): string[] {
  return ['general', ['claims', 'policy', 'sales', 'complaints'][i % 4]];
}

function entries(count: number): QueueEntry[] {
  return Array.from({ length: count }, (_, i) => ({
    conversationId: `c-${String(i).padStart(6, '0')}`,
    customerId: `u-${i}`,
    channel: 'web',
    reason: 'explicit_request',
    skill: 'general',
    priority: 0,
    since: T0 + i,
    front: false,
    preferredAgentId: null,
  }));
}

function engineWith(agents: readonly DeskAgent[], waiting: readonly QueueEntry[]): DeskEngine {
  const engine = new DeskEngine(TIMERS, 'auto', true);
  for (const agent of agents) {
    engine.register(agent, T0);
    engine.connected(agent.id);
    engine.setPresence(agent.id, 'online', T0);
  }
  for (const entry of waiting) engine.enqueue(entry, T0);
  return engine;
}

function timed<T>(fn: () => T): { ms: number; value: T } {
  const started = performance.now();
  const value = fn();
  return { ms: performance.now() - started, value };
}

const median = (values: number[]): number =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

export function measureEngine(agentCount: number, customerCount: number): EngineFigures {
  const agents = agentsFor(agentCount);
  const waiting = entries(customerCount);
  // Warm-up: let the JIT see every path once.
  for (let i = 0; i < 3; i++) drain(engineWith(agents, waiting.slice(0, 500)));

  // Enqueue, one by one.
  const engine = new DeskEngine(TIMERS, 'auto', true);
  for (const agent of agents) {
    engine.register(agent, T0);
    engine.connected(agent.id);
    engine.setPresence(agent.id, 'online', T0);
  }
  const enqueueMs: number[] = [];
  for (const entry of waiting) enqueueMs.push(timed(() => engine.enqueue(entry, T0)).ms);
  const tail = enqueueMs.slice(Math.floor(enqueueMs.length * 0.9));

  // Ticks with the queue full.
  const first = timed(() => engine.tick(T0 + 1000));
  const idle: number[] = [];
  for (let i = 0; i < 20; i++) idle.push(timed(() => engine.tick(T0 + 1000)).ms);
  const queueView = median(Array.from({ length: 10 }, () => timed(() => engine.queueView()).ms));

  // Offers accepted, next tick makes the next round (a few rounds, queue still nearly full).
  const offering: number[] = [];
  let offers = first.value.offers;
  let now = T0 + 1000;
  for (let round = 0; round < 5; round++) {
    for (const offer of offers) engine.assigned(offer.conversationId, offer.agentId, now);
    for (const offer of offers) engine.released(offer.conversationId, offer.agentId, now);
    now += 1000;
    const tick = timed(() => engine.tick(now));
    offering.push(tick.ms);
    offers = tick.value.offers;
  }

  // Places due to be told again: past queue_update since every customer was last told.
  for (const offer of offers) engine.assigned(offer.conversationId, offer.agentId, now);
  for (const offer of offers) engine.released(offer.conversationId, offer.agentId, now);
  const positions = timed(() => engine.tick(T0 + TIMERS.queueUpdateMs + 2000));

  const drained = drain(engineWith(agents, waiting));

  // Skill bottleneck: complaints customers, complaint agents full, everyone else free.
  const blocked = engineWith(
    agents,
    waiting.map((entry) => ({ ...entry, skill: 'complaints' })),
  );
  agents
    .filter((agent) => agent.skills.includes('complaints'))
    .forEach((agent, i) => {
      for (let c = 0; c < agent.capacity; c++) blocked.assigned(`held-${i}-${c}`, agent.id, T0);
    });
  blocked.tick(T0 + 1000);
  const skillBlocked = median(
    Array.from({ length: 10 }, (_, i) => timed(() => blocked.tick(T0 + 2000 + i)).ms),
  );
  return {
    agents: agentCount,
    customers: customerCount,
    enqueueTotalMs: enqueueMs.reduce((a, b) => a + b, 0),
    enqueueLastMs: tail.reduce((a, b) => a + b, 0) / Math.max(1, tail.length),
    tickFirstMs: first.ms,
    tickIdleMs: median(idle),
    tickOffersMs: median(offering),
    tickPositionsMs: positions.ms,
    positionsTold: positions.value.positions.length,
    tickSkillBlockedMs: skillBlocked,
    queueViewMs: queueView,
    ...drained,
  };
}

/** Ticks 1 s apart (fake clock) until the queue is empty; every offer is accepted and closed at once. */
function drain(engine: DeskEngine): {
  drainTicks: number;
  drainMs: number;
  drainOffersPerSecond: number;
  drainTickP50Ms: number;
  drainTickMaxMs: number;
} {
  const ticks: number[] = [];
  let offered = 0;
  let now = T0;
  const started = performance.now();
  while (engine.queueLength > 0 && ticks.length < 100_000) {
    now += 1000;
    const tick = timed(() => engine.tick(now));
    ticks.push(tick.ms);
    for (const offer of tick.value.offers) {
      engine.assigned(offer.conversationId, offer.agentId, now);
      engine.released(offer.conversationId, offer.agentId, now);
      offered++;
    }
  }
  const drainMs = performance.now() - started;
  const sorted = [...ticks].sort((a, b) => a - b);
  return {
    drainTicks: ticks.length,
    drainMs,
    drainOffersPerSecond: offered / (drainMs / 1000),
    drainTickP50Ms: percentile(sorted, 50),
    drainTickMaxMs: sorted.at(-1) ?? NaN,
  };
}
