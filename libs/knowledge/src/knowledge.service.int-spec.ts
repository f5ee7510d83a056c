import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Clock, createLogger } from '@anxin/common';
import { Database } from '@anxin/persistence';
import { databaseTargets, FakeOpenAiServer } from '@anxin/testing';
import { OpenAiEmbeddingProvider } from './embedding/openai-embedding.provider';
import { PostgresEmbeddingStore } from './embedding/postgres-embedding.store';
import { KnowledgeBase } from './knowledge-base.engine';
import { KnowledgeException } from './knowledge.exception';
import { KnowledgeService } from './knowledge.service';
import { fixtureCopy, removeFixtureCopies, scriptSource } from './loading/__fixtures__/fixture-dir.helper';

class ManualClock extends Clock {
  constructor(public time = new Date('2026-11-25T08:00:00Z')) {
    super();
  }
  now(): Date {
    return this.time;
  }
}

describe.each(databaseTargets())('KnowledgeService with embeddings on $name PostgreSQL', (target) => {
  let database: Database;
  let fake: FakeOpenAiServer;
  let dir: string;
  let clock: ManualClock;

  beforeAll(async () => {
    database = await Database.open(target.config, target.options);
    fake = await FakeOpenAiServer.start();
  });
  afterAll(async () => {
    await fake.close();
    await database.close();
    removeFixtureCopies();
  });
  beforeEach(() => {
    fake.requests.length = 0;
    fake.failWith = null;
    dir = fixtureCopy();
    clock = new ManualClock();
  });

  /** A model name of its own per test, so stored vectors of one test never serve another. */
  async function serviceFor(model: string): Promise<KnowledgeService> {
    return new KnowledgeService(await KnowledgeBase.load(dir), {
      dir,
      logger: createLogger('silent'),
      clock,
      embeddings: {
        provider: new OpenAiEmbeddingProvider({
          baseUrl: fake.baseUrl,
          apiKey: null,
          model,
          dimensions: null,
          timeoutMs: 2000,
        }),
        store: new PostgresEmbeddingStore(database.dataSource),
        hybrid: { vectorWeight: 0.5 },
      },
    });
  }

  it(`stores vectors in a ${target.name === 'embedded' ? 'pgvector' : 'real[]'} column`, async () => {
    const rows = (await database.dataSource.query(
      `SELECT udt_name FROM information_schema.columns WHERE table_name = 'knowledge_embedding' AND column_name = 'embedding'`,
    )) as { udt_name: string }[];

    expect(rows).toEqual([{ udt_name: target.name === 'embedded' ? 'vector' : '_float4' }]);
  });

  it('embeds every script once and reuses the stored vectors afterwards', async () => {
    const model = `m-${randomUUID()}`;
    const first = await serviceFor(model);

    expect(await first.refreshEmbeddings()).toBe(true);
    expect(first.current.hasVectors).toBe(true);
    expect(fake.embeddedTexts).toHaveLength(first.current.scripts.length);

    fake.requests.length = 0;
    const second = await serviceFor(model);
    expect(await second.refreshEmbeddings()).toBe(true);
    expect(second.current.hasVectors).toBe(true);
    expect(fake.requests).toEqual([]);
  });

  it('searches hybrid, and masks PII in the query before it leaves the process', async () => {
    const sut = await serviceFor(`m-${randomUUID()}`);
    await sut.refreshEmbeddings();
    fake.requests.length = 0;

    const hits = await sut.search('我手机13812345678，LP进度咋查', 3);

    expect(hits[0].script.id).toBe('claims-progress');
    expect(fake.embeddedTexts).toEqual(['我手机138****5678，LP进度咋查']);
    expect(hits[0].confidence).toBeGreaterThan(0);
  });

  it('falls back to lexical search when the provider fails, and leaves it alone for a while', async () => {
    const sut = await serviceFor(`m-${randomUUID()}`);
    await sut.refreshEmbeddings();
    const lexical = sut.current.search('理赔需要什么材料', { k: 3 });
    fake.failWith = 500;
    fake.requests.length = 0;

    expect(await sut.search('理赔需要什么材料', 3)).toEqual(lexical);
    const tried = fake.requests.length;
    expect(tried).toBeGreaterThan(0);
    await sut.search('理赔需要什么材料', 3);
    expect(fake.requests).toHaveLength(tried);

    fake.failWith = null;
    clock.time = new Date(clock.time.getTime() + 31_000);
    await sut.search('理赔需要什么材料', 3);
    expect(fake.requests.length).toBeGreaterThan(tried);
  });

  it('keeps lexical retrieval when script embeddings cannot be computed', async () => {
    const sut = await serviceFor(`m-${randomUUID()}`);
    fake.failWith = 503;

    expect(await sut.refreshEmbeddings()).toBe(false);
    expect(sut.current.hasVectors).toBe(false);
    expect((await sut.search('lp进度怎么查', 1))[0].script.id).toBe('claims-progress');
  });

  it('reloads changed content, re-embedding only what changed; invalid content keeps the old', async () => {
    const sut = await serviceFor(`m-${randomUUID()}`);
    await sut.refreshEmbeddings();
    const before = sut.current;
    writeFileSync(
      join(dir, 'scripts/claims/claims-progress.md'),
      scriptSource(
        { id: 'claims-progress', version: '2', questions: '\n  - 理赔到哪一步了' },
        '您好，理赔进度可在App查询。',
      ),
    );
    fake.requests.length = 0;

    expect(await sut.reload()).toEqual({ scripts: 4, embedded: true });
    expect(sut.current.getScript('claims-progress')?.version).toBe(2);
    expect(fake.embeddedTexts).toHaveLength(1);

    const reloaded = sut.current;
    writeFileSync(join(dir, 'scripts/claims/claims-progress.md'), '---\nbroken\n');
    await expect(sut.reload()).rejects.toBeInstanceOf(KnowledgeException);
    expect(sut.current).toBe(reloaded);
    expect(sut.current).not.toBe(before);
  });
});
