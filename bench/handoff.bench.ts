/**
 * Human handoff benchmark (`npm run bench:handoff`): from 「转人工」 to the agent's offer, and the
 * queue's throughput with 100 agents and 2,000 waiting customers.
 *
 * 1. Engine: DeskEngine from the compiled libs, no I/O, fake clock: ms per tick() with the queue
 *    full, offers per second when draining.
 * 2. Server (the built server as a child process, real HTTP + socket.io), on the PostgreSQL server
 *    (a throw-away database `anxin_bench_<time>` on 127.0.0.1:5432, or BENCH_DATABASE_URL) and on
 *    the embedded database (PGlite):
 *    - the database is migrated and BENCH_AGENTS agents are inserted into `agent` (password hashed
 *      once with the project's PasswordHasher) before the server starts; each logs in
 *      (POST /api/auth/login), connects a /desk socket and goes online; every agent accepts each
 *      offer (POST …/accept), sends one message, waits BENCH_HANDLE_MS and closes (POST …/close);
 *    - a 101st account `bench.gate` with max_concurrent 0 stays online all along: a handoff while
 *      nobody is online becomes a `no_agent` ticket, so the gate keeps the queue open without ever
 *      being offered a customer;
 *    - anatomy: one customer at a time on an idle server, 3 times: each step's latency and (server
 *      database, on a separate server start behind a counting TCP proxy) its statements to PostgreSQL;
 *    - offer latency: BENCH_OFFER_SAMPLES customers (web-chat session + /chat socket, connected
 *      beforehand) send 「转人工」 at BENCH_OFFER_RATE per second to free agents; latency is
 *      message:send → the `offer` for that conversation reaching a desk socket;
 *    - throughput: agents set away, BENCH_CUSTOMERS customers send 「转人工」 at once and wait, then
 *      every agent goes online; measured until every customer was accepted and closed; checked in
 *      the database afterwards (each conversation closed, exactly one handoff_accepted, no ticket).
 *
 * Service hours are data (knowledge/handoff/service-hours.yaml, 8:00-22:00 Beijing) and outside them
 * every handoff becomes a ticket: the bench copies knowledge/ to a temp folder with every weekly day
 * set to ['00:00-24:00'] and starts the server with KNOWLEDGE_DIR pointing at the copy, so it runs at
 * any hour. Also set: CHAT_MAX_MESSAGES_PER_SECOND=100 (as chat-load), HANDOFF_ASSIGNMENT=auto.
 *
 *   npm run bench:handoff
 *   BENCH_AGENTS=100 BENCH_CUSTOMERS=2000 BENCH_OFFER_SAMPLES=500 BENCH_OFFER_RATE=20 \
 *   BENCH_HANDLE_MS=0 BENCH_DATABASES=server,embedded npm run bench:handoff
 *   BENCH_DATABASE_URL=postgres://…/anxin_bench npm run bench:handoff   # server database to use
 *   BENCH_SERVER_PROFILE=/tmp/prof npm run bench:handoff   # V8 CPU profile of each server run
 *   BENCH_ANATOMY_SQL=1 npm run bench:handoff             # print the SQL of each anatomy step
 *
 * Figures and their reading: docs/benchmarks.md ("Human handoff").
 */
import { cpus, totalmem } from 'node:os';
import type { DatabaseConfig } from '@anxin/common';
import {
  type Agent,
  askForHuman,
  connectCustomer,
  connectionRetries,
  type Customer,
  dropped,
  errorCode,
  http,
  loginAgent,
  mapLimit,
  queueTraffic,
  setPresence,
  sleep,
} from './handoff-clients';
import { type EngineFigures, measureEngine } from './handoff-engine';
import {
  AGENT_PASSWORD,
  agentUsername,
  GATE_USERNAME,
  knowledgeOpenAllDay,
  removeDir,
  seedStaff,
  CpuSampler,
  startBenchServer,
  countingProxy,
  tempDir,
  withDatabase,
} from './handoff-server';
import { percentile } from './percentile.util';
import { stopServer, withServerDatabase } from './server-process';

const env = process.env;
const AGENTS = Number(env.BENCH_AGENTS ?? 100);
const CUSTOMERS = Number(env.BENCH_CUSTOMERS ?? 2000);
const OFFER_SAMPLES = Number(env.BENCH_OFFER_SAMPLES ?? 500);
const OFFER_RATE = Number(env.BENCH_OFFER_RATE ?? 20);
const HANDLE_MS = Number(env.BENCH_HANDLE_MS ?? 0);
const DATABASES = (env.BENCH_DATABASES ?? 'server,embedded').split(',').map((s) => s.trim());
/** Give up on a phase after this long (the report then says what was left). */
const PHASE_TIMEOUT_MS = Number(env.BENCH_PHASE_TIMEOUT_S ?? 240) * 1000;

// ─── statistics ──────────────────────────────────────────────────────────────────────────────────

interface Stats {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  n: number;
}

function stats(values: readonly number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? NaN,
    n: sorted.length,
  };
}

const round = (value: number, digits = 0): number => Number(value.toFixed(digits));
const roundStats = (s: Stats): Record<string, number> => ({
  p50: round(s.p50),
  p95: round(s.p95),
  p99: round(s.p99),
  max: round(s.max),
  n: s.n,
});

function count(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

// ─── the desk side: what every agent does with an offer ──────────────────────────────────────────

/** What the agents saw and did during one phase. */
class Phase {
  readonly offerAt = new Map<string, number>();
  readonly offersPerConversation = new Map<string, number>();
  readonly acceptedBy = new Map<string, string[]>();
  readonly closed = new Set<string>();
  readonly offerToAccept: number[] = [];
  readonly acceptMs: number[] = [];
  readonly closeMs: number[] = [];
  readonly errors = new Map<string, number>();
  readonly withdrawn = new Map<string, number>();
  /** An agent set away by an offer that lapsed (put back online by the bench). */
  lapsedAway = 0;
  firstOfferAt = 0;
  lastAcceptAt = 0;
  lastCloseAt = 0;

  constructor(readonly name: string) {}
}

class DeskFleet {
  phase = new Phase('setup');

  constructor(
    private readonly url: string,
    readonly agents: readonly Agent[],
  ) {
    for (const agent of agents) {
      agent.socket.on('offer', (offer: { conversationId: string }) => {
        void this.serve(agent, offer.conversationId, performance.now());
      });
      agent.socket.on('offer:withdrawn', (payload: { reason: string }) =>
        count(this.phase.withdrawn, payload.reason),
      );
      agent.socket.on('presence', (presence: { status: string }) => {
        // An offer that lapsed sets an agent away, a desk gone past the grace period offline: the
        // agent comes back (counted). Also pushed when a dropped desk reconnects.
        if (presence.status === 'online' || !this.online.has(agent.username)) return;
        this.phase.lapsedAway++;
        void setPresence(agent, 'online').catch(() => count(this.phase.errors, 'presence:set failed'));
      });
    }
  }

  /** Agents the bench keeps online (the rest were set away on purpose). */
  private readonly online = new Set<string>();

  async setAll(status: 'online' | 'away'): Promise<void> {
    for (const agent of this.agents)
      if (status === 'online') this.online.add(agent.username);
      else this.online.delete(agent.username);
    await Promise.all(this.agents.map((agent) => setPresence(agent, status)));
  }

  /** Offers are recorded only (the anatomy step drives accept and close itself). */
  manual = false;
  readonly offeredTo = new Map<string, Agent>();

  private async serve(agent: Agent, conversationId: string, offeredAt: number): Promise<void> {
    const phase = this.phase;
    if (!phase.offerAt.has(conversationId)) phase.offerAt.set(conversationId, offeredAt);
    if (phase.firstOfferAt === 0) phase.firstOfferAt = offeredAt;
    count(phase.offersPerConversation, conversationId);
    this.offeredTo.set(conversationId, agent);
    if (this.manual) return;
    const base = `${this.url}/api/desk/conversations/${conversationId}`;
    try {
      const accepted = await http(`${base}/accept`, 'POST', agent.token);
      phase.acceptMs.push(accepted.ms);
      if (accepted.status !== 200) {
        count(phase.errors, `accept ${errorCode(accepted)}`);
        return;
      }
      const now = performance.now();
      phase.offerToAccept.push(now - offeredAt);
      phase.lastAcceptAt = Math.max(phase.lastAcceptAt, now);
      phase.acceptedBy.set(conversationId, [...(phase.acceptedBy.get(conversationId) ?? []), agent.username]);
      const message = await http(`${base}/messages`, 'POST', agent.token, {
        clientMsgId: `bench-${conversationId}`,
        text: '您好，我是安心保险人工客服，很高兴为您服务，请问有什么可以帮您？',
      });
      if (message.status !== 201) count(phase.errors, `message ${errorCode(message)}`);
      if (HANDLE_MS > 0) await sleep(HANDLE_MS);
      const closed = await http(`${base}/close`, 'POST', agent.token);
      phase.closeMs.push(closed.ms);
      if (closed.status !== 200) {
        count(phase.errors, `close ${errorCode(closed)}`);
        return;
      }
      phase.closed.add(conversationId);
      phase.lastCloseAt = Math.max(phase.lastCloseAt, performance.now());
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      count(phase.errors, `${(error as Error).message}: ${cause?.code ?? cause?.message ?? '?'}`);
    }
  }
}

async function waitUntil(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

// ─── anatomy: one customer at a time on an idle server ───────────────────────────────────────────

const ANATOMY_STEPS = ['转人工 → offer', 'accept', 'message', 'close'] as const;

/**
 * One customer at a time, nothing else running: each step's latency and, on the server database,
 * the statements the server sent to PostgreSQL for it (counted by a proxy; the lifecycle timers'
 * scans every 5 s may add a few, so the least of the repetitions is reported).
 */
async function anatomy(
  url: string,
  fleet: DeskFleet,
  statements: (() => number) | null,
  repetitions: number,
  sql: string[] = [],
): Promise<Record<string, { ms: number; statements: number }>> {
  const rows: Record<string, { ms: number[]; statements: number[] }> = {};
  for (const step of ANATOMY_STEPS) rows[step] = { ms: [], statements: [] };
  fleet.manual = true;
  fleet.phase = new Phase('anatomy');
  try {
    for (let r = 0; r < repetitions; r++) {
      const customer = await connectCustomer(url);
      const id = customer.conversationId;
      const base = `${url}/api/desk/conversations/${id}`;
      await sleep(300);
      let before = statements ? statements() : NaN;
      sql.splice(0);
      const record = async (step: (typeof ANATOMY_STEPS)[number], ms: number): Promise<void> => {
        // What a step starts in the background (the offer's transcript event, QA scoring) settles.
        await sleep(300);
        const after = statements ? statements() : NaN;
        rows[step].ms.push(ms);
        rows[step].statements.push(after - before);
        before = after;
        if (env.BENCH_ANATOMY_SQL && r === repetitions - 1)
          console.log(`--- ${step}\n${sql.splice(0).join('\n')}`);
        sql.splice(0);
      };
      await askForHuman(customer, `bench-anatomy-${r}`);
      await waitUntil(() => fleet.phase.offerAt.has(id), 10_000);
      await record('转人工 → offer', (fleet.phase.offerAt.get(id) ?? NaN) - customer.sentAt);
      const agent = fleet.offeredTo.get(id);
      if (!agent) throw new Error('anatomy: no offer');
      const accepted = await http(`${base}/accept`, 'POST', agent.token);
      await record('accept', accepted.ms);
      const message = await http(`${base}/messages`, 'POST', agent.token, {
        clientMsgId: `bench-anatomy-${id}`,
        text: '您好，我是安心保险人工客服，很高兴为您服务，请问有什么可以帮您？',
      });
      await record('message', message.ms);
      const closed = await http(`${base}/close`, 'POST', agent.token);
      await record('close', closed.ms);
      if (accepted.status !== 200 || message.status !== 201 || closed.status !== 200)
        throw new Error(`anatomy: ${accepted.status} ${message.status} ${closed.status}`);
      customer.socket.close();
    }
  } finally {
    fleet.manual = false;
  }
  return Object.fromEntries(
    Object.entries(rows).map(([step, { ms, statements: counted }]) => [
      step,
      { ms: round(stats(ms).p50, 1), statements: Math.min(...counted) },
    ]),
  );
}

/** The anatomy on its own server instance whose database connections go through the counting proxy. */
async function anatomyThroughProxy(
  databaseUrl: string,
  env: Record<string, string>,
): Promise<Record<string, { ms: number; statements: number }>> {
  const proxy = await countingProxy(new URL(databaseUrl));
  const { url, child } = await startBenchServer({ ...env, DATABASE_URL: proxy.url });
  let agent: Agent | undefined;
  try {
    agent = await loginAgent(url, agentUsername(0), AGENT_PASSWORD);
    const fleet = new DeskFleet(url, [agent]);
    await fleet.setAll('online');
    const steps = await anatomy(url, fleet, proxy.statements, 3, proxy.log);
    return steps;
  } finally {
    agent?.socket.close();
    await stopServer(child);
    await proxy.close();
  }
}

// ─── one database ────────────────────────────────────────────────────────────────────────────────

interface RunResult {
  readonly database: string;
  readonly anatomy: Record<string, { ms: number; statements: number }>;
  readonly offer: Record<string, unknown>;
  readonly drain: Record<string, unknown>;
  readonly check: Record<string, unknown>;
  readonly passed: boolean;
}

async function runOn(
  database: string,
  config: DatabaseConfig,
  env: Record<string, string>,
  databaseUrl: string | null,
): Promise<RunResult> {
  const knowledge = knowledgeOpenAllDay();
  const dataDir = tempDir('anxin-bench-handoff-');
  try {
    return await measureOn(database, config, env, databaseUrl, knowledge, dataDir);
  } finally {
    removeDir(knowledge);
    removeDir(dataDir);
  }
}

async function measureOn(
  database: string,
  config: DatabaseConfig,
  env: Record<string, string>,
  databaseUrl: string | null,
  knowledge: string,
  dataDir: string,
): Promise<RunResult> {
  const dbConfig: DatabaseConfig =
    config.kind === 'embedded' ? { kind: 'embedded', dataDir: `${dataDir}/pglite` } : config;
  let started = performance.now();
  await seedStaff(dbConfig, AGENTS);
  console.log(`  ${database}: migrated, ${AGENTS} agents + gate inserted in ${secs(started)} s`);
  let anatomyResult: Record<string, { ms: number; statements: number }> = {};
  if (databaseUrl) {
    anatomyResult = await anatomyThroughProxy(databaseUrl, {
      DATA_DIR: dataDir,
      KNOWLEDGE_DIR: knowledge,
      ...env,
    });
    console.log(`  ${database}: anatomy ${JSON.stringify(anatomyResult)}`);
  }
  const server = await startBenchServer({ DATA_DIR: dataDir, KNOWLEDGE_DIR: knowledge, ...env });
  const { url, child } = server;
  const customers: Customer[] = [];
  const sockets: { close(): void }[] = [];
  const cpu = new CpuSampler(child, databaseUrl, url);
  let offerResult: Record<string, unknown>;
  let drainResult: Record<string, unknown>;
  const offerIds: string[] = [];
  const drainIds: string[] = [];
  let fleet: DeskFleet | undefined;
  try {
    // Staff: log in, connect a desk each, go online.
    started = performance.now();
    const gate = await loginAgent(url, GATE_USERNAME, AGENT_PASSWORD);
    sockets.push(gate.socket);
    const agents = await mapLimit(
      Array.from({ length: AGENTS }, (_, i) => agentUsername(i)),
      10,
      (username) => loginAgent(url, username, AGENT_PASSWORD),
    );
    agents.forEach((agent) => sockets.push(agent.socket));
    await setPresence(gate, 'online');
    fleet = new DeskFleet(url, agents);
    await fleet.setAll('online');
    console.log(`  ${database}: ${AGENTS} agents logged in, desks connected, online in ${secs(started)} s`);

    // ── 0. anatomy (embedded: latency only; the server database had its own run before) ───────
    if (!databaseUrl) anatomyResult = await anatomy(url, fleet, null, 3);

    // ── 1. offer latency: free agents, customers at a steady rate ─────────────────────────────
    started = performance.now();
    const sample = await mapLimit(Array.from({ length: OFFER_SAMPLES }), 20, () => connectCustomer(url));
    customers.push(...sample);
    console.log(`  ${database}: ${OFFER_SAMPLES} customers connected in ${secs(started)} s; sending 转人工`);
    connectionRetries.count = 0;
    dropped.clear();
    fleet.phase = new Phase('offer');
    const offerPhase = fleet.phase;
    await cpu.start();
    const sends: Promise<void>[] = [];
    const t0 = performance.now();
    for (let i = 0; i < sample.length; i++) {
      const due = t0 + (i * 1000) / OFFER_RATE;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      sends.push(askForHuman(sample[i], `bench-offer-${i}`));
      offerIds.push(sample[i].conversationId);
    }
    await Promise.all(sends);
    const served1 = await waitUntil(
      () => offerIds.every((id) => offerPhase.closed.has(id)),
      PHASE_TIMEOUT_MS,
    );
    const cpu1 = await cpu.stop();
    const latency = sample.filter((c) => offerPhase.offerAt.has(c.conversationId));
    offerResult = {
      customers: OFFER_SAMPLES,
      'rate /s': OFFER_RATE,
      'offer ms': roundStats(
        stats(latency.map((c) => (offerPhase.offerAt.get(c.conversationId) ?? 0) - c.sentAt)),
      ),
      'ack ms': roundStats(stats(sample.map((c) => c.ackAt - c.sentAt))),
      'queue notice ms': roundStats(
        stats(sample.filter((c) => c.noticeAt > 0).map((c) => c.noticeAt - c.sentAt)),
      ),
      'accept ms': roundStats(stats(offerPhase.acceptMs)),
      'close ms': roundStats(stats(offerPhase.closeMs)),
      offered: offerPhase.offerAt.size,
      served: offerPhase.closed.size,
      lapsed: offerPhase.withdrawn.get('expired') ?? 0,
      errors: Object.fromEntries(offerPhase.errors),
      'customer errors': sample.filter((c) => c.error).length,
      'connection retries': connectionRetries.count,
      'sockets dropped': Object.fromEntries(dropped),
      'agents set away or offline by the server': offerPhase.lapsedAway,
      cpu: cpu1,
      complete: served1,
    };
    console.log(`  ${database}: offer latency done (${offerPhase.closed.size}/${OFFER_SAMPLES} served)`);
    sample.forEach((c) => c.socket.close());

    // ── 2. throughput: the queue fills with agents away, then everyone goes online ────────────
    await fleet.setAll('away');
    connectionRetries.count = 0;
    dropped.clear();
    fleet.phase = new Phase('drain');
    const drainPhase = fleet.phase;
    started = performance.now();
    const crowd = await mapLimit(Array.from({ length: CUSTOMERS }), 50, () => connectCustomer(url));
    customers.push(...crowd);
    drainIds.push(...crowd.map((c) => c.conversationId));
    const connectSeconds = secs(started);
    console.log(`  ${database}: ${CUSTOMERS} customers connected in ${connectSeconds} s; all send 转人工`);
    await cpu.start();
    const q0 = performance.now();
    await Promise.all(crowd.map((c, i) => askForHuman(c, `bench-drain-${i}`)));
    const acked = performance.now();
    const queuedAll = await waitUntil(() => crowd.every((c) => c.noticeAt > 0 || c.error), PHASE_TIMEOUT_MS);
    const queuedAt = performance.now();
    const queue = await http<{ total: number }>(`${url}/api/desk/queue`, 'GET', gate.token);
    const queueLength = queue.body.total;
    const enqueueCpu = await cpu.stop();
    console.log(`  ${database}: ${queueLength} waiting after ${secs(q0)} s; ${AGENTS} agents go online`);

    queueTraffic.frames = 0;
    queueTraffic.bytes = 0;
    queueTraffic.largestBytes = 0;
    await cpu.start();
    const d0 = performance.now();
    await fleet.setAll('online');
    const onlineMs = performance.now() - d0;
    const served2 = await waitUntil(() => drainPhase.closed.size >= crowd.length, PHASE_TIMEOUT_MS);
    const cpu3 = await cpu.stop();
    const drainSeconds = (drainPhase.lastAcceptAt - d0) / 1000;
    const serveSeconds = (drainPhase.lastCloseAt - d0) / 1000;
    const acceptedOnce = crowd.filter(
      (c) => drainPhase.acceptedBy.get(c.conversationId)?.length === 1,
    ).length;
    drainResult = {
      agents: AGENTS,
      customers: CUSTOMERS,
      'handle ms': HANDLE_MS,
      'connect s': connectSeconds,
      'enqueue s': round((queuedAt - q0) / 1000, 1),
      'enqueue acks s': round((acked - q0) / 1000, 1),
      'handoffs /s': round(CUSTOMERS / ((queuedAt - q0) / 1000), 1),
      'queue length': queueLength,
      'enqueue cpu': enqueueCpu,
      'all queued': queuedAll,
      'online ms': round(onlineMs),
      'first offer ms': round(drainPhase.firstOfferAt - d0),
      'drain s': round(drainSeconds, 1),
      'assignments /s': round(acceptedOnce / drainSeconds, 1),
      'all served s': round(serveSeconds, 1),
      'offer→accept ms': roundStats(stats(drainPhase.offerToAccept)),
      'accept ms': roundStats(stats(drainPhase.acceptMs)),
      'close ms': roundStats(stats(drainPhase.closeMs)),
      offers: [...drainPhase.offersPerConversation.values()].reduce((a, b) => a + b, 0),
      'accepted once': acceptedOnce,
      'accepted twice+': crowd.filter((c) => (drainPhase.acceptedBy.get(c.conversationId)?.length ?? 0) > 1)
        .length,
      served: drainPhase.closed.size,
      lapsed: drainPhase.withdrawn.get('expired') ?? 0,
      'agents set away or offline by the server': drainPhase.lapsedAway,
      withdrawn: Object.fromEntries(drainPhase.withdrawn),
      errors: Object.fromEntries(drainPhase.errors),
      'customer errors': crowd.filter((c) => c.error).length,
      'connection retries': connectionRetries.count,
      'sockets dropped': Object.fromEntries(dropped),
      'queue pushes': queueTraffic.frames,
      'queue MB': round(queueTraffic.bytes / 2 ** 20, 1),
      'largest push KB': round(queueTraffic.largestBytes / 1024),
      cpu: cpu3,
      complete: served2,
    };
    console.log(`  ${database}: drain done (${drainPhase.closed.size}/${CUSTOMERS} served)`);
  } finally {
    await cpu.close();
    customers.forEach((c) => c.socket.close());
    sockets.forEach((s) => s.close());
    await stopServer(child);
  }

  // ── database check, server stopped ─────────────────────────────────────────────────────────
  const check = await withDatabase(dbConfig, async (query) => {
    const result: Record<string, unknown> = {};
    for (const [name, ids] of [
      ['offer', offerIds],
      ['drain', drainIds],
    ] as const) {
      const states = await query(
        `SELECT state, count(*)::int AS n FROM conversation WHERE id = ANY($1::uuid[]) GROUP BY state`,
        [ids],
      );
      const accepted = await query(
        `SELECT n, count(*)::int AS conversations FROM (
           SELECT conversation_id, count(*)::int AS n FROM message
           WHERE conversation_id = ANY($1::uuid[]) AND role = 'system' AND payload->>'event' = 'handoff_accepted'
           GROUP BY conversation_id) a GROUP BY n`,
        [ids],
      );
      const tickets = await query(
        `SELECT count(*)::int AS n FROM ticket WHERE conversation_id = ANY($1::uuid[])`,
        [ids],
      );
      const notices = await query(
        `SELECT payload->>'notice' AS notice, count(*)::int AS n FROM message
         WHERE conversation_id = ANY($1::uuid[]) AND role = 'bot' AND payload ? 'notice' GROUP BY 1 ORDER BY 1`,
        [ids],
      );
      const stateOf = Object.fromEntries(states.map((r) => [String(r.state), Number(r.n)]));
      const acceptedOf = Object.fromEntries(accepted.map((r) => [String(r.n), Number(r.conversations)]));
      result[name] = {
        conversations: ids.length,
        states: stateOf,
        'handoff_accepted per conversation': acceptedOf,
        tickets: Number(tickets[0]?.n ?? 0),
        notices: Object.fromEntries(notices.map((r) => [String(r.notice), Number(r.n)])),
        ok:
          ids.length > 0 &&
          stateOf.closed === ids.length &&
          acceptedOf['1'] === ids.length &&
          Number(tickets[0]?.n ?? 0) === 0,
      };
    }
    const open = await query(
      `SELECT count(*)::int AS n FROM conversation WHERE state IN ('queued', 'agent')`,
    );
    result['left queued or with an agent'] = Number(open[0]?.n ?? 0);
    return result;
  });
  const passed =
    (check.offer as { ok: boolean }).ok &&
    (check.drain as { ok: boolean }).ok &&
    check['left queued or with an agent'] === 0 &&
    drainResult['accepted once'] === CUSTOMERS &&
    drainResult['accepted twice+'] === 0;
  return { database, anatomy: anatomyResult, offer: offerResult, drain: drainResult, check, passed };
}

function secs(since: number): number {
  return round((performance.now() - since) / 1000, 1);
}

// ─── report ──────────────────────────────────────────────────────────────────────────────────────

function printEngine(e: EngineFigures): void {
  console.log(`\nengine (DeskEngine, no I/O): ${e.agents} agents × 3 chats, ${e.customers} waiting`);
  console.table({
    'enqueue all (ms)': round(e.enqueueTotalMs, 1),
    'enqueue, queue full (ms each)': round(e.enqueueLastMs, 3),
    'tick: first, makes an offer per agent (ms)': round(e.tickFirstMs, 2),
    'tick: every agent holds an offer (ms)': round(e.tickIdleMs, 2),
    'tick: next offer per agent (ms)': round(e.tickOffersMs, 2),
    [`tick: ${e.positionsTold} places due to be told (ms)`]: round(e.tickPositionsMs, 2),
    'tick: agents free, none with the skill free (ms)': round(e.tickSkillBlockedMs, 2),
    'queueView() (ms)': round(e.queueViewMs, 2),
    'drain: ticks (1 s apart on the fake clock)': e.drainTicks,
    'drain: tick p50 / max (ms)': `${round(e.drainTickP50Ms, 2)} / ${round(e.drainTickMaxMs, 2)}`,
    'drain: offers per CPU second': round(e.drainOffersPerSecond),
  });
}

function printRun(r: RunResult): void {
  console.log(
    `\n${r.database}: one customer at a time, idle server (median ms of 3; statements sent to PostgreSQL, least of 3)`,
  );
  console.table(r.anatomy);
  const o = r.offer as Record<string, Record<string, number>>;
  const d = r.drain as Record<string, Record<string, number>>;
  console.log(`\n${r.database}: offer latency (${OFFER_SAMPLES} × 转人工 at ${OFFER_RATE}/s, agents free)`);
  console.table({
    '转人工 → offer at a desk': o['offer ms'],
    '转人工 → ack (message stored)': o['ack ms'],
    '转人工 → queue notice at the customer': o['queue notice ms'],
    'POST accept': o['accept ms'],
    'POST close': o['close ms'],
  });
  console.log(
    `offered ${String(o.offered)}, served ${String(o.served)}, lapsed ${String(o.lapsed)}, errors ${JSON.stringify(o.errors)}, sockets dropped ${JSON.stringify(o['sockets dropped'])}, cpu ${JSON.stringify(o.cpu)}`,
  );
  console.log(`\n${r.database}: throughput (${CUSTOMERS} waiting, ${AGENTS} agents go online)`);
  console.table({
    'enqueue: all 转人工 queued (s)': d['enqueue s'],
    'enqueue: handoffs per second': d['handoffs /s'],
    'queue length before agents go online': d['queue length'],
    'drain: agents online → last accept (s)': d['drain s'],
    'drain: assignments per second': d['assignments /s'],
    'drain: agents online → last close (s)': d['all served s'],
    'first offer after going online (ms)': d['first offer ms'],
    'offer → accept p50 / p99 / max (ms)': `${d['offer→accept ms'].p50} / ${d['offer→accept ms'].p99} / ${d['offer→accept ms'].max}`,
    'POST accept p50 / p99 (ms)': `${d['accept ms'].p50} / ${d['accept ms'].p99}`,
    'POST close p50 / p99 (ms)': `${d['close ms'].p50} / ${d['close ms'].p99}`,
    'accepted exactly once': d['accepted once'],
    'offers made / lapsed': `${String(d.offers)} / ${String(d.lapsed)}`,
    'queue pushes to desks / MB / largest KB': `${String(d['queue pushes'])} / ${String(d['queue MB'])} / ${String(d['largest push KB'])}`,
  });
  console.log(
    `errors ${JSON.stringify(d.errors)}, withdrawn ${JSON.stringify(d.withdrawn)}, customer errors ${String(d['customer errors'])}, connection retries ${String(d['connection retries'])}, sockets dropped ${JSON.stringify(d['sockets dropped'])}, agents set away/offline by the server ${String(d['agents set away or offline by the server'])}`,
  );
  console.log(`cpu enqueue ${JSON.stringify(d['enqueue cpu'])}, cpu drain ${JSON.stringify(d.cpu)}`);
  console.log(`database check: ${JSON.stringify(r.check)}`);
  console.log(`${r.database}: ${r.passed ? 'PASS' : 'FAIL'}`);
}

async function main(): Promise<void> {
  console.log(
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`,
  );
  console.log(
    `handoff: ${AGENTS} agents × 3 chats, offer latency ${OFFER_SAMPLES} × 转人工 at ${OFFER_RATE}/s, throughput ${CUSTOMERS} waiting, handle ${HANDLE_MS} ms`,
  );
  const engine = measureEngine(AGENTS, CUSTOMERS);
  printEngine(engine);
  const runs: RunResult[] = [];
  const skipped: string[] = [];
  for (const target of DATABASES) {
    const started = performance.now();
    if (target === 'server') {
      try {
        runs.push(
          await withServerDatabase((url) =>
            runOn('server (PostgreSQL)', { kind: 'server', url }, { DATABASE_URL: url }, url),
          ),
        );
      } catch (error) {
        console.log(`server PostgreSQL skipped: ${(error as Error).message}`);
        skipped.push(`server: ${(error as Error).message}`);
        continue;
      }
    } else if (target === 'embedded') {
      runs.push(await runOn('embedded (PGlite)', { kind: 'embedded', dataDir: null }, {}, null));
    } else throw new Error(`BENCH_DATABASES: unknown target ${target}`);
    const run = runs[runs.length - 1];
    printRun(run);
    console.log(`(${run.database} took ${secs(started)} s)`);
  }
  const passed = runs.length > 0 && runs.every((r) => r.passed);
  console.log(
    JSON.stringify({
      bench: 'handoff',
      agents: AGENTS,
      customers: CUSTOMERS,
      offerSamples: OFFER_SAMPLES,
      offerRate: OFFER_RATE,
      handleMs: HANDLE_MS,
      engine: Object.fromEntries(Object.entries(engine).map(([k, v]) => [k, round(v, 3)])),
      runs,
      skipped,
      passed,
    }),
  );
  if (!passed) process.exitCode = 1;
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
