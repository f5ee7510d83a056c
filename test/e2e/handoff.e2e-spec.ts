import { type DemoInsuranceCore, InsuranceCore } from '@anxin/agent';
import { randomUUID } from 'node:crypto';
import { ConversationService } from '@anxin/conversation';
import { HandoffService } from '@anxin/handoff';
import { QaScoreStore, type StoredScore } from '@anxin/quality';
import {
  connectDesk,
  databaseTargets,
  type DeskClient,
  inServiceHours,
  TestClock,
  type WireMessage,
} from '@anxin/testing';
import { createStaff, deskApi, type DeskStaff, openChat, resetDesk } from '../support/desk-kit';
import { startTestApp, type TestApp } from '../support/test-app';

type DeskMessage = {
  role: string;
  text: string;
  event: string | null;
  note: boolean;
  agent: { username: string } | null;
};
type Detail = {
  conversation: Record<string, unknown>;
  messages: DeskMessage[];
  summary: { reason: string; text: string; questions: string[] };
  customer: { verified: unknown };
  policies: unknown;
};

/** The human handoff end to end over HTTP and sockets: queue, offer, accept, messages, transfer, hand-back, close. */
describe.each(databaseTargets())('human handoff on the $name database', (target) => {
  let app: TestApp;
  const clients: { close(): void }[] = [];

  beforeAll(async () => {
    app = await startTestApp(target, { SEED_DEMO_USERS: 'false' }, new TestClock(inServiceHours()));
  });

  afterEach(async () => {
    clients.splice(0).forEach((c) => c.close());
    await resetDesk(app, Date.now());
  });

  afterAll(async () => {
    await app.close();
  });

  async function onlineAgent(
    options: Parameters<typeof createStaff>[1] = {},
  ): Promise<DeskStaff & { desk: DeskClient }> {
    const staff = await createStaff(app, options);
    const desk = await connectDesk(app.url, staff.token);
    clients.push(desk);
    expect((await deskApi(app, staff.token, 'POST', '/presence', { status: 'online' })).status).toBe(200);
    return { ...staff, desk };
  }

  const customer = () => openChat(app, clients);

  /** A customer who asked for a human and the agent who accepted them. */
  async function acceptedChat(agentOptions: Parameters<typeof createStaff>[1] = {}) {
    const agent = await onlineAgent(agentOptions);
    const c = await customer();
    await c.say('转人工');
    await agent.desk.waitFor('offer', (p) => p.conversationId === c.conversationId);
    const accepted = await deskApi(app, agent.token, 'POST', `/conversations/${c.conversationId}/accept`);
    expect(accepted.status).toBe(200);
    await app.settle();
    return { agent, ...c };
  }

  const detail = async (token: string, id: string) =>
    (await deskApi<Detail>(app, token, 'GET', `/conversations/${id}`)).body;

  it('queues a 转人工 with its place, offers it to the online agent, and carries messages both ways', async () => {
    const agent = await onlineAgent({ name: '客服 刘洋' });
    const { chat, conversationId, say, send } = await customer();
    await say('转人工');

    const offer = await agent.desk.waitFor('offer', (p) => p.conversationId === conversationId);
    expect(offer).toMatchObject({ skill: 'general', reason: 'explicit_request', priority: 0 });
    const queued = await chat.waitForMessage((m) => m.role === 'bot' && m.text.includes('排队'));
    expect(queued.text).toMatch(/排在第1位，预计等待约\d+分钟/);

    const accepted = await deskApi(app, agent.token, 'POST', `/conversations/${conversationId}/accept`);
    expect(accepted).toMatchObject({
      status: 200,
      body: { state: 'agent', assignedAgent: { username: agent.user.username } },
    });
    const joined = await chat.waitForMessage((m) => m.role === 'bot' && m.text.includes(agent.user.username));
    expect(joined.text).toContain('客服 刘洋');
    await agent.desk.waitFor('assigned', (p) => p.conversationId === conversationId);

    const sent = await deskApi(app, agent.token, 'POST', `/conversations/${conversationId}/messages`, {
      clientMsgId: 'a1',
      text: '您好，我是安心保险人工客服刘洋，很高兴为您服务。',
    });
    expect(sent).toMatchObject({ status: 201, body: { duplicate: false, warnings: [] } });
    const reply = await chat.waitForMessage((m) => m.role === 'agent');
    expect(reply).toMatchObject({ role: 'agent', displayName: '客服 刘洋' });
    const again = await deskApi(app, agent.token, 'POST', `/conversations/${conversationId}/messages`, {
      clientMsgId: 'a1',
      text: '您好，我是安心保险人工客服刘洋，很高兴为您服务。',
    });
    expect(again.body).toMatchObject({ duplicate: true });

    await send('我想问一下保单');
    const forwarded = await agent.desk.waitFor(
      'message',
      (p) => (p.message as DeskMessage).text === '我想问一下保单',
    );
    expect(forwarded.conversationId).toBe(conversationId);
    await app.settle();
    expect(chat.received.filter((m) => m.role === 'bot' && m.seq > reply.seq)).toEqual([]);

    const mine = await deskApi<{ items: { conversationId: string; awaitingReply: boolean }[] }>(
      app,
      agent.token,
      'GET',
      '/conversations?mine=true',
    );
    expect(mine.body.items).toEqual([expect.objectContaining({ conversationId, awaitingReply: true })]);
  });

  it('keeps what the customer writes while waiting for the agent, answering questions it can and marking them', async () => {
    const agent = await onlineAgent();
    const { chat, conversationId, say } = await customer();
    await say('转人工');
    await agent.desk.waitFor('offer', (p) => p.conversationId === conversationId);
    await say('车险理赔需要准备哪些材料？');
    await say('我在等');
    await app.settle();

    const answered = await chat.waitForMessage((m) => m.role === 'bot' && m.citations.length > 0);
    expect(answered.text).toMatch(/^人工客服接入前，AI智能客服先为您解答/);
    expect(answered.citations.map((c) => c.scriptId)).toContain('claims-motor-documents');
    await chat.waitForMessage((m) => m.role === 'bot' && m.text.includes('已收到您的留言'));
    expect(chat.received.filter((m) => m.role === 'bot' && m.text.includes('已收到您的留言'))).toHaveLength(
      1,
    );

    await deskApi(app, agent.token, 'POST', `/conversations/${conversationId}/accept`);
    const view = await detail(agent.token, conversationId);
    expect(view.messages.filter((m) => m.role === 'customer').map((m) => m.text)).toEqual([
      '转人工',
      '车险理赔需要准备哪些材料？',
      '我在等',
    ]);
    expect(view.summary).toMatchObject({ reason: 'explicit_request', questions: ['转人工'] });
    expect(view.customer.verified).toBeNull();
    expect(view.policies).toBeNull();
  });

  it('shows the agent who the customer is once verified, and their policies only then', async () => {
    const agent = await onlineAgent();
    const { conversationId, say } = await customer();
    await say('查保单');
    await say('张伟');
    await say('7610');
    await say(`验证码是${await (app.app.get(InsuranceCore) as DemoInsuranceCore).lastSmsCode('C000101')}`);
    await say('转人工');
    await agent.desk.waitFor('offer', (p) => p.conversationId === conversationId);

    const view = await detail(agent.token, conversationId);
    expect(view.customer.verified).toMatchObject({
      customerRef: 'C000101',
      name: '张伟',
      method: 'name_id4_sms',
    });
    expect(view.policies).toEqual(
      expect.arrayContaining([expect.objectContaining({ policyNo: 'AXMD202601010003' })]),
    );
  });

  it('routes claims questions to the claims desk and complaints ahead of earlier customers', async () => {
    const agent = await onlineAgent({ skills: ['claims'], capacity: 1 });
    const blocker = await customer();
    await blocker.say('转人工');
    await agent.desk.waitFor('offer', (p) => p.conversationId === blocker.conversationId);
    await deskApi(app, agent.token, 'POST', `/conversations/${blocker.conversationId}/accept`);

    const a = await customer();
    await a.say('车险理赔需要准备哪些材料？');
    await a.say('转人工');
    const b = await customer();
    await b.say('我要投诉你们');
    await b.say('服务态度差');
    await b.say('13800138000');
    await app.settle();

    const queue = await deskApi<{
      items: { conversationId: string; skill: string; priority: number; position: number }[];
    }>(app, agent.token, 'GET', '/queue');
    expect(queue.body.items).toEqual([
      expect.objectContaining({
        conversationId: b.conversationId,
        skill: 'complaints',
        priority: 1,
        position: 1,
      }),
      expect.objectContaining({
        conversationId: a.conversationId,
        skill: 'claims',
        priority: 0,
        position: 2,
      }),
    ]);
    // At capacity: nothing is offered until the agent frees a slot; then the complaint comes first.
    expect(agent.desk.events.filter((e) => e.name === 'offer')).toHaveLength(1);
    await deskApi(app, agent.token, 'POST', `/conversations/${blocker.conversationId}/close`);
    await agent.desk.waitFor('offer', (p) => p.conversationId === b.conversationId);
  });

  it('sends desks the head of a long queue with its length, not every row', async () => {
    const agent = await createStaff(app);
    const handoff = app.app.get(HandoffService);
    const ids = Array.from({ length: 130 }, () => randomUUID());
    ids.forEach((conversationId, i) =>
      handoff.engine.enqueue(
        {
          conversationId,
          customerId: randomUUID(),
          channel: 'web',
          reason: 'explicit_request',
          skill: 'general',
          priority: 0,
          since: Date.now() + i,
          front: false,
          preferredAgentId: null,
        },
        Date.now(),
      ),
    );
    try {
      const queue = await deskApi<{ total: number; items: { conversationId: string; position: number }[] }>(
        app,
        agent.token,
        'GET',
        '/queue',
      );
      expect(queue.body.total).toBe(130);
      expect(queue.body.items.map((item) => item.conversationId)).toEqual(ids.slice(0, 100));
      expect(queue.body.items.at(-1)?.position).toBe(100);
    } finally {
      ids.forEach((id) => handoff.engine.remove(id));
    }
  });

  it('refuses a draft that breaks a compliance rule, naming it, and records an override', async () => {
    const { agent, conversationId, chat } = await acceptedChat();
    const path = `/conversations/${conversationId}/messages`;

    const checked = await deskApi<{ warnings: { checkId: string; matched: string }[] }>(
      app,
      agent.token,
      'POST',
      `/conversations/${conversationId}/check`,
      { text: '放心，这种情况肯定能赔' },
    );
    expect(checked.body.warnings).toEqual([
      expect.objectContaining({ checkId: 'CS-09', matched: '肯定能赔' }),
    ]);

    const refused = await deskApi<{ error: { code: string; details: { warnings: unknown[] } } }>(
      app,
      agent.token,
      'POST',
      path,
      { clientMsgId: 'w1', text: '放心，这种情况肯定能赔' },
    );
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('HANDOFF.DRAFT_WARNINGS');
    expect(refused.body.error.details.warnings).toHaveLength(1);
    await app.settle();
    expect(chat.received.some((m) => m.text.includes('肯定能赔'))).toBe(false);

    const forced = await deskApi(app, agent.token, 'POST', path, {
      clientMsgId: 'w1',
      text: '放心，这种情况肯定能赔',
      override: true,
    });
    expect(forced.status).toBe(201);
    const view = await detail(agent.token, conversationId);
    expect(view.messages.find((m) => m.role === 'agent')).toMatchObject({ overridden: ['CS-09'] });
    expect(view.messages.map((m) => m.event)).toContain('agent_override');
  });

  it('suggests the approved scripts for the customer’s last question and keeps notes internal', async () => {
    const { agent, conversationId, send, chat } = await acceptedChat();
    await send('车险理赔需要准备哪些材料？');

    const assist = await deskApi<{ question: string; suggestions: { scriptId: string; text: string }[] }>(
      app,
      agent.token,
      'GET',
      `/conversations/${conversationId}/assist`,
    );
    expect(assist.body.question).toBe('车险理赔需要准备哪些材料？');
    expect(assist.body.suggestions[0]).toMatchObject({ scriptId: 'claims-motor-documents' });
    expect(assist.body.suggestions[0].text.length).toBeGreaterThan(20);

    const note = await deskApi(app, agent.token, 'POST', `/conversations/${conversationId}/notes`, {
      text: '客户情绪平稳，需回访确认材料',
    });
    expect(note).toMatchObject({ status: 201, body: { note: true, event: 'agent_note' } });
    await app.settle();
    expect(chat.received.some((m) => m.text.includes('需回访'))).toBe(false);
    const history = await chat.call<{ messages: WireMessage[] }>('history', { afterSeq: 0 });
    expect(history.messages.some((m) => m.text.includes('需回访'))).toBe(false);
  });

  it('transfers to another agent, who hands back to the bot; the bot does not hand over again on the old 转人工', async () => {
    const { agent, conversationId, chat, say } = await acceptedChat();
    const other = await onlineAgent({ name: '客服 周敏' });

    const moved = await deskApi(app, agent.token, 'POST', `/conversations/${conversationId}/transfer`, {
      agent: other.user.username,
    });
    expect(moved).toMatchObject({
      status: 200,
      body: { state: 'agent', assignedAgent: { username: other.user.username } },
    });
    await agent.desk.waitFor(
      'unassigned',
      (p) => p.conversationId === conversationId && p.reason === 'transferred',
    );
    await other.desk.waitFor('assigned', (p) => p.conversationId === conversationId);
    await chat.waitForMessage(
      (m) => m.role === 'bot' && m.text.includes('客服 周敏') && m.text.includes('转接'),
    );
    const old = await deskApi(app, agent.token, 'POST', `/conversations/${conversationId}/messages`, {
      clientMsgId: 'late',
      text: '还有别的问题吗？',
    });
    expect(old.status).toBe(403);

    const back = await deskApi(app, other.token, 'POST', `/conversations/${conversationId}/return-to-bot`);
    expect(back).toMatchObject({ status: 200, body: { state: 'bot' } });
    await chat.waitForMessage((m) => m.role === 'bot' && m.text.includes('AI智能客服小安继续'));

    const before = chat.received.length;
    await say('车险理赔需要准备哪些材料？');
    const answer = await chat.waitForMessage(
      (m) => m.role === 'bot' && chat.received.indexOf(m) >= before && m.citations.length > 0,
    );
    expect(answer.citations.map((c) => c.scriptId)).toContain('claims-motor-documents');
    await app.settle();
    const conversation = await app.app.get(ConversationService).getConversation(conversationId);
    expect(conversation.state).toBe('bot');
    const events = (await detail(other.token, conversationId)).messages.map((m) => m.event).filter(Boolean);
    expect(events).toEqual(
      expect.arrayContaining([
        'handoff_requested',
        'handoff_queued',
        'agent_offered',
        'handoff_accepted',
        'handoff_transferred',
        'handoff_returned',
      ]),
    );
  });

  it('transfers to a skill: back to the queue first in line, never offered to the same agent', async () => {
    const { agent, conversationId } = await acceptedChat({ skills: ['general'] });
    const refused = await deskApi(app, agent.token, 'POST', `/conversations/${conversationId}/transfer`, {
      skill: 'nope',
    });
    expect(refused.status).toBe(400);
    const policy = await onlineAgent({ skills: ['policy'] });

    const moved = await deskApi(app, agent.token, 'POST', `/conversations/${conversationId}/transfer`, {
      skill: 'policy',
    });
    expect(moved).toMatchObject({ status: 200, body: { state: 'queued', skill: 'policy' } });
    const offer = await policy.desk.waitFor('offer', (p) => p.conversationId === conversationId);
    expect(offer.skill).toBe('policy');
    expect(
      agent.desk.events.filter((e) => e.name === 'offer' && e.payload.conversationId === conversationId),
    ).toHaveLength(1);
  });

  it('closes with the agent’s closing line and the rating invitation, then scores the agent’s turns', async () => {
    const { agent, conversationId, chat } = await acceptedChat();
    await deskApi(app, agent.token, 'POST', `/conversations/${conversationId}/messages`, {
      clientMsgId: 'g1',
      text: '您好，我是安心保险人工客服，很高兴为您服务，请问有什么可以帮您？',
    });
    const invite = new Promise((resolve) => chat.socket.once('csat:invite', resolve));
    const closed = await deskApi(app, agent.token, 'POST', `/conversations/${conversationId}/close`);
    expect(closed).toMatchObject({ status: 200, body: { state: 'closed' } });
    await app.settle();
    const closing = chat.received.filter((m) => m.role === 'agent').at(-1);
    expect(closing?.text).toContain('还有其他');
    await invite;

    const store = app.app.get(QaScoreStore);
    let scores: StoredScore[] = [];
    for (let i = 0; i < 50 && scores.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      scores = await store.forConversation(conversationId);
    }
    expect(scores.map((s) => s.subject)).toEqual(expect.arrayContaining(['all', 'bot', 'agent']));
    expect(scores.find((s) => s.subject === 'agent')?.agentId).toBe(agent.user.username);
    await agent.desk.waitFor(
      'unassigned',
      (p) => p.conversationId === conversationId && p.reason === 'closed',
    );
  });
});
