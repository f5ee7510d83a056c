import { randomUUID } from 'node:crypto';
import { embeddedTarget } from '@anxin/testing';
import { startTestApp, type TestApp } from '../support/test-app';

interface Finding {
  key: string;
  check: string;
  severity: string;
  redLine: boolean;
  isRedLine: boolean;
  messageIndex: number | null;
  agentId?: string;
  verdict: string | null;
  disputeOpen: boolean;
}
interface Detail {
  source: string;
  ref: string;
  transcript: { messages: { index: number; role: string; text: string }[] };
  automatic: { score: number; passed: boolean; redLines: number };
  reviewed: {
    score: number;
    passed: boolean;
    redLines: number;
    subjects: { subject: string; passed: boolean }[];
  } | null;
  findings: Finding[];
  added: { check: string; role: string | null }[];
  actions: { action: string; by: { username: string } }[];
}
interface ListBody {
  total: number;
  items: {
    ref: string;
    passed: boolean;
    redLines: number;
    checks: string[];
    reviewed: { passed: boolean } | null;
    disputes: number;
  }[];
}

/** A phone call in the import format; with `secret` the agent asks for the SMS code (a red line, CS-16). */
function call(id: string, agentId: string, secret: boolean) {
  return {
    id,
    channel: 'phone',
    messages: [
      { role: 'agent', t: 0, text: '您好，安心保险客服，工号1031为您服务，请问有什么可以帮您？', agentId },
      { role: 'customer', t: 8, text: '我爸脑梗住院了，重疾险能赔吧？' },
      {
        role: 'agent',
        t: 20,
        text: secret
          ? '为了帮您查询，请把您手机收到的短信验证码告诉我。'
          : '是否赔付要以理赔审核结果为准，我先为您说明需要准备的材料。',
        agentId,
      },
      { role: 'customer', t: 40, text: '好的，谢谢。' },
      { role: 'agent', t: 50, text: '请问还有其他需要帮助的吗？感谢您的来电，再见。', agentId },
    ],
    events: [],
  };
}

/**
 * A call where the customer with high blood pressure asks to buy medical cover and the agent never
 * reminds them to disclose it truthfully: CS-11 truthful_reminder, a major finding of a red-line check.
 */
function undisclosedHealthCall(id: string, agentId: string) {
  return {
    id,
    channel: 'phone',
    messages: [
      { role: 'agent', t: 0, text: '您好，安心保险客服，工号1031为您服务，请问有什么可以帮您？', agentId },
      { role: 'customer', t: 8, text: '我有高血压，想买一份医疗险可以吗？' },
      { role: 'agent', t: 20, text: '可以的，我们的百万医疗险保障全面，您可以在App上直接投保。', agentId },
      { role: 'customer', t: 40, text: '好的，谢谢。' },
      { role: 'agent', t: 50, text: '请问还有其他需要帮助的吗？感谢您的来电，再见。', agentId },
    ],
    events: [],
  };
}

describe('QA review workflow over HTTP (embedded PostgreSQL)', () => {
  let app: TestApp;
  const tokens: Record<string, string> = {};
  const failing = `call-${randomUUID()}`;
  const clean = `call-${randomUUID()}`;
  const gated = `call-${randomUUID()}`;
  const gatedAgent = `A${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    app = await startTestApp(embeddedTarget());
    for (const [user, password] of [
      ['qa', 'anxin-demo-qa'],
      ['supervisor', 'anxin-demo-supervisor'],
      ['agent1', 'anxin-demo-agent1'],
    ])
      tokens[user] = await app.login(user, password);
    const imported = await api('/api/qa/transcripts', {
      method: 'POST',
      body: [
        call(failing, 'agent1', true),
        call(clean, 'agent2', false),
        undisclosedHealthCall(gated, gatedAgent),
      ],
    });
    expect(imported.status).toBe(200);
  });
  afterAll(() => app.close());

  function api(path: string, init: { method?: string; body?: unknown; as?: string | null } = {}) {
    const token = init.as === null ? null : tokens[init.as ?? 'qa'];
    return fetch(`${app.url}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  }
  const detailPath = (ref: string): string => `/api/qa/transcripts/import/${encodeURIComponent(ref)}`;
  async function detail(ref: string, as = 'qa'): Promise<Detail> {
    const response = await api(detailPath(ref), { as });
    expect(response.status).toBe(200);
    return (await response.json()) as Detail;
  }
  async function act(ref: string, body: unknown, as = 'qa'): Promise<Response> {
    return api(`${detailPath(ref)}/reviews`, { method: 'POST', body, as });
  }

  it('lists scored transcripts with filters; the failing call has its red line on the agent turn', async () => {
    const failed = (await (await api('/api/qa/transcripts?failed=true&source=import')).json()) as ListBody;
    expect(failed.items.map((i) => i.ref)).toContain(failing);
    expect(failed.items.map((i) => i.ref)).not.toContain(clean);
    const byCheck = (await (await api('/api/qa/transcripts?check=CS-16&redLine=true')).json()) as ListBody;
    expect(byCheck.items.find((i) => i.ref === failing)?.checks).toContain('CS-16');
    const agent2 = (await (await api('/api/qa/transcripts?agent=agent2')).json()) as ListBody;
    expect(agent2.items.map((i) => i.ref)).toEqual([clean]);

    const sut = await detail(failing);
    expect(sut.automatic).toMatchObject({ passed: false, redLines: 1 });
    expect(sut.reviewed).toBeNull();
    expect(sut.transcript.messages[2].text).toContain('验证码');
    expect(sut.findings.find((f) => f.redLine)).toMatchObject({
      check: 'CS-16',
      severity: 'critical',
      isRedLine: true,
      messageIndex: 2,
      agentId: 'agent1',
      verdict: null,
    });
  });

  it('counts a major finding of a red-line check (CS-11) as a red line: list, 含红线 filter and detail agree', async () => {
    const red = (await (
      await api(`/api/qa/transcripts?redLine=true&agent=${gatedAgent}`)
    ).json()) as ListBody;
    expect(red.items.map((i) => [i.ref, i.redLines])).toEqual([[gated, 1]]);
    const notRed = (await (
      await api(`/api/qa/transcripts?redLine=false&agent=${gatedAgent}`)
    ).json()) as ListBody;
    expect(notRed.total).toBe(0);

    const sut = await detail(gated);
    expect(sut.automatic.redLines).toBe(1);
    expect(sut.findings.filter((f) => f.isRedLine).map((f) => [f.check, f.severity, f.redLine])).toEqual([
      ['CS-11', 'major', true],
    ]);
  });

  it('the charged agent disputes; a reviewer overturns; the reviewed score stands beside the automatic one', async () => {
    const redLine = (await detail(failing)).findings.find((f) => f.redLine)!;

    const disputed = await act(
      failing,
      { action: 'dispute', findingKey: redLine.key, comment: '我是在复述客户的话' },
      'agent1',
    );
    expect(disputed.status).toBe(201);
    expect(((await disputed.json()) as Detail).findings.find((f) => f.key === redLine.key)?.disputeOpen).toBe(
      true,
    );
    const open = (await (await api('/api/qa/transcripts?disputed=true')).json()) as ListBody;
    expect(open.items.find((i) => i.ref === failing)?.disputes).toBe(1);

    const overturned = await act(failing, {
      action: 'overturn',
      findingKey: redLine.key,
      comment: '经复听，属于复述',
    });
    expect(overturned.status).toBe(201);
    const sut = (await overturned.json()) as Detail;
    expect(sut.automatic).toMatchObject({ passed: false, redLines: 1 });
    expect(sut.reviewed).toMatchObject({ passed: true, redLines: 0 });
    expect(sut.reviewed!.subjects.find((s) => s.subject === 'agent')?.passed).toBe(true);
    expect(sut.findings.find((f) => f.key === redLine.key)).toMatchObject({
      verdict: 'overturned',
      disputeOpen: false,
    });
    expect(sut.actions.map((a) => [a.action, a.by.username])).toEqual([
      ['dispute', 'agent1'],
      ['overturn', 'qa'],
    ]);

    const reviewed = (await (await api('/api/qa/transcripts?reviewed=true&failed=false')).json()) as ListBody;
    expect(reviewed.items.find((i) => i.ref === failing)?.reviewed).toMatchObject({ passed: true });
  });

  it('adds a missed finding and a comment; per-check precision comes from the verdicts', async () => {
    const added = await act(
      clean,
      { action: 'add', check: 'CS-08', severity: 'critical', messageIndex: 2, comment: '暗示一定能赔' },
      'supervisor',
    );
    expect(added.status).toBe(201);
    const sut = (await added.json()) as Detail;
    expect(sut.reviewed).toMatchObject({ passed: false, redLines: 1 });
    expect(sut.added).toEqual([expect.objectContaining({ check: 'CS-08', role: 'agent' })]);
    expect((await act(clean, { action: 'comment', comment: '建议加强话术培训' })).status).toBe(201);

    const stats = (await (await api('/api/qa/review-stats')).json()) as {
      checks: {
        check: string;
        title: string;
        overturned: number;
        added: number;
        disputes: number;
        precision: number | null;
      }[];
    };
    expect(stats.checks.find((c) => c.check === 'CS-16')).toMatchObject({
      confirmed: 0,
      overturned: 1,
      disputes: 1,
      precision: 0,
    });
    const cs08 = stats.checks.find((c) => c.check === 'CS-08')!;
    expect(cs08).toMatchObject({ added: 1, precision: null });
    expect(cs08.title.length).toBeGreaterThan(0);
    expect(stats.checks.find((c) => c.check === 'CS-01')).toMatchObject({ precision: null });
  });

  it('agents see only their own transcripts and may only dispute their own findings', async () => {
    const mine = (await (await api('/api/qa/transcripts', { as: 'agent1' })).json()) as ListBody;
    expect(mine.items.map((i) => i.ref)).toEqual([failing]);
    expect((await api(detailPath(clean), { as: 'agent1' })).status).toBe(404);
    const key = (await detail(failing)).findings[0].key;
    const judged = await act(failing, { action: 'confirm', findingKey: key }, 'agent1');
    expect(judged.status).toBe(403);
    expect(((await judged.json()) as { error: { code: string } }).error.code).toBe('QA.REVIEW_FORBIDDEN');
    expect((await act(failing, { action: 'dispute', findingKey: key, comment: '不同意' })).status).toBe(403);
    expect((await api('/api/qa/review-stats', { as: 'agent1' })).status).toBe(403);
    const standard = (await (await api('/api/qa/standard', { as: 'agent1' })).json()) as {
      checks: { id: string; title: string; redLine: boolean }[];
    };
    expect(standard.checks.find((c) => c.id === 'CS-16')).toMatchObject({ redLine: true });
    expect(standard.checks.every((c) => c.title.length > 0)).toBe(true);
  });

  it('refuses bad input with a precise error', async () => {
    const cases: [string, unknown, number, string][] = [
      [detailPath(failing), { action: 'overturn', findingKey: 'CS-08|x|2' }, 400, 'QA.INVALID_REQUEST'],
      [detailPath(failing), { action: 'confirm', findingKey: 'CS-99|x|2' }, 404, 'QA.NOT_FOUND'],
      [
        detailPath(failing),
        { action: 'add', check: 'CS-99', severity: 'minor', comment: 'x' },
        400,
        'QA.INVALID_REQUEST',
      ],
      [
        detailPath(failing),
        { action: 'add', check: 'CS-07', severity: 'minor', messageIndex: 99, comment: 'x' },
        400,
        'QA.INVALID_REQUEST',
      ],
      [detailPath('no-such-call'), { action: 'comment', comment: 'x' }, 404, 'QA.NOT_FOUND'],
      ['/api/qa/transcripts/phone/x', { action: 'comment', comment: 'x' }, 404, 'QA.NOT_FOUND'],
    ];
    for (const [path, body, status, code] of cases) {
      const response = await api(`${path}/reviews`, { method: 'POST', body });
      expect([path, response.status]).toEqual([path, status]);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
    }
    expect((await api('/api/qa/transcripts?failed=maybe')).status).toBe(400);
    expect((await api('/api/qa/transcripts', { as: null })).status).toBe(401);
  });
});
