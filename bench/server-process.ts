/** The built server (dist/) as a child process, for the benchmarks that measure it over the network. */
import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { Client } from 'pg';

/** Repository root: the benchmarks run from dist/bench/. */
export const ROOT = resolve(__dirname, '..', '..');

export interface Server {
  readonly url: string;
  readonly child: ChildProcess;
}

/**
 * Starts dist/apps/server/src/main.js on a random port with `env` over the process's own (logs at
 * warn; the per-connection flood limit, meant for customers typing, lifted for closed-loop clients)
 * and waits until /health answers. `nodeFlags` go to node (e.g. --cpu-prof).
 */
export async function startServer(
  env: Record<string, string>,
  nodeFlags: readonly string[] = [],
  timeoutS = 60,
): Promise<Server> {
  const port = 3900 + Math.floor(Math.random() * 90);
  const child = spawn(process.execPath, [...nodeFlags, join(ROOT, 'dist/apps/server/src/main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      PORT: String(port),
      HOST: '127.0.0.1',
      CHAT_MAX_MESSAGES_PER_SECOND: '100',
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  let exited = false;
  child.once('exit', () => (exited = true));
  for (let i = 0; i < timeoutS * 10 && !exited; i++) {
    try {
      if ((await fetch(`${url}/health`)).ok) return { url, child };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(exited ? 'server exited during start' : `server did not become healthy in ${timeoutS} s`);
}

/** SIGTERM (a graceful drain), SIGKILL after 30 s. */
export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}

/** BENCH_DATABASE_URL, or a throw-away database on 127.0.0.1:5432, dropped afterwards. */
export async function withServerDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  if (process.env.BENCH_DATABASE_URL) return fn(process.env.BENCH_DATABASE_URL);
  const admin = 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `anxin_bench_${Date.now()}`;
  const client = new Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  try {
    return await fn(`postgres://postgres@127.0.0.1:5432/${name}`);
  } finally {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  }
}
