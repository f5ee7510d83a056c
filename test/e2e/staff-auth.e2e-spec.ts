import { StaffService, StaffTokenSigner } from '@anxin/staff';
import { createSession, embeddedTarget } from '@anxin/testing';
import { startTestApp, type TestApp } from '../support/test-app';

interface Reply {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

const DEMO = [
  ['qa', 'anxin-demo-qa', 'qa', '质检员 王静'],
  ['supervisor', 'anxin-demo-supervisor', 'supervisor', '主管 李强'],
  ['admin', 'anxin-demo-admin', 'admin', '管理员 陈敏'],
  ['agent1', 'anxin-demo-agent1', 'agent', '客服 刘洋'],
] as const;

describe('staff sign-in (embedded PostgreSQL)', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp(embeddedTarget());
  });
  afterAll(() => sut.close());

  async function call(
    method: 'GET' | 'POST',
    path: string,
    options: { body?: unknown; token?: string; raw?: string } = {},
  ): Promise<Reply> {
    const headers: Record<string, string> = {};
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined || options.raw !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${sut.url}${path}`, {
      method,
      headers,
      body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
    return {
      status: response.status,
      body: (await response.json()) as Record<string, unknown>,
      headers: response.headers,
    };
  }
  const login = (username: string, password: string): Promise<Reply> =>
    call('POST', '/api/auth/login', { body: { username, password } });

  it.each(DEMO)(
    'seeds the demo user %s on the embedded default and logs it in',
    async (username, password, role, name) => {
      const { status, body, headers } = await login(username, password);

      expect(status).toBe(200);
      expect(headers.get('cache-control')).toBe('no-store');
      expect(body).toEqual({
        token: expect.stringMatching(/^[\w-]+\.[\w-]+$/),
        user: {
          id: expect.any(String),
          username,
          displayName: name,
          role,
          skills: username === 'agent1' ? ['general', 'claims'] : [],
        },
      });
      const me = await call('GET', '/api/auth/me', { token: body.token as string });
      expect(me).toMatchObject({ status: 200, body: body.user });
    },
  );

  it('answers a wrong password and an unknown user with the same 401', async () => {
    const wrong = await login('qa', 'not-the-password');
    const unknown = await login('nobody', 'anxin-demo-qa');

    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual({ error: { code: 'STAFF.INVALID_CREDENTIALS', message: '用户名或密码错误' } });
    expect(unknown.body).toEqual(wrong.body);
  });

  it.each([
    ['no body', { raw: '' }, 'username: 不能为空'],
    ['a missing password', { body: { username: 'qa' } }, 'password: 不能为空'],
    ['an unknown field', { body: { username: 'qa', password: 'x', role: 'admin' } }, '不支持的字段 role'],
    ['a number for a username', { body: { username: 7, password: 'x' } }, 'username: 必须是文本'],
  ])('refuses a login with %s as 400 STAFF.INVALID_INPUT', async (_case, options, problem) => {
    const { status, body } = await call('POST', '/api/auth/login', options);

    expect(status).toBe(400);
    expect(body).toMatchObject({ error: { code: 'STAFF.INVALID_INPUT' } });
    expect(JSON.stringify(body)).toContain(problem);
  });

  it('locks a username for 15 minutes after 5 wrong passwords, even for the right one', async () => {
    for (let i = 0; i < 5; i += 1) expect((await login('supervisor', `wrong-${i}`)).status).toBe(401);

    const locked = await login('supervisor', 'anxin-demo-supervisor');

    expect(locked.status).toBe(429);
    expect(locked.body).toEqual({
      error: {
        code: 'STAFF.LOCKED',
        message: '登录失败次数过多，请 15 分钟后再试',
        details: { retryAfterSeconds: expect.any(Number) },
      },
    });
    expect((await login('admin', 'anxin-demo-admin')).status).toBe(200);
  });

  describe('GET /api/auth/me', () => {
    let qaId: string;
    beforeAll(async () => {
      qaId = ((await login('qa', 'anxin-demo-qa')).body.user as { id: string }).id;
    });

    it.each([
      ['no token', undefined],
      [
        'a forged token',
        () => new StaffTokenSigner('x'.repeat(32), 3600).sign({ sub: qaId, role: 'admin' }, Date.now()),
      ],
      [
        'an expired token',
        () =>
          new StaffTokenSigner(sut.config.staff.tokenSecret, 3600).sign(
            { sub: qaId, role: 'qa' },
            Date.now() - 7_200_000,
          ),
      ],
      ['a web-chat token', async () => (await createSession(sut.url)).token],
    ])('answers 401 STAFF.UNAUTHENTICATED with %s', async (_case, token) => {
      const { status, body } = await call('GET', '/api/auth/me', {
        token: typeof token === 'function' ? await token() : token,
      });

      expect(status).toBe(401);
      expect(body).toMatchObject({ error: { code: 'STAFF.UNAUTHENTICATED', message: expect.any(String) } });
    });

    it('refuses the token of an account disabled after sign-in', async () => {
      const { token } = (await login('agent1', 'anxin-demo-agent1')).body as { token: string };
      expect((await call('GET', '/api/auth/me', { token })).status).toBe(200);

      await sut.app.get(StaffService).disable('agent1');

      expect(await call('GET', '/api/auth/me', { token })).toMatchObject({
        status: 401,
        body: { error: { code: 'STAFF.UNAUTHENTICATED', message: '账号不可用，请联系管理员' } },
      });
      expect((await login('agent1', 'anxin-demo-agent1')).status).toBe(401);
    });
  });
});

describe('staff sign-in with SEED_DEMO_USERS=false', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp(embeddedTarget(), { SEED_DEMO_USERS: 'false' });
  });
  afterAll(() => sut.close());

  it('has no demo users', async () => {
    const response = await fetch(`${sut.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'qa', password: 'anxin-demo-qa' }),
    });
    expect(response.status).toBe(401);
    expect(await sut.app.get(StaffService).list()).toEqual([]);
  });
});
