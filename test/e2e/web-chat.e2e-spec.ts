import { ConversationRepository } from '@anxin/conversation';
import {
  type ChatClient,
  connectChat,
  createSession,
  databaseTargets,
  type Session,
  type WireMessage,
} from '@anxin/testing';
import { startTestApp, type TestApp } from '../support/test-app';

interface SendAck {
  messageId: string;
  seq: number;
  conversationId: string;
  duplicate: boolean;
}
type ErrorAck = { error: { code: string; message: string } };

const QUESTION = '车险理赔需要准备哪些材料?';

describe.each(databaseTargets())('web chat end to end on $name PostgreSQL', (target) => {
  let sut: TestApp;
  const clients: ChatClient[] = [];

  beforeAll(async () => {
    sut = await startTestApp(target);
  });
  afterEach(() => clients.splice(0).forEach((c) => c.close()));
  afterAll(() => sut.close());

  async function open(session?: Session): Promise<{ session: Session; client: ChatClient }> {
    const s = session ?? (await createSession(sut.url));
    const client = await connectChat(sut.url, s.token);
    clients.push(client);
    return { session: s, client };
  }

  async function storedMessages(conversationId: string): Promise<string[]> {
    const repo = sut.app.get(ConversationRepository);
    return (await repo.listMessages(conversationId, 0, 500)).map((m) => `${m.role}:${m.text}`);
  }

  it('reports health and serves the widget', async () => {
    const health = await fetch(`${sut.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      status: 'ok',
      database: { kind: target.name, reachable: true },
      knowledge: { loaded: true },
    });
    const page = await fetch(`${sut.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('安心保险');
  });

  it('greets a new conversation as an AI assistant and answers from the approved script, citing it', async () => {
    const { session, client } = await open();
    const history = await client.call<{ conversationId: string; messages: WireMessage[] }>('history', {
      afterSeq: 0,
    });
    expect(history.conversationId).toBe(session.conversationId);
    expect(history.messages).toHaveLength(1);
    expect(history.messages[0]).toMatchObject({ role: 'bot', seq: 1 });
    expect(history.messages[0].text).toContain('AI');

    const ack = await client.call<SendAck>('message:send', { clientMsgId: 'q-1', text: QUESTION });
    expect(ack).toMatchObject({ seq: 2, conversationId: session.conversationId, duplicate: false });
    const reply = await client.waitForMessage((m) => m.role === 'bot' && m.seq > ack.seq);
    expect(reply.citations.map((c) => c.scriptId)).toEqual(['claims-motor-documents']);
    expect(reply.citations[0].title).toBeTruthy();
    expect(reply.text).toContain('材料');
  });

  it('stores the customer message before acknowledging it', async () => {
    const { session, client } = await open();
    const ack = await client.call<SendAck>('message:send', { clientMsgId: 'p-1', text: '你好' });
    expect(await storedMessages(session.conversationId)).toContain('customer:你好');
    expect(ack.seq).toBe(2);
  });

  it('offers a human when no approved script fits, without citing anything', async () => {
    const { client } = await open();
    const ack = await client.call<SendAck>('message:send', {
      clientMsgId: 'x-1',
      text: '帮我写一首关于月亮的诗',
    });
    const reply = await client.waitForMessage((m) => m.role === 'bot' && m.seq > ack.seq);
    expect(reply.citations).toEqual([]);
    expect(reply.text).toContain('人工客服');
  });

  it('stores a re-sent clientMsgId once and acknowledges it the same way', async () => {
    const { session, client } = await open();
    const first = await client.call<SendAck>('message:send', { clientMsgId: 'dup-1', text: QUESTION });
    await sut.settle();
    const again = await client.call<SendAck>('message:send', { clientMsgId: 'dup-1', text: QUESTION });
    expect(again).toEqual({ ...first, duplicate: true });
    await sut.settle();
    const stored = await storedMessages(session.conversationId);
    expect(stored.filter((m) => m === `customer:${QUESTION}`)).toHaveLength(1);
    expect(stored.filter((m) => m.startsWith('bot:'))).toHaveLength(2); // greeting + one answer
  });

  it('loses nothing across a reconnect: history after the last seen seq returns what was missed', async () => {
    const { session, client } = await open();
    await client.call<SendAck>('message:send', { clientMsgId: 'r-1', text: QUESTION });
    client.close();
    await sut.settle();

    const resumed = await createSession(sut.url, { visitorId: session.visitorId });
    expect(resumed.conversationId).toBe(session.conversationId);
    expect(resumed.customerId).toBe(session.customerId);
    const { client: again } = await open(resumed);
    const missed = await again.call<{ messages: WireMessage[] }>('history', { afterSeq: 1 });
    expect(missed.messages.map((m) => [m.seq, m.role])).toEqual([
      [2, 'customer'],
      [3, 'bot'],
    ]);
    const all = await again.call<{ messages: WireMessage[] }>('history', { afterSeq: 0, limit: 2 });
    expect(all.messages.map((m) => m.seq)).toEqual([1, 2]);
  });

  it.each([
    ['empty text', { clientMsgId: 'e-1', text: '   ' }, 'CHANNEL.TEXT_EMPTY'],
    ['2001 characters', { clientMsgId: 'e-2', text: '保'.repeat(2001) }, 'CHANNEL.TEXT_TOO_LONG'],
    ['a missing clientMsgId', { text: '你好' }, 'CHANNEL.INVALID_PAYLOAD'],
    ['a number as text', { clientMsgId: 'e-3', text: 42 }, 'CHANNEL.INVALID_PAYLOAD'],
    ['a string payload', 'hello', 'CHANNEL.INVALID_PAYLOAD'],
    ['unknown fields', { clientMsgId: 'e-4', text: 'hi', role: 'agent' }, 'CHANNEL.INVALID_PAYLOAD'],
    ['a NUL character', { clientMsgId: 'e-5', text: 'a\u0000b' }, 'CHANNEL.INVALID_PAYLOAD'],
  ])('refuses %s with an error ack and stores nothing', async (_label, payload, code) => {
    const { session, client } = await open();
    const ack = await client.call<ErrorAck>('message:send', payload);
    expect(ack.error.code).toBe(code);
    expect(ack.error.message).toBeTruthy();
    expect(await storedMessages(session.conversationId)).toHaveLength(1); // the greeting only
  });

  it('accepts exactly 2000 characters', async () => {
    const { client } = await open();
    const ack = await client.call<SendAck>('message:send', { clientMsgId: 'l-1', text: '保'.repeat(2000) });
    expect(ack.seq).toBe(2);
  });

  it('refuses malformed history requests', async () => {
    const { client } = await open();
    for (const payload of [
      {},
      { afterSeq: -1 },
      { afterSeq: 'x' },
      { afterSeq: 3e9 },
      { afterSeq: 0, limit: 1000 },
    ]) {
      expect((await client.call<ErrorAck>('history', payload)).error.code).toBe('CHANNEL.INVALID_PAYLOAD');
    }
  });

  it('limits a flood to the configured rate and keeps serving', async () => {
    const { session, client } = await open();
    const acks = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        client.call<SendAck | ErrorAck>('message:send', { clientMsgId: `f-${i}`, text: `第${i}条` }),
      ),
    );
    const refused = acks.filter((a): a is ErrorAck => 'error' in a);
    expect(acks.length - refused.length).toBe(5);
    expect(refused.every((a) => a.error.code === 'CHANNEL.RATE_LIMITED')).toBe(true);
    await sut.settle();
    expect(
      (await storedMessages(session.conversationId)).filter((m) => m.startsWith('customer:')),
    ).toHaveLength(5);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(
      await client.call<SendAck>('message:send', { clientMsgId: 'f-late', text: '还在吗' }),
    ).toMatchObject({ duplicate: false });
  });

  it.each([
    ['no token', undefined, 'CHANNEL.TOKEN_INVALID'],
    ['a forged token', 'eyJzdWIiOiJ4In0.c2lnbmF0dXJl', 'CHANNEL.TOKEN_INVALID'],
  ])('refuses a connection with %s', async (_label, token, code) => {
    await expect(connectChat(sut.url, token)).rejects.toMatchObject({ data: { code } });
  });

  it('refuses bad session requests with a precise 4xx', async () => {
    const bad = await fetch(`${sut.url}/api/chat/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ visitorId: 'x' }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ErrorAck).error.code).toBe('CHANNEL.INVALID_PAYLOAD');

    const notJson = await fetch(`${sut.url}/api/chat/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"visitorId":',
    });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as ErrorAck).error.code).toBe('HTTP.BAD_REQUEST');

    const huge = await fetch(`${sut.url}/api/chat/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ visitorId: 'a'.repeat(100_000) }),
    });
    expect(huge.status).toBe(413);

    const appLogin = await fetch(`${sut.url}/api/chat/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ appLogin: 'eyJyZWYiOiJDMDAwMTAxIn0.c2lnbmF0dXJl' }),
    });
    expect(appLogin.status).toBe(400);
    expect(((await appLogin.json()) as ErrorAck).error.code).toBe('CHANNEL.APP_LOGIN_DISABLED');

    const unknown = await fetch(`${sut.url}/api/nothing-here`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as ErrorAck).error.code).toBe('HTTP.NOT_FOUND');
  });

  it('returns a correlation id on every response', async () => {
    const response = await fetch(`${sut.url}/health`, { headers: { 'x-correlation-id': 'test-corr-1' } });
    expect(response.headers.get('x-correlation-id')).toBe('test-corr-1');
    expect((await fetch(`${sut.url}/health`)).headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps serving after all of that', async () => {
    const { client } = await open();
    const ack = await client.call<SendAck>('message:send', { clientMsgId: 'ok-1', text: QUESTION });
    await expect(client.waitForMessage((m) => m.role === 'bot' && m.seq > ack.seq)).resolves.toBeDefined();
  });
});
