import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type AppConfig, loadConfig } from '@anxin/common';

export const REPO_ROOT = resolve(__dirname, '..', '..');

/** A validated config for tests: its own temp data folder, a random secret, silent logs. */
export function testConfig(env: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'anxin-test-')),
    KNOWLEDGE_DIR: join(REPO_ROOT, 'knowledge'),
    PROMPTS_DIR: join(REPO_ROOT, 'prompts'),
    WEB_ROOT: join(REPO_ROOT, 'apps', 'console', 'widget'),
    CHAT_TOKEN_SECRET: randomBytes(32).toString('hex'),
    ...env,
  });
}
