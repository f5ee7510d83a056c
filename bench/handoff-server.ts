/**
 * Server side of the handoff benchmark: a knowledge copy open around the clock, the database
 * (migrated, staff accounts inserted) and the built server as a child process.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { type AddressInfo, connect, createServer, type Socket } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { DatabaseConfig } from '@anxin/common';
import { Database } from '@anxin/persistence';
import { PasswordHasher } from '@anxin/staff';
import { Client } from 'pg';
import { parse, stringify } from 'yaml';
import { skillsOf } from './handoff-engine';
import { percentile } from './percentile.util';
import { ROOT, type Server, startServer } from './server-process';

export const AGENT_PASSWORD = 'bench-agent-password';
export const GATE_USERNAME = 'bench.gate';

export const agentUsername = (i: number): string => `bench.agent${String(i + 1).padStart(3, '0')}`;

/**
 * knowledge/ copied to a temp folder with human service hours 00:00-24:00 every day, so handoffs
 * queue at any hour (outside the shipped 8:00-22:00 Beijing every handoff becomes a ticket).
 */
export function knowledgeOpenAllDay(): string {
  const dir = mkdtempSync(join(tmpdir(), 'anxin-bench-knowledge-'));
  cpSync(join(ROOT, 'knowledge'), dir, { recursive: true });
  const file = join(dir, 'handoff', 'service-hours.yaml');
  const hours = parse(readFileSync(file, 'utf8')) as {
    weekly: Record<string, string[]>;
    description: string;
  };
  for (const day of Object.keys(hours.weekly)) hours.weekly[day] = ['00:00-24:00'];
  hours.description = '每天0:00-24:00';
  writeFileSync(file, stringify({ ...hours, exceptions: [] }));
  return dir;
}

/**
 * Migrates the database with the project's own Database (as the server and the admin CLI do) and
 * inserts the agents, password hashed once with the project's PasswordHasher: `agents` desk agents
 * (every one 「综合服务」 plus one specialist group, 3 chats at once) and the gate account (below).
 */
export async function seedStaff(config: DatabaseConfig, agents: number): Promise<void> {
  const database = await Database.open(config);
  try {
    const hash = await new PasswordHasher().hash(AGENT_PASSWORD);
    const rows = Array.from({ length: agents }, (_, i) => ({
      username: agentUsername(i),
      name: `压测客服${i + 1}`,
      skills: skillsOf(i),
      capacity: 3,
    }));
    // The gate: online with capacity 0, so a handoff queues (canServe) but is never offered to it.
    // Without anyone online a handoff becomes a `no_agent` ticket instead of waiting.
    rows.push({ username: GATE_USERNAME, name: '压测值班', skills: ['general'], capacity: 0 });
    for (const row of rows)
      await database.dataSource.query(
        // Upsert: a reused BENCH_DATABASE_URL gets the same accounts back.
        `INSERT INTO agent (username, display_name, role, skills, max_concurrent, password_hash)
         VALUES ($1, $2, 'agent', $3, $4, $5)
         ON CONFLICT (username) DO UPDATE SET display_name = EXCLUDED.display_name, role = 'agent',
           skills = EXCLUDED.skills, max_concurrent = EXCLUDED.max_concurrent,
           password_hash = EXCLUDED.password_hash, disabled = false, password_changed_at = NULL`,
        [row.username, row.name, row.skills, row.capacity, hash],
      );
  } finally {
    await database.close();
  }
}

/** Queries against the benchmark's database once the server has stopped. */
export async function withDatabase<T>(
  config: DatabaseConfig,
  fn: (query: (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>) => Promise<T>,
): Promise<T> {
  const database = await Database.open(config, { migrate: false });
  try {
    return await fn(
      (sql, params) => database.dataSource.query(sql, params) as Promise<Record<string, unknown>[]>,
    );
  } finally {
    await database.close();
  }
}

/** The server with the handoff bench's settings (BENCH_SERVER_PROFILE=<dir>: a V8 CPU profile there at stop). */
export function startBenchServer(env: Record<string, string>): Promise<Server> {
  const profile = process.env.BENCH_SERVER_PROFILE;
  const flags = profile ? ['--cpu-prof', `--cpu-prof-dir=${resolve(profile)}`] : [];
  return startServer({ HANDOFF_ASSIGNMENT: 'auto', SEED_DEMO_USERS: 'false', ...env }, flags);
}

/** CPU seconds (user + system) a process has used so far (Linux /proc), or NaN. */
function cpuSecondsOf(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

export interface CpuShare {
  /** Percent of one core over the phase. */
  readonly server: number;
  readonly postgres: number;
  readonly bench: number;
  /** 1-minute load average at the end (other work on the machine shows here). */
  readonly load: number;
  /** Transactions the database committed (each statement outside a transaction counts as one). */
  readonly transactions: number;
  /** Mean PostgreSQL backends of the database busy (not idle) at the samples. */
  readonly pgBusy: number;
  /** GET / (a static file: the server's event-loop delay) and GET /health (one SELECT 1 through the pool), ms. */
  readonly staticP50: number;
  readonly staticP99: number;
  readonly healthP50: number;
  readonly healthP99: number;
}

/**
 * CPU of the server process, of the database's PostgreSQL backends (server database only; pooled
 * backends come and go, so each backend is sampled every 250 ms and counted from when it was first
 * seen) and of this process, over one phase.
 */
export class CpuSampler {
  private readonly backends = new Map<number, { first: number; last: number }>();
  private timer: NodeJS.Timeout | null = null;
  private client: Client | null = null;
  private started = { at: 0, server: 0, bench: 0 };
  private busy: number[] = [];
  private probes: { static: number[]; health: number[] } = { static: [], health: [] };
  private probing = false;
  private xacts = 0;
  /** This sampler's own statements on the database (subtracted from `transactions`). */
  private own = 0;

  constructor(
    private readonly child: ChildProcess,
    private readonly databaseUrl: string | null,
    private readonly url: string,
  ) {}

  async start(): Promise<void> {
    this.backends.clear();
    this.busy = [];
    this.probes = { static: [], health: [] };
    if (this.databaseUrl && !this.client) {
      this.client = new Client({ connectionString: this.databaseUrl });
      await this.client.connect();
    }
    await this.sample();
    this.xacts = await this.transactions();
    this.own = 0;
    this.started = { at: performance.now(), server: cpuSecondsOf(this.child.pid), bench: benchCpuSeconds() };
    this.timer = setInterval(() => {
      void this.sample().catch(() => undefined);
      void this.probe();
    }, 250);
  }

  /** One probe at a time: a slow server is not piled up with probes. */
  private async probe(): Promise<void> {
    if (this.probing) return;
    this.probing = true;
    try {
      for (const [kind, path] of [
        ['static', '/'],
        ['health', '/health'],
      ] as const) {
        const started = performance.now();
        const response = await fetch(`${this.url}${path}`);
        await response.arrayBuffer();
        this.probes[kind].push(performance.now() - started);
      }
    } catch {
      // counted as missing
    } finally {
      this.probing = false;
    }
  }

  async stop(): Promise<CpuShare> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.sample();
    const wall = (performance.now() - this.started.at) / 1000;
    // The statistics collector flushes at most once a second.
    await new Promise((r) => setTimeout(r, 1100));
    const own = this.own;
    const transactions = (await this.transactions()) - this.xacts - own;
    let postgres = 0;
    for (const { first, last } of this.backends.values()) postgres += last - first;
    return {
      server: Math.round((100 * (cpuSecondsOf(this.child.pid) - this.started.server)) / wall),
      postgres: this.databaseUrl ? Math.round((100 * postgres) / wall) : NaN,
      bench: Math.round((100 * (benchCpuSeconds() - this.started.bench)) / wall),
      load: Number(loadavg()[0].toFixed(2)),
      transactions: this.databaseUrl ? transactions : NaN,
      pgBusy: this.databaseUrl
        ? Number((this.busy.reduce((a, b) => a + b, 0) / Math.max(1, this.busy.length)).toFixed(1))
        : NaN,
      staticP50: Math.round(percentileOf(this.probes.static, 50)),
      staticP99: Math.round(percentileOf(this.probes.static, 99)),
      healthP50: Math.round(percentileOf(this.probes.health, 50)),
      healthP99: Math.round(percentileOf(this.probes.health, 99)),
    };
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.client?.end().catch(() => undefined);
    this.client = null;
  }

  private async transactions(): Promise<number> {
    if (!this.client || !this.databaseUrl) return NaN;
    this.own++;
    const { rows } = await this.client.query<{ n: string }>(
      `SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = $1`,
      [new URL(this.databaseUrl).pathname.slice(1)],
    );
    return Number(rows[0]?.n ?? NaN);
  }

  private async sample(): Promise<void> {
    if (!this.client || !this.databaseUrl) return;
    const name = new URL(this.databaseUrl).pathname.slice(1);
    this.own++;
    const { rows } = await this.client.query<{ pid: number; state: string | null }>(
      `SELECT pid, state FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
      [name],
    );
    if (this.timer) this.busy.push(rows.filter((row) => row.state !== 'idle').length);
    for (const { pid } of rows) {
      const cpu = cpuSecondsOf(pid);
      if (Number.isNaN(cpu)) continue;
      const seen = this.backends.get(pid);
      // A backend first seen after the phase started ran for this phase from its start.
      if (!seen) this.backends.set(pid, { first: this.timer ? 0 : cpu, last: cpu });
      else seen.last = cpu;
    }
  }
}

function percentileOf(values: readonly number[], p: number): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    p,
  );
}

function benchCpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

/**
 * A TCP proxy in front of PostgreSQL that counts the server's statements: each simple query ('Q')
 * and each extended-protocol Sync ('S', one per parameterised query) is one round trip. Used only
 * for the one-customer-at-a-time anatomy; the load phases talk to PostgreSQL directly.
 */
export async function countingProxy(
  target: URL,
): Promise<{ url: string; statements: () => number; log: string[]; close: () => Promise<void> }> {
  let statements = 0;
  /** The first line of each statement's SQL, in order (BENCH_ANATOMY_SQL=1 prints them per step). */
  const log: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    sockets.add(client).add(upstream);
    let pending = Buffer.alloc(0);
    let started = false;
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        // The startup message (and an SSL request) has no type byte; every later message has one.
        const header = started ? 5 : 4;
        if (pending.length < header) break;
        const length = pending.readInt32BE(started ? 1 : 0) + (started ? 1 : 0);
        if (pending.length < length) break;
        if (started && (pending[0] === 0x51 || pending[0] === 0x53)) statements++;
        if (started && (pending[0] === 0x51 || pending[0] === 0x50)) {
          // Q: the SQL; P: statement name, then the SQL (both NUL-terminated).
          const body = pending.subarray(5, length);
          const from = pending[0] === 0x51 ? 0 : body.indexOf(0) + 1;
          const sql = body.subarray(from, body.indexOf(0, from)).toString('utf8');
          log.push(sql.replace(/\s+/g, ' ').trim().slice(0, 110));
        }
        if (!started && pending.readInt32BE(4) !== 80877103) started = true;
        pending = pending.subarray(length);
      }
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    const end = (): void => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const url = new URL(target.href);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return {
    url: url.href,
    statements: () => statements,
    log,
    close: async () => {
      sockets.forEach((socket) => socket.destroy());
      await new Promise((r) => server.close(r));
    },
  };
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
