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

  it('generates a separate staff token secret and seeds demo users only on the embedded database', () => {
    const dataDir = tmp();
    const sut = loadConfig({ DATA_DIR: dataDir });
    expect(sut.staff).toEqual({
      tokenSecret: expect.any(String),
      tokenTtlSeconds: 43_200,
      seedDemoUsers: true,
    });
    expect(sut.staff.tokenSecret.length).toBeGreaterThanOrEqual(32);
    expect(sut.staff.tokenSecret).not.toBe(sut.chat.tokenSecret);
    const stored = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')) as Record<string, string>;
    expect(stored.STAFF_TOKEN_SECRET).toBe(sut.staff.tokenSecret);
    expect(loadConfig({ DATA_DIR: dataDir }).staff.tokenSecret).toBe(sut.staff.tokenSecret);

    const server = { DATA_DIR: tmp(), DATABASE_URL: 'postgres://u@127.0.0.1:5432/anxin' };
    expect(loadConfig(server).staff.seedDemoUsers).toBe(false);
    expect(loadConfig({ ...server, SEED_DEMO_USERS: 'true' }).staff.seedDemoUsers).toBe(true);
    expect(loadConfig({ DATA_DIR: tmp(), SEED_DEMO_USERS: 'false' }).staff.seedDemoUsers).toBe(false);
  });

  it('refuses a short staff secret and demo users in production', () => {
    expect(() => loadConfig({ DATA_DIR: tmp(), STAFF_TOKEN_SECRET: 'short' })).toThrow(
      'STAFF_TOKEN_SECRET: must be at least 32 characters',
    );
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        DATA_DIR: tmp(),
        CHAT_TOKEN_SECRET: 'c'.repeat(32),
        STAFF_TOKEN_SECRET: 's'.repeat(32),
        DATABASE_URL: 'postgres://u@127.0.0.1:5432/anxin',
        SEED_DEMO_USERS: 'true',
      }),
    ).toThrow('SEED_DEMO_USERS: must not be true when NODE_ENV=production');
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
      /CHAT_TOKEN_SECRET: required when NODE_ENV=production[\s\S]*STAFF_TOKEN_SECRET: required[\s\S]*DATABASE_URL: required/,
    );
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ DATA_DIR: tmp(), PORT: '', DATABASE_URL: '' }).database.kind).toBe('embedded');
  });

  it('has retrieval bands and no embeddings by default', () => {
    const sut = loadConfig({ DATA_DIR: tmp() });
    expect(sut.retrieval).toEqual({ answerMinConfidence: 0.5, suggestMinConfidence: 0.4, vectorWeight: 0.5 });
    expect(sut.embedding).toBeNull();
  });

  it('configures an OpenAI-compatible embedding provider', () => {
    const sut = loadConfig({
      DATA_DIR: tmp(),
      EMBEDDING_BASE_URL: 'http://127.0.0.1:9000/v1',
      EMBEDDING_MODEL: 'bge-m3',
      EMBEDDING_DIMENSIONS: '256',
    });
    expect(sut.embedding).toEqual({
      baseUrl: 'http://127.0.0.1:9000/v1',
      apiKey: null,
      model: 'bge-m3',
      dimensions: 256,
      timeoutMs: 10_000,
    });
  });

  it.each([
    [{ EMBEDDING_BASE_URL: 'http://x/v1' }, 'EMBEDDING_MODEL: required when EMBEDDING_BASE_URL is set'],
    [
      { EMBEDDING_MODEL: 'm' },
      'EMBEDDING_BASE_URL: required when EMBEDDING_MODEL or EMBEDDING_API_KEY is set',
    ],
    [{ EMBEDDING_BASE_URL: 'ftp://x', EMBEDDING_MODEL: 'm' }, 'EMBEDDING_BASE_URL: must be an http(s) URL'],
    [
      { KB_SUGGEST_MIN_CONFIDENCE: '0.6', KB_ANSWER_MIN_CONFIDENCE: '0.5' },
      'KB_SUGGEST_MIN_CONFIDENCE: must not be above KB_ANSWER_MIN_CONFIDENCE',
    ],
  ])('refuses the inconsistent setting %j', (env, message) => {
    expect(() => loadConfig({ DATA_DIR: tmp(), ...env })).toThrow(message);
  });
});
