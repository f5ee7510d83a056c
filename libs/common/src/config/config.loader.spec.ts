import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigException } from './config.exception';
import { loadConfig } from './config.loader';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'anxin-config-'));

describe('loadConfig', () => {
  it('gives the embedded defaults with nothing set, generating and keeping a secret in DATA_DIR', () => {
    const dataDir = tmp();
    const sut = loadConfig({ DATA_DIR: dataDir });
    expect(sut.database).toEqual({ kind: 'embedded', dataDir: join(dataDir, 'pglite') });
    expect(sut.http).toEqual({ host: '0.0.0.0', port: 3000 });
    expect(sut.chat.tokenSecret.length).toBeGreaterThanOrEqual(32);
    const stored = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')) as Record<string, string>;
    expect(stored.CHAT_TOKEN_SECRET).toBe(sut.chat.tokenSecret);
    expect(loadConfig({ DATA_DIR: dataDir }).chat.tokenSecret).toBe(sut.chat.tokenSecret);
  });

  it('uses the server database when DATABASE_URL is set', () => {
    const sut = loadConfig({ DATA_DIR: tmp(), DATABASE_URL: 'postgres://u@127.0.0.1:5432/anxin' });
    expect(sut.database).toEqual({ kind: 'server', url: 'postgres://u@127.0.0.1:5432/anxin' });
  });

  it('names every bad variable in one error', () => {
    const problems = (() => {
      try {
        loadConfig({
          PORT: 'eighty',
          DATABASE_URL: 'mysql://x',
          LOG_LEVEL: 'loud',
          CHAT_TOKEN_SECRET: 'short',
        });
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigException);
        return (error as ConfigException).problems;
      }
      throw new Error('expected a ConfigException');
    })();
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'CHAT_TOKEN_SECRET',
      'DATABASE_URL',
      'LOG_LEVEL',
      'PORT',
    ]);
  });

  it('requires real secrets and a server database in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: tmp() })).toThrow(
      /CHAT_TOKEN_SECRET: required when NODE_ENV=production[\s\S]*DATABASE_URL: required/,
    );
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ DATA_DIR: tmp(), PORT: '', DATABASE_URL: '' }).database.kind).toBe('embedded');
  });
});
