import { StaffException } from './staff.exception';

export interface LoginLockoutPolicy {
  /** Failures within the window that lock the username. */
  readonly maxFailures: number;
  readonly windowMs: number;
  readonly lockMs: number;
  /** Usernames tracked at most (the oldest are forgotten first), so a spray cannot exhaust memory. */
  readonly maxTracked: number;
}

export const DEFAULT_LOCKOUT: LoginLockoutPolicy = {
  maxFailures: 5,
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  maxTracked: 10_000,
};

interface Entry {
  /** Times of the recent failures, oldest first. */
  failures: number[];
  lockedUntil: number;
}

/**
 * Locks a username after repeated wrong passwords, for known and unknown usernames alike (so
 * the lock does not reveal which accounts exist).
 *
 * In memory, per process: a restart forgets the counts, and several server instances count
 * separately (each allows maxFailures). Good enough for the single-process default; a shared
 * store (Redis, with REDIS_URL) is the way to scale it out.
 */
export class LoginAttemptLimiter {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly policy: LoginLockoutPolicy = DEFAULT_LOCKOUT) {}

  /** Throws STAFF.LOCKED while the username is locked. */
  assertAllowed(username: string, nowMs: number): void {
    const entry = this.entries.get(username);
    if (!entry || entry.lockedUntil <= nowMs) return;
    const minutes = Math.ceil((entry.lockedUntil - nowMs) / 60_000);
    throw new StaffException('STAFF.LOCKED', `登录失败次数过多，请 ${minutes} 分钟后再试`, {
      retryAfterSeconds: Math.ceil((entry.lockedUntil - nowMs) / 1000),
    });
  }

  /** Records a wrong password; returns true when this failure locked the username. */
  recordFailure(username: string, nowMs: number): boolean {
    const entry = this.entries.get(username) ?? { failures: [], lockedUntil: 0 };
    entry.failures = [...entry.failures.filter((at) => at > nowMs - this.policy.windowMs), nowMs];
    const locks = entry.failures.length >= this.policy.maxFailures;
    if (locks) {
      entry.lockedUntil = nowMs + this.policy.lockMs;
      entry.failures = [];
    }
    // Re-insert so the Map's order is least recently failed first.
    this.entries.delete(username);
    this.entries.set(username, entry);
    this.evict(nowMs);
    return locks;
  }

  recordSuccess(username: string): void {
    this.entries.delete(username);
  }

  /** Over the limit: forget expired entries, then the oldest unlocked ones, then the oldest locks. */
  private evict(nowMs: number): void {
    const unlocked = (entry: Entry): boolean => entry.lockedUntil <= nowMs;
    const stale = (entry: Entry): boolean =>
      unlocked(entry) && entry.failures.every((at) => at <= nowMs - this.policy.windowMs);
    for (const forgettable of [stale, unlocked, () => true]) {
      for (const [username, entry] of this.entries) {
        if (this.entries.size <= this.policy.maxTracked) return;
        if (forgettable(entry)) this.entries.delete(username);
      }
    }
  }
}
