import { ConversationService, type Message } from '@anxin/conversation';
import { HandoffService } from '@anxin/handoff';
import { QaScoreStore } from '@anxin/quality';
import {
  afterServiceHours,
  connectChat,
  connectDesk,
  createSession,
  databaseTargets,
  type DeskClient,
  inServiceHours,
  TestClock,
} from '@anxin/testing';
import { createStaff, deskApi, type DeskStaff, openChat, resetDesk } from '../support/desk-kit';
import { startTestApp, type TestApp } from '../support/test-app';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/**
 * The conversation lifecycle with a fake clock (the server's own timers, driven by tick()):
 * tickets when no human can join, offers that lapse, a desk that disconnects, idle chats that close.
 */
describe.each(databaseTargets())('handoff lifecycle on the $name database', (target) => {
  let app: TestApp;
  let clock: TestClock;
  let handoff: HandoffService;
  let conversations: ConversationService;
  const clients: { close(): void }[] = [];

  beforeAll(async () => {
    clock = new TestClock(inServiceHours());
    app = await startTestApp(target, { SEED_DEMO_USERS: 'false' }, clock);
    handoff = app.app.get(HandoffService);
    conversations = app.app.get(ConversationService);
  });

  afterEach(async () => {
    clients.splice(0).forEach((c) => c.close());
    await resetDesk(app, clock.now().getTime());
  });

  afterAll(async () => {
    await app.close();
  });

  /** Moves the clock on and runs the timers, then waits for the work they queued. */
  async function passTime(ms: number): Promise<void> {
    clock.advance(ms);
    await handoff.tick();
    await app.settle();
  }

  async function onlineAgent(capacity = 3): Promise<DeskStaff & { desk: DeskClient }> {
    const staff = await createStaff(app, { capacity });
    const desk = await connectDesk(app.url, staff.token);
    clients.push(desk);
    await deskApi(app, staff.token, 'POST', '/presence', { status: 'online' });
    return { ...staff, desk };
  }

  const customer = () => openChat(app, clients);

  const transcript = (id: string): Promise<Message[]> => conversations.transcript(id);
  const events = async (id: string) =>
    (await transcript(id)).filter((m) => m.role === 'system').map((m) => m.payload.event);

  it('gives a ticket at once when nobody is online, and the bot keeps answering', async () => {
    const { chat, conversationId, say } = await customer();
    await say('转人工');

    const notice = await chat.waitForMessage((m) => m.role === 'bot' && /LY\d{8}-\d{6}/.test(m.text));
    expect(notice.text).toContain('暂无人工客服在线');
    expect(notice.text).toContain('每天8:00-22:00');
    expect((await conversations.getConversation(conversationId)).state).toBe('bot');
    expect(await events(conversationId)).toEqual(
      expect.arrayContaining(['handoff_requested', 'handoff_queued', 'ticket_created', 'queue_notice_sent']),
    );
    const staff = await createStaff(app);
    const tickets = await deskApi<{ items: { number: string; reason: string; conversationId: string }[] }>(
      app,
      staff.token,
      'GET',
      '/tickets',
    );
    expect(tickets.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ conversationId, reason: 'no_agent' })]),
    );

    await say('车险理赔需要准备哪些材料？');
    const answer = await chat.waitForMessage((m) => m.role === 'bot' && m.citations.length > 0);
    expect(answer.citations.map((c) => c.scriptId)).toContain('claims-motor-documents');
  });

  it('offers a chat not accepted in time to the next agent, setting the first one away', async () => {
    const first = await onlineAgent();
    const { conversationId, say } = await customer();
    await say('转人工');
    const offered = await Promise.race([
      first.desk.waitFor('offer', (p) => p.conversationId === conversationId).then(() => first),
    ]);
    const second = await onlineAgent();

    await passTime(30 * SECOND);

    await offered.desk.waitFor(
      'offer:withdrawn',
      (p) => p.conversationId === conversationId && p.reason === 'expired',
    );
    await offered.desk.waitFor('presence', (p) => p.status === 'away');
    await second.desk.waitFor('offer', (p) => p.conversationId === conversationId);
    expect(handoff.engine.presenceOf(first.user.id)).toBe('away');
  });

  it('gives a ticket after the queue timeout when no agent frees up', async () => {
    const agent = await onlineAgent(1);
    const busy = await customer();
    await busy.say('转人工');
    await agent.desk.waitFor('offer', (p) => p.conversationId === busy.conversationId);
    await deskApi(app, agent.token, 'POST', `/conversations/${busy.conversationId}/accept`);
    const waiting = await customer();
    await waiting.say('转人工');
    expect(handoff.engine.isQueued(waiting.conversationId)).toBe(true);

    await passTime(9 * MINUTE);
    expect(handoff.engine.isQueued(waiting.conversationId)).toBe(true);
    await passTime(1 * MINUTE + SECOND);

    expect(handoff.engine.isQueued(waiting.conversationId)).toBe(false);
    const notice = await waiting.chat.waitForMessage((m) => m.role === 'bot' && /LY\d{8}-\d{6}/.test(m.text));
    expect(notice.text).toContain('让您久等了');
    expect((await conversations.getConversation(waiting.conversationId)).state).toBe('bot');
    // While it waited, the customer was told when their place changed (here: it did not) and never left silent.
    expect(waiting.chat.received.filter((m) => m.role === 'bot' && m.text.includes('排在第'))).toHaveLength(
      1,
    );
    await conversations.close(busy.conversationId, 'test_cleanup');
  });

  it('gives a disconnected agent’s chat back to the queue first in line, with nothing the customer wrote lost', async () => {
    const agent = await onlineAgent(1);
    const served = await customer();
    await served.say('转人工');
    await agent.desk.waitFor('offer', (p) => p.conversationId === served.conversationId);
    await deskApi(app, agent.token, 'POST', `/conversations/${served.conversationId}/accept`);
    const earlier = await customer();
    await earlier.say('转人工');
    expect(handoff.engine.queueView().map((i) => i.entry.conversationId)).toEqual([earlier.conversationId]);

    agent.desk.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await served.send('喂？还在吗');
    await passTime(10 * SECOND);
    expect((await conversations.getConversation(served.conversationId)).state).toBe('agent');
    await passTime(21 * SECOND);

    expect((await conversations.getConversation(served.conversationId)).state).toBe('queued');
    expect(handoff.engine.presenceOf(agent.user.id)).toBe('offline');
    expect(handoff.engine.queueView().map((i) => i.entry.conversationId)).toEqual([
      served.conversationId,
      earlier.conversationId,
    ]);
    await served.chat.waitForMessage((m) => m.role === 'bot' && m.text.includes('连接暂时中断'));
    const next = await onlineAgent();
    await next.desk.waitFor('offer', (p) => p.conversationId === served.conversationId);
    await deskApi(app, next.token, 'POST', `/conversations/${served.conversationId}/accept`);
    const detail = await deskApi<{ messages: { role: string; text: string }[] }>(
      app,
      next.token,
      'GET',
      `/conversations/${served.conversationId}`,
    );
    expect(detail.body.messages.filter((m) => m.role === 'customer').map((m) => m.text)).toEqual([
      '转人工',
      '喂？还在吗',
    ]);
  });

  it('reminds a silent customer of an agent chat once, then closes it as the agent, rated and scored', async () => {
    const agent = await onlineAgent();
    const { chat, conversationId, say, send } = await customer();
    await say('转人工');
    await agent.desk.waitFor('offer', (p) => p.conversationId === conversationId);
    await deskApi(app, agent.token, 'POST', `/conversations/${conversationId}/accept`);
    await deskApi(app, agent.token, 'POST', `/conversations/${conversationId}/messages`, {
      clientMsgId: 'hello',
      text: '您好，我是安心保险人工客服，很高兴为您服务，请问有什么可以帮您？',
    });

    await passTime(4 * MINUTE);
    expect(chat.received.filter((m) => m.text.includes('您还在吗'))).toHaveLength(0);
    await passTime(1 * MINUTE + 10 * SECOND);
    const reminder = await chat.waitForMessage((m) => m.text.includes('您还在吗'));
    expect(reminder).toMatchObject({ role: 'agent' });
    await send('在的，我想问保单');
    await passTime(4 * MINUTE);
    expect((await conversations.getConversation(conversationId)).state).toBe('agent');
    await deskApi(app, agent.token, 'POST', `/conversations/${conversationId}/messages`, {
      clientMsgId: 'answer',
      text: '好的，请问您想了解保单的哪方面信息？',
    });

    await passTime(5 * MINUTE + 10 * SECOND);
    await chat.waitForMessage((m) => m.text.includes('您还在吗') && m.seq > reminder.seq);
    await passTime(2 * MINUTE);
    expect((await conversations.getConversation(conversationId)).state).toBe('agent');
    const invite = new Promise((resolve) => chat.socket.once('csat:invite', resolve));
    await passTime(1 * MINUTE + 10 * SECOND);

    expect((await conversations.getConversation(conversationId)).state).toBe('closed');
    const last = (await transcript(conversationId)).filter((m) => m.role !== 'system').at(-1);
    expect(last).toMatchObject({
      role: 'agent',
      payload: expect.objectContaining({ agentId: agent.user.username }),
    });
    expect(last?.text).toContain('还有其他');
    expect(await events(conversationId)).toEqual(
      expect.arrayContaining(['closed_by_timeout', 'survey_sent']),
    );
    await invite;
    await expectScored(conversationId);
  });

  it('closes an idle bot chat with the closing line, and one nobody wrote in quietly', async () => {
    const used = await customer();
    await used.say('车险理赔需要准备哪些材料？');
    const unused = await customer();

    await passTime(14 * MINUTE);
    expect((await conversations.getConversation(used.conversationId)).state).toBe('bot');
    await passTime(1 * MINUTE + 10 * SECOND);

    expect((await conversations.getConversation(used.conversationId)).state).toBe('closed');
    expect((await conversations.getConversation(unused.conversationId)).state).toBe('closed');
    const closing = (await transcript(used.conversationId)).filter((m) => m.role === 'bot').at(-1);
    expect(closing?.text).toContain('较长时间没有收到您的回复');
    expect(await events(used.conversationId)).toEqual(
      expect.arrayContaining(['closed_by_timeout', 'survey_sent']),
    );
    const quiet = await transcript(unused.conversationId);
    expect(quiet.filter((m) => m.role !== 'system')).toHaveLength(1);
    expect(quiet.map((m) => m.payload.event)).not.toContain('survey_sent');
    await expectScored(used.conversationId);
    expect(await app.app.get(QaScoreStore).forConversation(unused.conversationId)).toEqual([]);
  });

  /** QA scores a closed conversation in the background: wait for it (bounded). */
  async function expectScored(conversationId: string): Promise<void> {
    const store = app.app.get(QaScoreStore);
    for (let i = 0; i < 50; i++) {
      if ((await store.forConversation(conversationId)).length > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`conversation ${conversationId} was not scored`);
  }
});

describe.each(databaseTargets())('handoff outside service hours on the $name database', (target) => {
  let app: TestApp;
  let clock: TestClock;

  beforeAll(async () => {
    clock = new TestClock(afterServiceHours());
    app = await startTestApp(target, { SEED_DEMO_USERS: 'false' }, clock);
  });
  afterAll(async () => {
    await app.close();
  });

  it('says when human service opens, gives a ticket, and takes nobody into the queue even with an agent online', async () => {
    const agent = await createStaff(app);
    await deskApi(app, agent.token, 'POST', '/presence', { status: 'online' });
    const session = await createSession(app.url);
    const chat = await connectChat(app.url, session.token);
    try {
      await chat.call('message:send', { clientMsgId: 'c1', text: '转人工' });
      await app.settle();
      const notice = await chat.waitForMessage((m) => m.role === 'bot' && /LY\d{8}-\d{6}/.test(m.text));
      expect(notice.text).toContain('不在人工在线服务时间');
      expect(notice.text).toContain('每天8:00-22:00');
      expect(app.app.get(HandoffService).engine.queueLength).toBe(0);
      const conversation = await app.app.get(ConversationService).getConversation(session.conversationId);
      expect(conversation.state).toBe('bot');
    } finally {
      chat.close();
    }
  });
});
