import { type Clock } from '@anxin/common';
import { DEMO_USERS } from './demo-users.data';
import { DEFAULT_SCRYPT, PasswordHasher } from './password.hasher';
import { StaffService } from './staff.service';
import { InMemoryStaffRepository } from './testing/in-memory-staff.repository';

const AT = new Date('2026-11-25T08:00:00Z');
const fixedClock: Clock = { now: () => AT };
// Light scrypt parameters keep the unit tests fast; the hasher spec covers the real ones.
const fastHasher = (): PasswordHasher => new PasswordHasher({ ...DEFAULT_SCRYPT, N: 1024 });

const WANG = { username: 'wangjing', displayName: '王静', role: 'qa', password: 'wang-jing-2026' } as const;

async function failureOf(
  promise: Promise<unknown>,
): Promise<{ code?: string; message?: string; reason?: string }> {
  return promise.then(
    () => ({}),
    (error: unknown) => error as { code?: string; message?: string; reason?: string },
  );
}

describe(StaffService.name, () => {
  let repository: InMemoryStaffRepository;
  let sut: StaffService;

  beforeEach(() => {
    repository = new InMemoryStaffRepository();
    sut = new StaffService(repository, fastHasher(), fixedClock);
  });

  it('creates a user with defaults and never returns or stores the plain password', async () => {
    const user = await sut.create(WANG);

    expect(user).toMatchObject({
      username: 'wangjing',
      displayName: '王静',
      role: 'qa',
      skills: [],
      maxConcurrent: 3,
      disabled: false,
      createdAt: AT,
    });
    expect(JSON.stringify(user)).not.toContain('wang-jing-2026');
    const stored = await repository.findByUsername('wangjing');
    expect(stored?.passwordHash).toMatch(/^scrypt\$1024\$8\$1\$/);
  });

  it('refuses a taken username with STAFF.USERNAME_TAKEN', async () => {
    await sut.create(WANG);
    expect(await failureOf(sut.create({ ...WANG, displayName: '另一个' }))).toMatchObject({
      code: 'STAFF.USERNAME_TAKEN',
      message: '用户名「wangjing」已存在',
    });
  });

  it('validates the input before storing anything', async () => {
    expect(await failureOf(sut.create({ ...WANG, password: 'short' }))).toMatchObject({
      code: 'STAFF.INVALID_INPUT',
    });
    expect(await repository.list()).toEqual([]);
  });

  it('authenticates the right password', async () => {
    const created = await sut.create(WANG);
    await expect(sut.authenticate('wangjing', 'wang-jing-2026')).resolves.toEqual(created);
  });

  it.each([
    ['a wrong password', 'wangjing', 'wrong-password', 'wrong_password'],
    ['an unknown username', 'nobody', 'wang-jing-2026', 'unknown_user'],
  ])('refuses %s with the same code and message', async (_case, username, password, reason) => {
    await sut.create(WANG);
    expect(await failureOf(sut.authenticate(username, password))).toMatchObject({
      code: 'STAFF.INVALID_CREDENTIALS',
      message: '用户名或密码错误',
      reason,
    });
  });

  it('spends the scrypt work on unknown usernames too', async () => {
    const hasher = fastHasher();
    const spent = jest.spyOn(hasher, 'verifyNothing');
    sut = new StaffService(repository, hasher, fixedClock);

    await failureOf(sut.authenticate('nobody', 'whatever-password'));

    expect(spent).toHaveBeenCalledTimes(1);
  });

  it('refuses a disabled user even with the right password', async () => {
    await sut.create(WANG);
    await sut.disable('wangjing');
    expect(await failureOf(sut.authenticate('wangjing', 'wang-jing-2026'))).toMatchObject({
      code: 'STAFF.INVALID_CREDENTIALS',
      reason: 'disabled',
    });
  });

  it('says when the user to disable does not exist', async () => {
    expect(await failureOf(sut.disable('nobody'))).toMatchObject({ code: 'STAFF.NOT_FOUND' });
  });

  it('creates the missing demo users once and leaves existing ones alone', async () => {
    await sut.create({ ...DEMO_USERS[0], password: 'changed-by-the-operator' });

    expect(await sut.createMissing(DEMO_USERS)).toEqual(['supervisor', 'admin', 'agent1', 'agent2']);
    expect(await sut.createMissing(DEMO_USERS)).toEqual([]);
    await expect(sut.authenticate('qa', 'changed-by-the-operator')).resolves.toMatchObject({ role: 'qa' });
    await expect(sut.authenticate('agent1', 'anxin-demo-agent1')).resolves.toMatchObject({
      role: 'agent',
      skills: ['general', 'claims'],
    });
  });
});
