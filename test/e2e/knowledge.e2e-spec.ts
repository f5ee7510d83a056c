import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type ChatClient,
  connectChat,
  createSession,
  embeddedTarget,
  FakeOpenAiServer,
  REPO_ROOT,
  type WireMessage,
} from '@anxin/testing';
import { startTestApp, type TestApp } from '../support/test-app';

/** Ten questions the way customers type them, and the approved script each must be answered with. */
const TYPICAL_QUESTIONS: [string, string][] = [
  ['车险理赔需要准备哪些材料?', 'claims-motor-documents'],
  ['重疾险等待期多久啊', 'presale-critical-illness-waiting-period'],
  ['买完保险后悔了 能退吗', 'presale-hesitation-period'],
  ['lp进度在哪查', 'claims-progress'],
  ['搬家了要改保单地址', 'aftersale-change-address'],
  ['保单失效了怎么恢复', 'aftersale-reinstatement'],
  ['怎么取消自动续费', 'renewal-auto-renewal'],
  ['有高血压还能投保吗', 'presale-pre-existing-conditions'],
  ['交完理赔材料多久给钱', 'claims-time-limits'],
  ['投诉的处理进度怎么查', 'complaint-progress'],
];

async function ask(client: ChatClient, clientMsgId: string, text: string): Promise<WireMessage> {
  const ack = await client.call<{ seq: number }>('message:send', { clientMsgId, text });
  return client.waitForMessage((m) => m.role === 'bot' && m.seq > ack.seq);
}

describe('knowledge through the web chat (embedded PostgreSQL)', () => {
  let sut: TestApp;
  let client: ChatClient;

  beforeAll(async () => {
    sut = await startTestApp(embeddedTarget(), { CHAT_MAX_MESSAGES_PER_SECOND: '100' });
    client = await connectChat(sut.url, (await createSession(sut.url)).token);
  });
  afterAll(async () => {
    client.close();
    await sut.close();
  });

  it.each(TYPICAL_QUESTIONS)('answers 「%s」 with %s, cited with its version', async (question, scriptId) => {
    const reply = await ask(client, `q-${scriptId}`, question);

    expect(reply.citations).toEqual([
      { scriptId, version: expect.any(Number) as number, title: expect.any(String) as string },
    ]);
    expect(reply.quickReplies).toEqual([]);
  });

  it('says it is not sure, offers a human and cites nothing for an off-topic question', async () => {
    const reply = await ask(client, 'q-off-topic', '帮我写一首关于月亮的诗');

    expect(reply.citations).toEqual([]);
    expect(reply.text).toContain('400-888-9955');
  });
});

describe('quick replies in the suggest band', () => {
  let sut: TestApp;
  let client: ChatClient;

  beforeAll(async () => {
    // A strict answer threshold puts ordinary questions in the suggest band.
    sut = await startTestApp(embeddedTarget(), {
      KB_ANSWER_MIN_CONFIDENCE: '0.99',
      KB_SUGGEST_MIN_CONFIDENCE: '0.05',
    });
    client = await connectChat(sut.url, (await createSession(sut.url)).token);
  });
  afterAll(async () => {
    client.close();
    await sut.close();
  });

  it('offers the closest script titles, and a tapped title is answered with its script', async () => {
    const offer = await ask(client, 'q-1', '车险理赔要啥材料');

    expect(offer.text).toContain('您是想了解以下哪一项');
    expect(offer.citations).toEqual([]);
    expect(offer.quickReplies.length).toBeGreaterThanOrEqual(2);
    expect(offer.quickReplies.length).toBeLessThanOrEqual(3);
    const history = await client.call<{ messages: WireMessage[] }>('history', { afterSeq: 0 });
    expect(history.messages.find((m) => m.id === offer.id)?.quickReplies).toEqual(offer.quickReplies);
  });
});

describe('knowledge admin API', () => {
  let sut: TestApp;
  let work: string;
  let fake: FakeOpenAiServer;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'anxin-kb-api-'));
    cpSync(join(REPO_ROOT, 'knowledge'), join(work, 'knowledge'), { recursive: true });
    fake = await FakeOpenAiServer.start();
    sut = await startTestApp(embeddedTarget(), {
      KNOWLEDGE_DIR: join(work, 'knowledge'),
      EMBEDDING_BASE_URL: fake.baseUrl,
      EMBEDDING_MODEL: 'fake-bigrams',
    });
  });
  afterAll(async () => {
    await sut.close();
    await fake.close();
    rmSync(work, { recursive: true, force: true });
  });

  // JSON of several shapes, inspected by the assertions below.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const get = async (path: string): Promise<{ status: number; body: any }> => {
    const response = await fetch(`${sut.url}${path}`);
    return { status: response.status, body: await response.json() };
  };

  it('lists scripts by stage and returns one script with its text', async () => {
    const list = await get('/api/knowledge/scripts?stage=claims');
    expect(list.status).toBe(200);
    expect(list.body.length).toBeGreaterThan(10);
    expect(list.body.every((s: { stage: string }) => s.stage === 'claims')).toBe(true);

    const one = await get('/api/knowledge/scripts/claims-time-limits');
    expect(one.body).toMatchObject({ id: 'claims-time-limits', stage: 'claims', source: 'scripts' });
    expect(one.body.body).toContain('30日');
  });

  it('answers unknown ids and bad queries with precise errors', async () => {
    expect(await get('/api/knowledge/scripts/nope')).toMatchObject({
      status: 404,
      body: { error: { code: 'KNOWLEDGE.SCRIPT_NOT_FOUND' } },
    });
    expect(await get('/api/knowledge/search?q=')).toMatchObject({
      status: 400,
      body: { error: { code: 'KNOWLEDGE.INVALID_QUERY' } },
    });
    expect(await get('/api/knowledge/search?q=x&k=99')).toMatchObject({ status: 400 });
    expect(await get('/api/knowledge/scripts?stage=moon')).toMatchObject({ status: 400 });
  });

  it('searches hybrid once the scripts are embedded, with id, version, stage, score and matched question', async () => {
    await waitFor(
      async () =>
        (await get('/api/knowledge/search?q=lp进度在哪查')).body.length > 0 &&
        fake.embeddedTexts.length > 100,
    );
    const before = fake.requests.length;

    const { status, body } = await get(`/api/knowledge/search?q=${encodeURIComponent('lp进度在哪查')}&k=3`);

    expect(status).toBe(200);
    expect(body).toHaveLength(3);
    expect(body[0]).toMatchObject({ scriptId: 'claims-progress', stage: 'claims', source: 'scripts' });
    expect(body[0]).toEqual(
      expect.objectContaining({
        version: expect.any(Number),
        score: expect.any(Number),
        confidence: expect.any(Number),
      }),
    );
    expect(fake.requests.length).toBe(before + 1);
  });

  it('reloads edited files, and keeps serving the old knowledge when the new files are invalid', async () => {
    const file = join(work, 'knowledge/scripts/general/general-closing.md');
    writeFileSync(file, '---\nid: general-closing\n---\n');

    const rejected = await fetch(`${sut.url}/api/knowledge/reload`, { method: 'POST' });
    expect(rejected.status).toBe(409);
    const body = (await rejected.json()) as { error: { code: string; details: { problems: string[] } } };
    expect(body.error.code).toBe('KNOWLEDGE.RELOAD_REJECTED');
    expect(body.error.details.problems).toContain(
      'knowledge/scripts/general/general-closing.md:2 title: is required',
    );
    expect((await get('/api/knowledge/scripts/general-closing')).status).toBe(200);

    cpSync(join(REPO_ROOT, 'knowledge/scripts/general/general-closing.md'), file);
    const accepted = await fetch(`${sut.url}/api/knowledge/reload`, { method: 'POST' });
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ embedded: true });
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
