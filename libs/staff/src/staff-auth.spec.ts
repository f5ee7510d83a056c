import { Writable } from 'node:stream';
import { Clock, createLogger } from '@anxin/common';
import { LoginAttemptLimiter } from './login-attempts.limiter';
import { DEFAULT_SCRYPT, PasswordHasher } from './password.hasher';
import { StaffAuth } from './staff-auth';
import { StaffTokenSigner } from './staff-token.signer';
import { StaffService } from './staff.service';
import { InMemoryStaffRepository } from './testing/in-memory-staff.repository';

class ManualClock extends Clock {
  constructor(public current: number) {
    super();
  }
  now(): Date {
    return new Date(this.current);
  }
}

const T0 = Date.parse('2026-11-25T08:00:00Z');
const PASSWORD = 'wang-jing-2026';

async function failureOf(promise: Promise<unknown>): Promise<{ code?: string; message?: string }> {
  return promise.then(
    () => ({}),
    (error: unknown) => error as { code?: string; message?: string },
  );
}

describe(StaffAuth.name, () => {
  let clock: ManualClock;
  let repository: InMemoryStaffRepository;
  let staff: StaffService;
  let logs: string[];
  let sut: StaffAuth;

  beforeEach(async () => {
    clock = new ManualClock(T0);
    repository = new InMemoryStaffRepository();
    staff = new StaffService(repository, new PasswordHasher({ ...DEFAULT_SCRYPT, N: 1024 }), clock);
    logs = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs.push(chunk.toString());
        done();
      },
    });
    sut = new StaffAuth(
      staff,
      new StaffTokenSigner('s'.repeat(32), 43_200),
      new LoginAttemptLimiter(),
      clock,
      createLogger('info', sink),
    );
    await staff.create({ username: 'wangjing', displayName: '王静', role: 'qa', password: PASSWORD });
    clock.current += 1000;
  });

  it('logs in with a token and the profile, and the token authenticates', async () => {
    const result = await sut.login({ username: 'WangJing', password: PASSWORD });

    expect(result.user).toEqual({
      id: expect.any(String),
      username: 'wangjing',
      displayName: '王静',
      role: 'qa',
      skills: [],
    });
    await expect(sut.verifyAuthorization(`Bearer ${result.token}`)).resolves.toMatchObject({
      id: result.user.id,
    });
    await expect(sut.verifySocket(result.token)).resolves.toMatchObject({ username: 'wangjing' });
  });

  it('never logs the password or the token', async () => {
    const { token } = await sut.login({ username: 'wangjing', password: PASSWORD });
    await failureOf(sut.login({ username: 'wangjing', password: 'a-wrong-password' }));

    const text = logs.join('');
    expect(text).toContain('staff login');
    expect(text).toContain('staff login failed');
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain('a-wrong-password');
    expect(text).not.toContain(token);
  });

  it('locks the username after 5 wrong passwords, also for the right one, for 15 minutes', async () => {
    for (let i = 0; i < 5; i += 1)
      expect(
        await failureOf(sut.login({ username: 'wangjing', password: `wrong-${i}-password` })),
      ).toMatchObject({ code: 'STAFF.INVALID_CREDENTIALS' });

    expect(await failureOf(sut.login({ username: 'wangjing', password: PASSWORD }))).toMatchObject({
      code: 'STAFF.LOCKED',
    });
    clock.current += 15 * 60_000;
    await expect(sut.login({ username: 'wangjing', password: PASSWORD })).resolves.toHaveProperty('token');
  });

  it('locks unknown usernames the same way (the lock reveals nothing)', async () => {
    for (let i = 0; i < 5; i += 1) await failureOf(sut.login({ username: 'nobody', password: 'x-password' }));
    expect(await failureOf(sut.login({ username: 'nobody', password: 'x-password' }))).toMatchObject({
      code: 'STAFF.LOCKED',
    });
  });

  it('refuses a bad login body as STAFF.INVALID_INPUT without counting a failure', async () => {
    for (let i = 0; i < 6; i += 1)
      expect(await failureOf(sut.login({ username: 'wangjing' }))).toMatchObject({
        code: 'STAFF.INVALID_INPUT',
      });
    await expect(sut.login({ username: 'wangjing', password: PASSWORD })).resolves.toHaveProperty('token');
  });

  describe('a token of an account that changed since', () => {
    let token: string;
    beforeEach(async () => {
      token = (await sut.login({ username: 'wangjing', password: PASSWORD })).token;
    });

    it('is refused once the account is disabled', async () => {
      await staff.disable('wangjing');
      expect(await failureOf(sut.verifyToken(token))).toEqual(
        expect.objectContaining({ code: 'STAFF.UNAUTHENTICATED', message: '账号不可用，请联系管理员' }),
      );
    });

    it('is refused once the role changed', async () => {
      repository.setRole('wangjing', 'admin');
      expect(await failureOf(sut.verifyToken(token))).toEqual(
        expect.objectContaining({ code: 'STAFF.UNAUTHENTICATED', message: '账号权限已变更，请重新登录' }),
      );
    });

    it('is refused when it was issued before the password was set', async () => {
      const early = new StaffTokenSigner('s'.repeat(32), 43_200).sign(
        { sub: (await staff.list())[0].id, role: 'qa' },
        T0 - 60_000,
      );
      expect(await failureOf(sut.verifyToken(early))).toMatchObject({ code: 'STAFF.UNAUTHENTICATED' });
    });

    it('is refused after 12 hours', async () => {
      clock.current += 43_200 * 1000;
      expect(await failureOf(sut.verifyToken(token))).toMatchObject({
        code: 'STAFF.UNAUTHENTICATED',
        message: '登录已过期，请重新登录',
      });
    });
  });

  it.each([undefined, '', 'Basic d2FuZzpqaW5n', 'Bearer', 'Bearer a.b.c', 'bearer x.y'])(
    'refuses the Authorization header %p',
    async (header) => {
      expect(await failureOf(sut.verifyAuthorization(header))).toMatchObject({
        code: 'STAFF.UNAUTHENTICATED',
      });
    },
  );
});
