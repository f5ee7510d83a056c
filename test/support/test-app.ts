import type { AddressInfo } from 'node:net';
import { AppConfig, type Clock, createLogger } from '@anxin/common';
import { ConversationService } from '@anxin/conversation';
import type { INestApplication } from '@nestjs/common';
import { createServerApp } from '../../apps/server/src/bootstrap';
import type { DatabaseTarget } from './database-targets';
import { cloneServerDatabase, TEMPLATE_ENV } from './server-database.clone';
import { testConfig } from './test-config';

export interface TestApp {
  readonly app: INestApplication;
  readonly config: AppConfig;
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** Waits until every bot turn queued so far has been answered and stored. */
  settle(): Promise<void>;
  /** POST /api/auth/login; the staff bearer token (throws unless the login succeeds). */
  login(username: string, password: string): Promise<string>;
  close(): Promise<void>;
}

/** Boots the real server (same bootstrap as main.ts) on a random port against the given database. */
export async function startTestApp(
  target: DatabaseTarget,
  env: Record<string, string> = {},
  clock?: Clock,
): Promise<TestApp> {
  // On the server, every app gets a private clone of the migrated template (see cloneServerDatabase).
  const template = target.name === 'server' ? process.env[TEMPLATE_ENV] : undefined;
  const clone = template ? await cloneServerDatabase(template) : null;
  const database = clone ? { kind: 'server' as const, url: clone.url } : target.config;
  const config = new AppConfig({ ...testConfig(env), database });
  const app = await createServerApp({
    config,
    logger: createLogger('silent'),
    database: target.options,
    ...(clock ? { clock } : {}),
  });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const conversations = app.get(ConversationService);
  const url = `http://127.0.0.1:${port}`;
  return {
    app,
    config,
    url,
    settle: () => conversations.drain(),
    login: async (username, password) => {
      const response = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      if (response.status !== 200) throw new Error(`login as ${username}: HTTP ${response.status}`);
      return ((await response.json()) as { token: string }).token;
    },
    close: async () => {
      await app.close();
      await clone?.drop();
    },
  };
}
