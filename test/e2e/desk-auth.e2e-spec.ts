import { randomUUID } from 'node:crypto';
import { ConversationService } from '@anxin/conversation';
import { HandoffService } from '@anxin/handoff';
import { StaffService, StaffTokenSigner } from '@anxin/staff';
import {
  connectChat,
  connectDesk,
  createSession,
  databaseTargets,
  type DeskClient,
  inServiceHours,
  TestClock,
} from '@anxin/testing';
import { RequestMethod } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import {
  createStaff,
  type CustomerChat,
  deskApi,
  type DeskStaff,
  openChat,
  resetDesk,
} from '../support/desk-kit';
import { startTestApp, type TestApp } from '../support/test-app';

type ErrorReply = { error?: { code: string; message: string; details?: { problems?: string[] } } };
type DeskMessage = { id: string; role: string; text: string; event: string | null; note: boolean };
type DeskConversation = { state: string; assignedAgent: { username: string } | null };
type Detail = { conversation: DeskConversation; messages: DeskMessage[] };
type Ack = { error?: { code: string; message: string } } & Record<string, unknown>;

interface DeskRoute {
  /** METHOD /path as the controller declares it (relative to /api/desk). */
  readonly route: string;
  readonly body?: unknown;
  /** An agent with a random conversation id / unknown ticket number gets past the guard: 200 or 404. */
  readonly asAgent: number;
}

/** Every route of the desk controller, with a valid body; `deskRoutes` checks the list is complete. */
const ROUTES: readonly DeskRoute[] = [
  { route: 'GET /me', asAgent: 200 },
  { route: 'POST /presence', body: { status: 'away' }, asAgent: 200 },
  { route: 'GET /queue', asAgent: 200 },
  { route: 'GET /agents', asAgent: 200 },
  { route: 'GET /conversations', asAgent: 200 },
  { route: 'GET /conversations/:id', asAgent: 404 },
  { route: 'POST /conversations/:id/accept', asAgent: 404 },
  { route: 'POST /conversations/:id/messages', body: { clientMsgId: 'm1', text: '您好' }, asAgent: 404 },
  { route: 'POST /conversations/:id/check', body: { text: '您好' }, asAgent: 404 },
  { route: 'GET /conversations/:id/assist', asAgent: 404 },
  { route: 'POST /conversations/:id/notes', body: { text: '内部备注' }, asAgent: 404 },
  { route: 'POST /conversations/:id/transfer', body: { skill: 'claims' }, asAgent: 404 },
  { route: 'POST /conversations/:id/return-to-bot', asAgent: 404 },
  { route: 'POST /conversations/:id/close', asAgent: 404 },
  { route: 'GET /overview', asAgent: 403 },
  { route: 'GET /tickets', asAgent: 200 },
  { route: 'POST /tickets/:number/close', body: { resolution: '已回电处理' }, asAgent: 404 },
];

const GREETING = '您好，我是安心保险人工客服，很高兴为您服务，请问有什么可以帮您？';

/** The actions on one conversation that need it to be assigned to the caller (docs/api/desk.md "Access"). */
function actingRoutes(username: string): { name: string; method: string; path: string; body?: unknown }[] {
  return [
    {
      name: 'messages',
      method: 'POST',
      path: 'messages',
      body: { clientMsgId: 'w1', text: '您好，我来接手' },
    },
    { name: 'check', method: 'POST', path: 'check', body: { text: '您好' } },
    { name: 'assist', method: 'GET', path: 'assist' },
    { name: 'notes', method: 'POST', path: 'notes', body: { text: '不该出现的备注' } },
    { name: 'transfer to self', method: 'POST', path: 'transfer', body: { agent: username } },
    { name: 'transfer to a skill', method: 'POST', path: 'transfer', body: { skill: 'claims' } },
    { name: 'return-to-bot', method: 'POST', path: 'return-to-bot' },
    { name: 'close', method: 'POST', path: 'close' },
  ];
}

/** Authorization on every desk route and socket event: who may call, who may act on which conversation. */
describe.each(databaseTargets())('desk access rules on the $name database', (target) => {
  let app: TestApp;
  let clock: TestClock;
  const clients: { close(): void }[] = [];
  let agent: DeskStaff;
  let qa: DeskStaff;
  let supervisor: DeskStaff;
  let admin: DeskStaff;
  let disabled: DeskStaff;
  let customerToken: string;
  /** Bearer values that are not a usable staff token, by name. */
  let notStaff: [string, string | null][];

  beforeAll(async () => {
    clock = new TestClock(inServiceHours());
    app = await startTestApp(target, { SEED_DEMO_USERS: 'false' }, clock);
    [agent, qa, supervisor, admin, disabled] = await Promise.all([
      createStaff(app),
      createStaff(app, { role: 'qa' }),
      createStaff(app, { role: 'supervisor' }),
      createStaff(app, { role: 'admin' }),
      createStaff(app),
    ]);
    await app.app.get(StaffService).disable(disabled.user.username);
    customerToken = (await createSession(app.url)).token;

    const [claims, signature] = agent.token.split('.');
    const raised = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')), role: 'admin' }),
    ).toString('base64url');
    const real = new StaffTokenSigner(app.config.staff.tokenSecret, 3600);
    const now = clock.now().getTime();
    notStaff = [
      ['no token', null],
      ['a malformed bearer', 'not-a-token'],
      ['an unsigned token', `${claims}.`],
      ['a token with three parts', `${agent.token}.x`],
      ['a token whose role was raised to admin', `${raised}.${signature}`],
      [
        'a token signed with another secret',
        new StaffTokenSigner('f'.repeat(64), 3600).sign({ sub: supervisor.user.id, role: 'admin' }, now),
      ],
      ['an expired token', real.sign({ sub: agent.user.id, role: 'agent' }, now - 2 * 3_600_000)],
      ['a token of an account that does not exist', real.sign({ sub: randomUUID(), role: 'admin' }, now)],
      ['a token of a disabled account', disabled.token],
      ['a customer web-chat token', customerToken],
    ];
  });

  afterEach(async () => {
    clients.splice(0).forEach((c) => c.close());
    await resetDesk(app, Date.now());
  });

  afterAll(async () => {
    await app?.close();
  });

  // ─── helpers ───────────────────────────────────────────────────────────────────────────────────

  const fill = (route: string, id: string): string =>
    route.replace(':id', id).replace(':number', 'LY20991231-000001');

  /** A desk call with a raw Authorization header (or none). */
  async function rawCall(
    route: string,
    authorization: string | null,
    body?: unknown,
  ): Promise<{ status: number; code: string | undefined }> {
    const [method, path] = route.split(' ');
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (authorization !== null) headers.authorization = authorization;
    const response = await fetch(`${app.url}/api/desk${fill(path, randomUUID())}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const reply = (await response.json().catch(() => null)) as ErrorReply | null;
    return { status: response.status, code: reply?.error?.code };
  }

  /** The routes the desk controller declares, as METHOD /path. */
  function deskRoutes(): string[] {
    const routes: string[] = [];
    for (const module of app.app.get(ModulesContainer).values())
      for (const wrapper of module.controllers.values()) {
        const type = wrapper.metatype as { prototype: Record<string, unknown> } | null;
        if (!type || Reflect.getMetadata('path', type) !== 'api/desk') continue;
        for (const name of Object.getOwnPropertyNames(type.prototype)) {
          const handler = type.prototype[name];
          if (name === 'constructor' || typeof handler !== 'function') continue;
          const method = Reflect.getMetadata('method', handler) as RequestMethod | undefined;
          const path = Reflect.getMetadata('path', handler) as string | undefined;
          if (method !== undefined && path !== undefined) routes.push(`${RequestMethod[method]} /${path}`);
        }
      }
    return routes.sort();
  }

  async function onlineAgent(options: Parameters<typeof createStaff>[1] = {}): Promise<DeskStaff> {
    const staff = await createStaff(app, options);
    expect((await deskApi(app, staff.token, 'POST', '/presence', { status: 'online' })).status).toBe(200);
    return staff;
  }

  async function desk(token: string): Promise<DeskClient> {
    const client = await connectDesk(app.url, token);
    clients.push(client);
    return client;
  }

  async function waitUntil(what: string, done: () => boolean | Promise<boolean>): Promise<void> {
    for (let i = 0; i < 100; i++) {
      if (await done()) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`timed out waiting until ${what}`);
  }

  /** A web-chat customer who asked for a human and now waits in the queue (someone must be online). */
  async function waitingCustomer(): Promise<CustomerChat> {
    const customer = await openChat(app, clients);
    await customer.say('转人工');
    await app.settle();
    const handoff = app.app.get(HandoffService);
    await waitUntil('the customer waits in the queue', () =>
      handoff.engine.queueView().some((item) => item.entry.conversationId === customer.conversationId),
    );
    return customer;
  }

  /** A waiting customer accepted by `owner`. */
  async function acceptedBy(owner: DeskStaff): Promise<Awaited<ReturnType<typeof waitingCustomer>>> {
    const customer = await waitingCustomer();
    const accepted = await deskApi(
      app,
      owner.token,
      'POST',
      `/conversations/${customer.conversationId}/accept`,
    );
    expect(accepted.status).toBe(200);
    await app.settle();
    return customer;
  }

  const detail = async (token: string, id: string): Promise<Detail> => {
    const reply = await deskApi<Detail>(app, token, 'GET', `/conversations/${id}`);
    expect(reply.status).toBe(200);
    return reply.body;
  };

  const call = (staff: DeskStaff, method: string, path: string, body?: unknown) =>
    deskApi<ErrorReply & Record<string, unknown>>(app, staff.token, method, path, body);

  /** status and error code of a reply, labelled so a failing row names itself. */
  const outcome = (label: string, reply: { status: number; body: ErrorReply | null }) => ({
    label,
    status: reply.status,
    code: reply.body?.error?.code,
  });

  const stored = async (id: string) => app.app.get(ConversationService).getConversation(id);

  // ─── every route: who may call it ──────────────────────────────────────────────────────────────

  it('lists every route of the desk controller in this table', () => {
    expect(deskRoutes()).toEqual(ROUTES.map((r) => r.route).sort());
  });

  it.each(ROUTES)(
    '$route: 401 without a staff token, 403 for qa, passes the guard for desk roles',
    async (r) => {
      for (const [name, token] of notStaff) {
        const reply = await rawCall(r.route, token === null ? null : `Bearer ${token}`, r.body);
        expect({ name, ...reply }).toEqual({ name, status: 401, code: 'STAFF.UNAUTHENTICATED' });
      }
      for (const [name, header] of [
        ['an empty bearer', 'Bearer '],
        ['another scheme', `Basic ${Buffer.from(`${agent.user.username}:x`).toString('base64')}`],
        ['the token without a scheme', agent.token],
        ['two tokens', `Bearer ${agent.token} ${agent.token}`],
      ]) {
        const reply = await rawCall(r.route, header, r.body);
        expect({ name, ...reply }).toEqual({ name, status: 401, code: 'STAFF.UNAUTHENTICATED' });
      }

      expect(await rawCall(r.route, `Bearer ${qa.token}`, r.body)).toEqual({
        status: 403,
        code: 'STAFF.FORBIDDEN',
      });

      const asAgent = await rawCall(r.route, `Bearer ${agent.token}`, r.body);
      expect(asAgent.status).toBe(r.asAgent);
      if (r.asAgent === 403) expect(asAgent.code).toBe('STAFF.FORBIDDEN');
      for (const boss of [supervisor, admin]) {
        const reply = await rawCall(r.route, `Bearer ${boss.token}`, r.body);
        expect(reply.status).toBe(r.asAgent === 403 ? 200 : r.asAgent);
      }
    },
  );

  // ─── who may act on which conversation ─────────────────────────────────────────────────────────

  it('refuses the wrong agent on another agent’s chat (403 NOT_ASSIGNED, 409 ALREADY_TAKEN) and changes nothing', async () => {
    const owner = await onlineAgent();
    const wrong = await onlineAgent();
    const { conversationId: id, chat } = await acceptedBy(owner);
    const before = await detail(owner.token, id);

    for (const action of actingRoutes(wrong.user.username)) {
      const reply = await call(wrong, action.method, `/conversations/${id}/${action.path}`, action.body);
      expect(outcome(action.name, reply)).toEqual({
        label: action.name,
        status: 403,
        code: 'HANDOFF.NOT_ASSIGNED',
      });
    }
    expect(outcome('detail', await call(wrong, 'GET', `/conversations/${id}`))).toEqual({
      label: 'detail',
      status: 403,
      code: 'HANDOFF.NOT_ASSIGNED',
    });
    expect(outcome('accept', await call(wrong, 'POST', `/conversations/${id}/accept`))).toEqual({
      label: 'accept',
      status: 409,
      code: 'HANDOFF.ALREADY_TAKEN',
    });
    for (const query of ['', '?mine=false', '?mine=true']) {
      const list = await deskApi<{ items: { conversationId: string }[] }>(
        app,
        wrong.token,
        'GET',
        `/conversations${query}`,
      );
      expect(list.body.items.map((item) => item.conversationId)).not.toContain(id);
    }

    // Nothing the refused calls asked for happened.
    await app.settle();
    const after = await detail(owner.token, id);
    expect(after.messages.map((m) => m.id)).toEqual(before.messages.map((m) => m.id));
    expect(after.messages.filter((m) => m.role === 'agent' || m.note)).toEqual([]);
    expect(after.conversation).toMatchObject({
      state: 'agent',
      assignedAgent: { username: owner.user.username },
    });
    expect(await stored(id)).toMatchObject({ state: 'agent', assignedAgentId: owner.user.id });
    expect(chat.received.filter((m) => m.role === 'agent')).toEqual([]);

    // Positive control: the same calls succeed for the agent the chat is assigned to.
    expect((await call(owner, 'POST', `/conversations/${id}/check`, { text: '您好' })).status).toBe(200);
    expect((await call(owner, 'GET', `/conversations/${id}/assist`)).status).toBe(200);
    expect((await call(owner, 'POST', `/conversations/${id}/notes`, { text: '内部备注' })).status).toBe(201);
    const sent = await call(owner, 'POST', `/conversations/${id}/messages`, {
      clientMsgId: 'o1',
      text: GREETING,
    });
    expect(sent.status).toBe(201);
    await chat.waitForMessage((m) => m.role === 'agent' && m.text === GREETING);
    const moved = await call(owner, 'POST', `/conversations/${id}/transfer`, { agent: wrong.user.username });
    expect(moved).toMatchObject({
      status: 200,
      body: { state: 'agent', assignedAgent: { username: wrong.user.username } },
    });

    // Now the roles are swapped: the former owner may read (served before) but no longer act.
    expect(
      outcome(
        'old owner',
        await call(owner, 'POST', `/conversations/${id}/messages`, { clientMsgId: 'o2', text: '您好' }),
      ),
    ).toEqual({ label: 'old owner', status: 403, code: 'HANDOFF.NOT_ASSIGNED' });
    expect((await call(owner, 'GET', `/conversations/${id}`)).status).toBe(200);
    const closed = await call(wrong, 'POST', `/conversations/${id}/close`);
    expect(closed).toMatchObject({ status: 200, body: { state: 'closed' } });
    expect(
      outcome(
        'closed',
        await call(wrong, 'POST', `/conversations/${id}/messages`, { clientMsgId: 'n1', text: '您好' }),
      ),
    ).toEqual({ label: 'closed', status: 409, code: 'HANDOFF.NOT_ACTIVE' });
  });

  it('lets a supervisor read and act on another agent’s chat and take it over, but not write in it before', async () => {
    const owner = await onlineAgent();
    const boss = await createStaff(app, { role: 'supervisor' });
    const { conversationId: id, chat } = await acceptedBy(owner);

    expect((await call(boss, 'GET', `/conversations/${id}`)).status).toBe(200);
    const all = await deskApi<{ items: { conversationId: string }[] }>(
      app,
      boss.token,
      'GET',
      '/conversations',
    );
    expect(all.body.items.map((item) => item.conversationId)).toContain(id);
    expect((await call(boss, 'POST', `/conversations/${id}/check`, { text: '您好' })).status).toBe(200);
    expect((await call(boss, 'GET', `/conversations/${id}/assist`)).status).toBe(200);
    expect((await call(boss, 'POST', `/conversations/${id}/notes`, { text: '主管备注' })).status).toBe(201);
    const refused = await call(boss, 'POST', `/conversations/${id}/messages`, {
      clientMsgId: 's1',
      text: GREETING,
    });
    expect(outcome('message before taking over', refused)).toEqual({
      label: 'message before taking over',
      status: 403,
      code: 'HANDOFF.NOT_ASSIGNED',
    });
    await app.settle();
    expect((await detail(owner.token, id)).messages.filter((m) => m.role === 'agent')).toEqual([]);
    expect(chat.received.filter((m) => m.role === 'agent')).toEqual([]);
    expect(await stored(id)).toMatchObject({ state: 'agent', assignedAgentId: owner.user.id });

    const taken = await call(boss, 'POST', `/conversations/${id}/transfer`, { agent: boss.user.username });
    expect(taken).toMatchObject({
      status: 200,
      body: { state: 'agent', assignedAgent: { username: boss.user.username } },
    });
    expect(await stored(id)).toMatchObject({ state: 'agent', assignedAgentId: boss.user.id });
    expect(
      outcome(
        'former owner',
        await call(owner, 'POST', `/conversations/${id}/messages`, { clientMsgId: 'o1', text: '您好' }),
      ),
    ).toEqual({ label: 'former owner', status: 403, code: 'HANDOFF.NOT_ASSIGNED' });
    expect(
      (await call(boss, 'POST', `/conversations/${id}/messages`, { clientMsgId: 's2', text: GREETING }))
        .status,
    ).toBe(201);
    await chat.waitForMessage((m) => m.role === 'agent' && m.text === GREETING);
    expect(await call(boss, 'POST', `/conversations/${id}/close`)).toMatchObject({
      status: 200,
      body: { state: 'closed' },
    });
    expect(
      outcome(
        'closed',
        await call(boss, 'POST', `/conversations/${id}/messages`, { clientMsgId: 's3', text: '您好' }),
      ),
    ).toEqual({ label: 'closed', status: 409, code: 'HANDOFF.NOT_ACTIVE' });
  });

  it('lets an agent read a waiting conversation but act on it only once it is theirs; bot chats stay private', async () => {
    const first = await onlineAgent();
    const other = await onlineAgent();
    const { conversationId: id } = await waitingCustomer();
    expect((await detail(other.token, id)).conversation.state).toBe('queued');
    const before = await detail(first.token, id);

    // Notes on a waiting conversation have their own test below.
    for (const action of actingRoutes(other.user.username).filter((a) => a.name !== 'notes')) {
      const reply = await call(other, action.method, `/conversations/${id}/${action.path}`, action.body);
      expect(outcome(action.name, reply)).toEqual({
        label: action.name,
        status: 403,
        code: 'HANDOFF.NOT_ASSIGNED',
      });
    }
    await app.settle();
    expect((await detail(first.token, id)).messages.map((m) => m.id)).toEqual(
      before.messages.map((m) => m.id),
    );
    expect(await stored(id)).toMatchObject({ state: 'queued' });

    // A supervisor may assign a waiting customer; then only the assignee acts.
    const assigned = await call(supervisor, 'POST', `/conversations/${id}/transfer`, {
      agent: first.user.username,
    });
    expect(assigned).toMatchObject({
      status: 200,
      body: { assignedAgent: { username: first.user.username } },
    });
    expect(outcome('no longer waiting', await call(other, 'GET', `/conversations/${id}`))).toEqual({
      label: 'no longer waiting',
      status: 403,
      code: 'HANDOFF.NOT_ASSIGNED',
    });
    expect(await call(first, 'POST', `/conversations/${id}/return-to-bot`)).toMatchObject({
      status: 200,
      body: { state: 'bot' },
    });
    expect(
      outcome(
        'handed back',
        await call(first, 'POST', `/conversations/${id}/messages`, { clientMsgId: 'f1', text: '您好' }),
      ),
    ).toEqual({ label: 'handed back', status: 409, code: 'HANDOFF.NOT_ACTIVE' });
    expect(
      outcome(
        'not theirs',
        await call(other, 'POST', `/conversations/${id}/messages`, { clientMsgId: 'x1', text: '您好' }),
      ),
    ).toEqual({ label: 'not theirs', status: 403, code: 'HANDOFF.NOT_ASSIGNED' });

    // A conversation only the bot ever served is no agent's business.
    const botOnly = await createSession(app.url);
    expect(outcome('bot chat', await call(other, 'GET', `/conversations/${botOnly.conversationId}`))).toEqual(
      {
        label: 'bot chat',
        status: 403,
        code: 'HANDOFF.NOT_ASSIGNED',
      },
    );
    expect(
      outcome(
        'bot chat accept',
        await call(other, 'POST', `/conversations/${botOnly.conversationId}/accept`),
      ),
    ).toEqual({ label: 'bot chat accept', status: 409, code: 'HANDOFF.NOT_QUEUED' });
  });

  it('refuses an agent’s note on a waiting conversation that is not theirs (desk.md: agents act only on their own)', async () => {
    await onlineAgent();
    const other = await onlineAgent();
    const { conversationId: id } = await waitingCustomer();
    const reply = await call(other, 'POST', `/conversations/${id}/notes`, { text: '不该出现的备注' });
    await app.settle();
    const notes = (await detail(supervisor.token, id)).messages.filter((m) => m.note);
    expect({ ...outcome('note', reply), notes: notes.length }).toEqual({
      label: 'note',
      status: 403,
      code: 'HANDOFF.NOT_ASSIGNED',
      notes: 0,
    });
  });

  it('answers 404 for an unknown conversation id or ticket number', async () => {
    const someone = await createStaff(app);
    const routes = ROUTES.filter((r) => r.route.includes(':id'));
    for (const id of [randomUUID(), 'not-a-uuid', '12345', encodeURIComponent("' OR 1=1 --")])
      for (const r of routes) {
        const [method, path] = r.route.split(' ');
        const reply = await call(someone, method, fill(path, id), r.body);
        expect(outcome(`${r.route} ${id}`, reply)).toEqual({
          label: `${r.route} ${id}`,
          status: 404,
          code: 'HANDOFF.NOT_FOUND',
        });
      }
    for (const number of ['LY20991231-000001', 'nope'])
      expect(
        outcome(number, await call(someone, 'POST', `/tickets/${number}/close`, { resolution: '已处理' })),
      ).toEqual({ label: number, status: 404, code: 'HANDOFF.TICKET_NOT_FOUND' });
  });

  it('refuses malformed bodies and queries with 400 HANDOFF.INVALID_INPUT and stores nothing', async () => {
    const owner = await onlineAgent();
    const { conversationId: id, chat } = await acceptedBy(owner);
    const before = await detail(owner.token, id);
    const c = `/conversations/${id}`;
    const cases: [string, string, unknown][] = [
      ['POST /presence', '/presence', {}],
      ['POST /presence', '/presence', { status: 'busy' }],
      ['POST /presence', '/presence', { status: 1 }],
      ['POST /presence', '/presence', { status: 'online', extra: true }],
      ['POST /presence', '/presence', []],
      ['POST messages', `${c}/messages`, { text: '您好' }],
      ['POST messages', `${c}/messages`, { clientMsgId: 'm 1', text: '您好' }],
      ['POST messages', `${c}/messages`, { clientMsgId: 'x'.repeat(65), text: '您好' }],
      ['POST messages', `${c}/messages`, { clientMsgId: 'm1' }],
      ['POST messages', `${c}/messages`, { clientMsgId: 'm1', text: 42 }],
      ['POST messages', `${c}/messages`, { clientMsgId: 'm1', text: '   ' }],
      ['POST messages', `${c}/messages`, { clientMsgId: 'm1', text: 'a'.repeat(2001) }],
      ['POST messages', `${c}/messages`, { clientMsgId: 'm1', text: '您好\u0000' }],
      ['POST messages', `${c}/messages`, { clientMsgId: 'm1', text: '您好\u0007请问' }],
      ['POST messages', `${c}/messages`, { clientMsgId: 'm1', text: '您好\u202E请问' }],
      ['POST messages', `${c}/messages`, { clientMsgId: 'm1', text: '您好\uD800' }],
      ['POST messages', `${c}/messages`, { clientMsgId: 'm1', text: '您好', override: 'yes' }],
      ['POST messages', `${c}/messages`, { clientMsgId: 'm1', text: '您好', agentId: 'someone-else' }],
      ['POST check', `${c}/check`, {}],
      ['POST check', `${c}/check`, { text: '' }],
      ['POST check', `${c}/check`, { text: ['您好'] }],
      ['POST check', `${c}/check`, { text: '您好', extra: 1 }],
      ['POST notes', `${c}/notes`, {}],
      ['POST notes', `${c}/notes`, { text: '备'.repeat(2001) }],
      ['POST notes', `${c}/notes`, { text: '备注\u001F' }],
      ['POST notes', `${c}/notes`, { text: '备注', agentId: 'someone-else' }],
      ['POST transfer', `${c}/transfer`, {}],
      ['POST transfer', `${c}/transfer`, { skill: 'claims', agent: owner.user.username }],
      ['POST transfer', `${c}/transfer`, { agent: 'Not A Username' }],
      ['POST transfer', `${c}/transfer`, { skill: 7 }],
      ['POST ticket close', '/tickets/LY20991231-000001/close', {}],
      ['POST ticket close', '/tickets/LY20991231-000001/close', { resolution: '' }],
      ['POST ticket close', '/tickets/LY20991231-000001/close', { resolution: 1 }],
      ['POST ticket close', '/tickets/LY20991231-000001/close', { resolution: '已处理', extra: 1 }],
      ['GET conversations', '/conversations?mine=yes', undefined],
      ['GET tickets', '/tickets?status=closed', undefined],
      ['GET assist', `${c}/assist?q=%20`, undefined],
      ['GET assist', `${c}/assist?q=${'问'.repeat(501)}`, undefined],
      ['GET assist', `${c}/assist?q=a&q=b`, undefined],
    ];
    for (const [name, path, body] of cases) {
      const method = name.split(' ')[0];
      const reply = await call(owner, method, path, body);
      const label = `${name} ${JSON.stringify(body) ?? path}`.slice(0, 120);
      expect({
        ...outcome(label, reply),
        listed: (reply.body?.error?.details?.problems?.length ?? 0) > 0,
      }).toEqual({
        label,
        status: 400,
        code: 'HANDOFF.INVALID_INPUT',
        listed: true,
      });
    }
    const both = await call(owner, 'POST', `${c}/messages`, { clientMsgId: 'bad id', text: '' });
    expect(both.body.error?.details?.problems).toHaveLength(2);

    await app.settle();
    expect((await detail(owner.token, id)).messages.map((m) => m.id)).toEqual(
      before.messages.map((m) => m.id),
    );
    expect(chat.received.filter((m) => m.role === 'agent')).toEqual([]);
    // The limits are inclusive and count code points.
    for (const text of ['好'.repeat(2000), '😀'.repeat(2000)])
      expect((await call(owner, 'POST', `${c}/check`, { text })).status).toBe(200);
  });

  it('lets exactly one of two agents accepting the same customer at once take it', async () => {
    const [a, b] = await Promise.all([onlineAgent({ capacity: 5 }), onlineAgent({ capacity: 5 })]);
    const customers = await Promise.all([1, 2, 3, 4, 5].map(() => waitingCustomer()));
    for (const { conversationId: id } of customers) {
      const path = `/conversations/${id}/accept`;
      const replies = await Promise.all([call(a, 'POST', path), call(b, 'POST', path)]);
      expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
      const winner = replies[0].status === 200 ? a : b;
      const loser = replies.find((r) => r.status === 409);
      expect(loser?.body.error?.code).toBe('HANDOFF.ALREADY_TAKEN');
      expect(await stored(id)).toMatchObject({ state: 'agent', assignedAgentId: winner.user.id });
      await app.settle();
      const view = await detail(winner.token, id);
      expect(view.conversation.assignedAgent?.username).toBe(winner.user.username);
      expect(view.messages.filter((m) => m.event === 'handoff_accepted')).toHaveLength(1);
    }
  });

  // ─── the /desk socket ──────────────────────────────────────────────────────────────────────────

  it('refuses a desk socket without a desk staff token, and the customer socket a staff token', async () => {
    for (const [name, token] of notStaff) {
      const refused = await connectDesk(app.url, token ?? undefined).then(
        (client) => (client.close(), 'connected'),
        (error: { data?: { code?: string } }) => error.data?.code,
      );
      expect({ name, refused }).toEqual({ name, refused: 'STAFF.UNAUTHENTICATED' });
    }
    await expect(connectDesk(app.url, 42)).rejects.toMatchObject({ data: { code: 'STAFF.UNAUTHENTICATED' } });
    await expect(connectDesk(app.url, qa.token)).rejects.toMatchObject({ data: { code: 'STAFF.FORBIDDEN' } });
    (await desk(agent.token)).close();
    (await desk(supervisor.token)).close();
    await expect(connectChat(app.url, agent.token)).rejects.toMatchObject({
      data: { code: 'CHANNEL.TOKEN_INVALID' },
    });
  });

  it('validates client events and lets agents watch only their own or waiting chats; supervisors any', async () => {
    const owner = await onlineAgent();
    const wrong = await onlineAgent();
    const boss = await createStaff(app, { role: 'supervisor' });
    const { conversationId: id } = await acceptedBy(owner);
    const [ownerDesk, wrongDesk, bossDesk] = await Promise.all([
      desk(owner.token),
      desk(wrong.token),
      desk(boss.token),
    ]);

    expect(await wrongDesk.call('presence:set', { status: 'away' })).toEqual({
      status: 'away',
      load: 0,
      capacity: 3,
    });
    for (const payload of [
      {},
      { status: 'busy' },
      { status: 1 },
      { status: 'online', extra: true },
      'online',
      null,
    ])
      expect(await wrongDesk.call<Ack>('presence:set', payload)).toMatchObject({
        error: { code: 'HANDOFF.INVALID_INPUT' },
      });
    for (const event of ['watch', 'unwatch'])
      for (const payload of [
        {},
        { conversationId: 'nope' },
        { conversationId: 1 },
        { conversationId: id, extra: 1 },
        id,
      ])
        expect({ event, payload, ack: await wrongDesk.call<Ack>(event, payload) }).toMatchObject({
          event,
          payload,
          ack: { error: { code: 'HANDOFF.INVALID_INPUT' } },
        });
    expect(await wrongDesk.call('watch', { conversationId: randomUUID() })).toMatchObject({
      error: { code: 'HANDOFF.NOT_FOUND' },
    });
    expect(await wrongDesk.call('watch', { conversationId: id })).toMatchObject({
      error: { code: 'HANDOFF.NOT_ASSIGNED' },
    });
    expect(await wrongDesk.call('unwatch', { conversationId: id })).toEqual({
      conversationId: id,
      watching: false,
    });
    expect(await bossDesk.call('watch', { conversationId: id })).toEqual({
      conversationId: id,
      watching: true,
    });
    expect(await ownerDesk.call('watch', { conversationId: id })).toEqual({
      conversationId: id,
      watching: true,
    });
    expect(await ownerDesk.call('unwatch', { conversationId: id })).toEqual({
      conversationId: id,
      watching: true,
    });

    const text = '您好，请问有什么可以帮您？';
    await call(owner, 'POST', `/conversations/${id}/messages`, { clientMsgId: 'o1', text });
    const mine = (p: Record<string, unknown>) =>
      p.conversationId === id && (p.message as DeskMessage).text === text;
    await ownerDesk.waitFor('message', mine);
    await bossDesk.waitFor('message', mine);
    expect(await bossDesk.call('unwatch', { conversationId: id })).toEqual({
      conversationId: id,
      watching: false,
    });
    await call(owner, 'POST', `/conversations/${id}/messages`, { clientMsgId: 'o2', text: '请稍等。' });
    await ownerDesk.waitFor('message', (p) => (p.message as DeskMessage).text === '请稍等。');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(
      bossDesk.events.filter(
        (e) => e.name === 'message' && (e.payload.message as DeskMessage).text === '请稍等。',
      ),
    ).toEqual([]);
    expect(wrongDesk.events.filter((e) => e.name === 'message' && e.payload.conversationId === id)).toEqual(
      [],
    );
  });

  it('stops streaming a waiting chat an agent watched once another agent takes it', async () => {
    const owner = await onlineAgent();
    const watcher = await onlineAgent();
    const customer = await waitingCustomer();
    const id = customer.conversationId;
    const [ownerDesk, watcherDesk] = await Promise.all([desk(owner.token), desk(watcher.token)]);
    expect(await watcherDesk.call('watch', { conversationId: id })).toEqual({
      conversationId: id,
      watching: true,
    });

    expect((await call(owner, 'POST', `/conversations/${id}/accept`)).status).toBe(200);
    await app.settle();
    // The watcher may no longer read it…
    expect((await call(watcher, 'GET', `/conversations/${id}`)).status).toBe(403);
    await call(owner, 'POST', `/conversations/${id}/messages`, { clientMsgId: 'o1', text: GREETING });
    await customer.send('我的保单号是多少？');
    await ownerDesk.waitFor('message', (p) => (p.message as DeskMessage).text === '我的保单号是多少？');
    await new Promise((resolve) => setTimeout(resolve, 100));
    // …so neither may it follow what the customer and the agent say.
    const leaked = watcherDesk.events
      .filter((e) => e.name === 'message' && e.payload.conversationId === id)
      .map((e) => e.payload.message as DeskMessage)
      .filter((m) => m.role === 'agent' || m.text === '我的保单号是多少？')
      .map((m) => `${m.role}: ${m.text}`);
    expect(leaked).toEqual([]);
  });

  it('answers a disabled account’s next event with STAFF.UNAUTHENTICATED and disconnects it', async () => {
    const gone = await onlineAgent();
    const client = await desk(gone.token);
    expect(await client.call('presence:set', { status: 'online' })).toMatchObject({ status: 'online' });
    await app.app.get(StaffService).disable(gone.user.username);

    const disconnected = new Promise((resolve) => client.socket.once('disconnect', resolve));
    expect(await client.call('presence:set', { status: 'online' })).toMatchObject({
      error: { code: 'STAFF.UNAUTHENTICATED' },
    });
    await disconnected;
    expect(client.socket.connected).toBe(false);
    expect((await deskApi<ErrorReply>(app, gone.token, 'GET', '/me')).body.error?.code).toBe(
      'STAFF.UNAUTHENTICATED',
    );
    await expect(connectDesk(app.url, gone.token)).rejects.toMatchObject({
      data: { code: 'STAFF.UNAUTHENTICATED' },
    });
  });

  it('stops streaming a disabled agent’s chats to the socket it still has open', async () => {
    const gone = await onlineAgent();
    const customer = await acceptedBy(gone);
    const id = customer.conversationId;
    const [goneDesk, bossDesk] = await Promise.all([desk(gone.token), desk(supervisor.token)]);
    expect(await bossDesk.call('watch', { conversationId: id })).toEqual({
      conversationId: id,
      watching: true,
    });
    await app.app.get(StaffService).disable(gone.user.username);

    // The disabled desk sends nothing; the customer keeps writing.
    await customer.send('请帮我查一下理赔进度');
    await bossDesk.waitFor('message', (p) => (p.message as DeskMessage).text === '请帮我查一下理赔进度');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const leaked = goneDesk.events
      .filter((e) => e.name === 'message' && e.payload.conversationId === id)
      .map((e) => (e.payload.message as DeskMessage).text)
      .filter((text) => text === '请帮我查一下理赔进度');
    expect(leaked).toEqual([]);
  });
});
