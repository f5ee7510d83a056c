import type { AddressInfo } from 'node:net';
import { AppConfig, createLogger } from '@anxin/common';
import { ConversationService } from '@anxin/conversation';
import type { INestApplication } from '@nestjs/common';
import { createServerApp } from '../../apps/server/src/bootstrap';
import type { DatabaseTarget } from './database-targets';
import { testConfig } from './test-config';

export interface TestApp {
  readonly app: INestApplication;
  readonly config: AppConfig;
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** Waits until every bot turn queued so far has been answered and stored. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/** Boots the real server (same bootstrap as main.ts) on a random port against the given database. */
export async function startTestApp(
  target: DatabaseTarget,
  env: Record<string, string> = {},
): Promise<TestApp> {
  const config = new AppConfig({ ...testConfig(env), database: target.config });
  const app = await createServerApp({ config, logger: createLogger('silent'), database: target.options });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const conversations = app.get(ConversationService);
  return {
    app,
    config,
    url: `http://127.0.0.1:${port}`,
    settle: () => conversations.drain(),
    close: () => app.close(),
  };
}
