/**
 * Web chat load benchmark: starts the built server as a child process (embedded PGlite, then the
 * PostgreSQL server), connects N socket.io clients, each sending M questions one after another,
 * and measures the round trip from `message:send` to the bot's reply arriving.
 *
 *   npm run bench                          # 200 clients × 5 messages, both databases
 *   BENCH_CLIENTS=50 BENCH_MESSAGES=10 npm run bench
 *   BENCH_DATABASE_URL=postgres://…/anxin_bench npm run bench   # server database to use
 *
 * Without BENCH_DATABASE_URL a throw-away database is created on 127.0.0.1:5432 and dropped.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { percentile } from './percentile.util';
import { startServer, stopServer, withServerDatabase } from './server-process';
import { io, type Socket } from 'socket.io-client';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 200);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 5);
const QUESTIONS = [
  '车险理赔需要准备哪些材料?',
  '重疾险等待期多久',
  '怎么退保',
  '理赔进度怎么查',
  '我想改一下保单地址',
];

interface Result {
  readonly database: string;
  readonly messages: number;
  readonly failed: number;
  readonly seconds: number;
  readonly latencies: number[];
}

async function connectClient(url: string): Promise<Socket> {
  const session = (await (
    await fetch(`${url}/api/chat/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    })
  ).json()) as { token: string };
  const socket: Socket = io(`${url}/chat`, {
    auth: { token: session.token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  await new Promise<void>((res, rej) => {
    socket.once('connect', () => res());
    socket.once('connect_error', rej);
  });
  return socket;
}

async function runClient(socket: Socket, index: number, latencies: number[]): Promise<number> {
  // A reply can overtake the ack of the message it answers: record bot seqs from the start.
  let lastBotSeq = 0;
  let wake: (() => void) | undefined;
  socket.on('message', (msg: { role: string; seq: number }) => {
    if (msg.role === 'bot') lastBotSeq = Math.max(lastBotSeq, msg.seq);
    wake?.();
  });
  let failed = 0;
  for (let m = 0; m < MESSAGES; m++) {
    const started = performance.now();
    const ack = (await socket.timeout(30_000).emitWithAck('message:send', {
      clientMsgId: `b-${index}-${m}`,
      text: QUESTIONS[(index + m) % QUESTIONS.length],
    })) as { seq?: number };
    const seq = ack.seq;
    if (seq === undefined) {
      failed++;
      continue;
    }
    while (lastBotSeq <= seq) await new Promise<void>((res) => (wake = res));
    latencies.push(performance.now() - started);
  }
  socket.close();
  return failed;
}

async function measure(database: string, env: Record<string, string>): Promise<Result> {
  const dataDir = mkdtempSync(join(tmpdir(), 'anxin-bench-'));
  const { url, child } = await startServer({ DATA_DIR: dataDir, ...env });
  const latencies: number[] = [];
  try {
    // Sessions and connections first (each new conversation is greeted), then all clients send at once.
    const sockets = await Promise.all(Array.from({ length: CLIENTS }, () => connectClient(url)));
    const started = performance.now();
    const failures = await Promise.all(sockets.map((socket, i) => runClient(socket, i, latencies)));
    const seconds = (performance.now() - started) / 1000;
    return {
      database,
      messages: latencies.length,
      failed: failures.reduce((a, b) => a + b, 0),
      seconds,
      latencies,
    };
  } finally {
    await stopServer(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function report(result: Result): void {
  const sorted = [...result.latencies].sort((a, b) => a - b);
  const row = {
    database: result.database,
    clients: CLIENTS,
    messages: result.messages,
    failed: result.failed,
    'msg/s': Math.round(result.messages / result.seconds),
    'p50 ms': Math.round(percentile(sorted, 50)),
    'p95 ms': Math.round(percentile(sorted, 95)),
    'p99 ms': Math.round(percentile(sorted, 99)),
  };
  console.log(JSON.stringify(row));
}

async function main(): Promise<void> {
  console.log(
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`,
  );
  console.log(`load: ${CLIENTS} clients × ${MESSAGES} messages (send → bot reply round trip)`);
  report(await measure('embedded (PGlite)', {}));
  try {
    report(await withServerDatabase((url) => measure('server (PostgreSQL)', { DATABASE_URL: url })));
  } catch (error) {
    console.log(`server PostgreSQL skipped: ${(error as Error).message}`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
