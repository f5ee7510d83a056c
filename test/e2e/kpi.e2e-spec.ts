import { type KpiReport, ScoringQueue } from '@anxin/quality';
import { connectChat, createSession, embeddedTarget, type WireMessage } from '@anxin/testing';
import { startTestApp, type TestApp } from '../support/test-app';

describe('service KPIs over HTTP (embedded PostgreSQL)', () => {
  let app: TestApp;
  let token: string;

  beforeAll(async () => {
    app = await startTestApp(embeddedTarget(), { CHAT_MAX_MESSAGES_PER_SECOND: '100' });
    token = await app.login('qa', 'anxin-demo-qa');
  });
  afterAll(() => app.close());

  function kpis(query: string, bearer: string | null = token): Promise<Response> {
    return fetch(`${app.url}/api/qa/kpis${query}`, {
      headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
    });
  }

  it('counts a web chat conversation run through the socket and ended', async () => {
    const session = await createSession(app.url);
    const client = await connectChat(app.url, session.token);
    const ack = await client.call<{ seq: number }>('message:send', {
      clientMsgId: 'kpi-1',
      text: '车险理赔需要准备哪些材料?',
    });
    await client.waitForMessage((m: WireMessage) => m.role === 'bot' && m.seq > ack.seq);
    const ended = await client.call<{ closed: boolean }>('conversation:end', {});
    expect(ended.closed).toBe(true);
    client.close();
    await app.app.get(ScoringQueue).drain();

    // Default period: the last 7 days ending today (Beijing), by day.
    const response = await kpis('');
    expect(response.status).toBe(200);
    const report = (await response.json()) as KpiReport;
    expect(report).toMatchObject({ groupBy: 'day', timezone: 'Asia/Shanghai', channel: null });
    expect(report.groups).toHaveLength(7);
    expect(report.groups.at(-1)?.key).toBe(report.to);
    expect(report.totals).toMatchObject({
      conversations: 1,
      closed: 1,
      firstResponseBot: { n: 1, avgSec: expect.any(Number), p50Sec: expect.any(Number) },
      firstResponseHuman: { avgSec: null, p50Sec: null, n: 0 },
      containmentRate: 1,
      handoffRate: 0,
      explicitHandoff: { requested: 0, queued: 0, assigned: 0, answered: 0, ticketed: 0, honouredRate: null },
      qa: { scored: 1, average: expect.any(Number) },
      complaints: { count: 0, per1000: 0 },
    });
    expect(report.groups.reduce((sum, group) => sum + group.conversations, 0)).toBe(1);

    const byChannel = (await (
      await kpis(`?from=${report.from}&to=${report.to}&groupBy=channel`)
    ).json()) as KpiReport;
    expect(byChannel.groups.map((g) => [g.key, g.conversations, g.qa.scored])).toEqual([['web', 1, 1]]);

    const byAgent = (await (await kpis('?groupBy=agent&channel=web&unknown=1')).json()) as KpiReport;
    expect(
      byAgent.groups.map((g) => [g.key, g.conversations, g.firstResponseBot.n, g.containmentRate]),
    ).toEqual([['bot', 1, 1, 1]]);
  });

  it.each([
    ['an impossible date', '?from=2026-02-30&to=2026-03-01'],
    ['from after to', '?from=2026-11-30&to=2026-11-01'],
    ['a period over 366 days', '?from=2025-01-01&to=2026-06-30'],
    ['an unknown groupBy', '?groupBy=week'],
  ])('answers 400 QA.INVALID_REQUEST for %s', async (_case, query) => {
    const response = await kpis(query);
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      error: { code: string; message: string; details: { problems: string[] } };
    };
    expect(body.error.code).toBe('QA.INVALID_REQUEST');
    expect(body.error.message).toMatch(/^查询参数有误/);
    expect(body.error.details.problems).toHaveLength(1);
  });

  it('lets only QA staff, supervisors and admins in', async () => {
    expect((await kpis('', null)).status).toBe(401);
    expect((await kpis('', await app.login('agent1', 'anxin-demo-agent1'))).status).toBe(403);
    expect((await kpis('', await app.login('supervisor', 'anxin-demo-supervisor'))).status).toBe(200);
  });
});
