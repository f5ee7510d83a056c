import { errorCodeOf } from '@anxin/testing';
import { LoginAttemptLimiter } from './login-attempts.limiter';

const MINUTE = 60_000;
const T0 = Date.parse('2026-11-25T08:00:00Z');

describe(LoginAttemptLimiter.name, () => {
  let sut: LoginAttemptLimiter;
  beforeEach(() => {
    sut = new LoginAttemptLimiter();
  });

  const fail = (username: string, times: number, at: number, stepMs = 1000): boolean[] =>
    Array.from({ length: times }, (_, i) => sut.recordFailure(username, at + i * stepMs));

  it('locks a username on the 5th failure within 15 minutes, for 15 minutes', () => {
    expect(fail('qa', 5, T0)).toEqual([false, false, false, false, true]);

    const lockedAt = T0 + 4000;
    expect(errorCodeOf(() => sut.assertAllowed('qa', lockedAt + 1))).toBe('STAFF.LOCKED');
    expect(errorCodeOf(() => sut.assertAllowed('qa', lockedAt + 15 * MINUTE - 1))).toBe('STAFF.LOCKED');
    expect(errorCodeOf(() => sut.assertAllowed('qa', lockedAt + 15 * MINUTE))).toBe('no error');
  });

  it('tells how long the lock lasts, in minutes and seconds', () => {
    fail('qa', 5, T0, 0);
    try {
      sut.assertAllowed('qa', T0 + 5 * MINUTE);
    } catch (error) {
      expect(error).toMatchObject({
        code: 'STAFF.LOCKED',
        kind: 'rate_limited',
        message: '登录失败次数过多，请 10 分钟后再试',
        details: { retryAfterSeconds: 600 },
      });
      return;
    }
    throw new Error('expected STAFF.LOCKED');
  });

  it('counts only failures within the window', () => {
    fail('qa', 4, T0);
    expect(sut.recordFailure('qa', T0 + 16 * MINUTE)).toBe(false);
    expect(errorCodeOf(() => sut.assertAllowed('qa', T0 + 16 * MINUTE))).toBe('no error');
  });

  it('forgets the failures after a successful login', () => {
    fail('qa', 4, T0);
    sut.recordSuccess('qa');
    expect(sut.recordFailure('qa', T0 + 10_000)).toBe(false);
  });

  it('counts every username on its own', () => {
    fail('qa', 5, T0);
    expect(errorCodeOf(() => sut.assertAllowed('admin', T0 + 10_000))).toBe('no error');
  });

  it('starts counting afresh after a lock has expired', () => {
    fail('qa', 5, T0, 0);
    expect(sut.recordFailure('qa', T0 + 16 * MINUTE)).toBe(false);
    expect(errorCodeOf(() => sut.assertAllowed('qa', T0 + 16 * MINUTE))).toBe('no error');
  });

  it('keeps memory bounded under a spray of usernames, forgetting unlocked ones before a lock', () => {
    const small = new LoginAttemptLimiter({
      maxFailures: 2,
      windowMs: MINUTE,
      lockMs: MINUTE,
      maxTracked: 3,
    });
    small.recordFailure('victim', T0);
    small.recordFailure('victim', T0 + 1);
    for (let i = 0; i < 10; i += 1) small.recordFailure(`spray${i}`, T0 + 2 + i);
    const tracked = (small as unknown as { entries: Map<string, unknown> }).entries;

    expect(tracked.size).toBe(3);
    expect([...tracked.keys()]).toEqual(['victim', 'spray8', 'spray9']);
    expect(errorCodeOf(() => small.assertAllowed('victim', T0 + 20))).toBe('STAFF.LOCKED');
  });
});
