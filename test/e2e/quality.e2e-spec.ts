import { ScoringQueue, type StoredScore } from '@anxin/quality';
import { connectChat, createSession, embeddedTarget, type WireMessage } from '@anxin/testing';
import { startTestApp, type TestApp } from '../support/test-app';

interface ImportResult {
  index: number;
  id: string | null;
  score?: number;
  passed?: boolean;
  findings?: { check: string; severity: string; messageIndex: number | null; evidence: string }[];
  notAssessed?: unknown[];
  error?: { code: string; problems: string[] };
}

/** A phone call transcript (ASR) in the documented import format. */
function phoneCall(id: string, agentLine: string) {
  return {
    id,
    channel: 'phone',
    messages: [
      {
        role: 'agent',
        t: 0,
        text: '您好，安心保险客服，工号1024为您服务，请问有什么可以帮您？',
        agentId: 'A1024',
      },
      { role: 'customer', t: 6, text: '我上个月报的车险理赔，到现在还没消息。' },
      { role: 'agent', t: 15, text: agentLine, agentId: 'A1024' },
      { role: 'customer', t: 30, text: '好吧。' },
      { role: 'agent', t: 35, text: '请问还有其他可以帮您的吗？感谢您的来电，再见。', agentId: 'A1024' },
    ],
    events: [],
  };
}

describe('QA scoring (embedded PostgreSQL)', () => {
  let app: TestApp;
  let token: string;
  let counter = 0;

  beforeAll(async () => {
    app = await startTestApp(embeddedTarget(), { CHAT_MAX_MESSAGES_PER_SECOND: '100' });
    token = await app.login('qa', 'anxin-demo-qa');
  });
  afterAll(() => app.close());

  function api(path: string, init: { method?: string; body?: unknown; token?: string | null } = {}) {
    const bearer = init.token === undefined ? token : init.token;
    return fetch(`${app.url}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        'content-type': 'application/json',
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      },
      ...(init.body === undefined
        ? {}
        : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
    });
  }

  it('scores a web chat conversation when the customer ends it, and stores the score', async () => {
    const session = await createSession(app.url);
    const client = await connectChat(app.url, session.token);
    const ack = await client.call<{ seq: number }>('message:send', {
      clientMsgId: `q${++counter}`,
      text: '车险理赔需要准备哪些材料?',
    });
    await client.waitForMessage((m: WireMessage) => m.role === 'bot' && m.seq > ack.seq);

    const ended = await client.call<{ conversationId: string; closed: boolean }>('conversation:end', {});
    expect(ended).toEqual({ conversationId: session.conversationId, closed: true, csat: 'invited' });
    await app.app.get(ScoringQueue).drain();

    const response = await api(`/api/qa/conversations/${session.conversationId}/scores`);
    expect(response.status).toBe(200);
    const { scores } = (await response.json()) as { scores: StoredScore[] };
    const whole = scores.find((s) => s.subject === 'all');
    expect(whole).toMatchObject({
      source: 'conversation',
      channel: 'web',
      standardVersion: expect.any(Number),
    });
    expect(whole?.score).toBeGreaterThan(0);
    expect(scores.map((s) => s.subject)).toContain('bot');
    // No model configured: every LLM-only check is reported, never silently passed.
    expect(whole?.notAssessed.length).toBeGreaterThan(0);

    const again = await client.call<{ closed: boolean }>('conversation:end', {});
    expect(again).toEqual({ conversationId: null, closed: false, csat: 'not_offered' });
    client.close();
  });

  it('scores imported transcripts, refusing a malformed one with its own reasons', async () => {
    const response = await api('/api/qa/transcripts', {
      method: 'POST',
      body: [
        phoneCall('call-ok', '非常抱歉让您久等了，我马上为您查询理赔进度，结果会在1个工作日内短信通知您。'),
        phoneCall('call-rude', '这不归我管，你自己去问理赔部门。'),
        { id: 'call-bad', channel: 'phone', messages: [{ role: 'robot', t: -1, text: '' }] },
      ],
    });

    expect(response.status).toBe(200);
    const { results } = (await response.json()) as { results: ImportResult[] };
    expect(results.map((r) => r.id)).toEqual(['call-ok', 'call-rude', 'call-bad']);
    const [ok, rude, bad] = results;
    expect(rude.findings).toEqual(
      expect.arrayContaining([expect.objectContaining({ check: 'CS-07', messageIndex: 2 })]),
    );
    expect(ok.findings?.some((f) => f.check === 'CS-07')).toBe(false);
    expect(rude.score ?? 100).toBeLessThan(ok.score ?? 0);
    expect(bad.error?.code).toBe('QA.INVALID_TRANSCRIPT');
    expect(bad.error?.problems.join('\n')).toMatch(/messages\[0\]\.role/);
    expect(bad.error?.problems.join('\n')).toMatch(/messages\[0\]\.t/);
  });

  it.each([
    ['not a list', { id: 'x' }, 'QA.INVALID_REQUEST'],
    ['an empty list', [], 'QA.INVALID_REQUEST'],
    [
      '1,001 transcripts',
      Array.from({ length: 1001 }, (_, i) => phoneCall(`c${i}`, '好的。')),
      'QA.INVALID_REQUEST',
    ],
  ])('refuses an import of %s with a precise 400', async (_label, body, code) => {
    const response = await api('/api/qa/transcripts', { method: 'POST', body });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
  });

  it('lets only QA staff in', async () => {
    const anonymous = await api('/api/qa/transcripts', { method: 'POST', body: [], token: null });
    expect(anonymous.status).toBe(401);
    const agent = await api('/api/qa/transcripts', {
      method: 'POST',
      body: [],
      token: await app.login('agent1', 'anxin-demo-agent1'),
    });
    expect(agent.status).toBe(403);
  });

  it('answers 404 for a conversation that does not exist', async () => {
    const response = await api('/api/qa/conversations/00000000-0000-4000-8000-000000000000/scores');
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'CONVERSATION.NOT_FOUND',
    );
  });
});
