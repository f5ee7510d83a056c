import type { Clock } from '@anxin/common';
import { type PasswordHasher } from './password.hasher';
import { newStaffUserSchema, parseStaffInput } from './staff-input.schemas';
import { INVALID_CREDENTIALS_MESSAGE, StaffException } from './staff.exception';
import type { StaffRepository } from './staff.repository.port';
import type { NewStaffUser, StaffUser } from './staff.types';

/** Why a sign-in failed (for the log only: the caller always gets STAFF.INVALID_CREDENTIALS). */
export type AuthenticationFailure = 'unknown_user' | 'wrong_password' | 'disabled';

export class AuthenticationError extends StaffException {
  constructor(readonly reason: AuthenticationFailure) {
    super('STAFF.INVALID_CREDENTIALS', INVALID_CREDENTIALS_MESSAGE);
  }
}

/** Staff accounts: create, sign in with a password, read, disable. Plain TypeScript. */
export class StaffService {
  constructor(
    private readonly repository: StaffRepository,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
  ) {}

  /** Validates everything (username, role, password policy…) and stores the account. */
  async create(input: NewStaffUser): Promise<StaffUser> {
    const valid = parseStaffInput(newStaffUserSchema, input);
    const created = await this.repository.insert({
      username: valid.username,
      displayName: valid.displayName,
      role: valid.role,
      skills: valid.skills,
      maxConcurrent: valid.maxConcurrent,
      passwordHash: await this.hasher.hash(valid.password),
      createdAt: this.clock.now(),
    });
    if (!created)
      throw new StaffException('STAFF.USERNAME_TAKEN', `用户名「${valid.username}」已存在`, {
        username: valid.username,
      });
    return created;
  }

  /**
   * The account for this username and password, or AuthenticationError (STAFF.INVALID_CREDENTIALS,
   * one message for every reason). An unknown username costs the same scrypt work as a wrong
   * password; a disabled account is refused only after its password checked out.
   */
  async authenticate(username: string, password: string): Promise<StaffUser> {
    const record = await this.repository.findByUsername(username);
    if (!record) {
      await this.hasher.verifyNothing(password);
      throw new AuthenticationError('unknown_user');
    }
    if (!(await this.hasher.verify(password, record.passwordHash)))
      throw new AuthenticationError('wrong_password');
    if (record.disabled) throw new AuthenticationError('disabled');
    const { passwordHash: _hash, ...user } = record;
    return user;
  }

  getById(id: string): Promise<StaffUser | null> {
    return this.repository.findById(id);
  }

  /** The account with this username (without its password hash), or null. */
  async getByUsername(username: string): Promise<StaffUser | null> {
    const record = await this.repository.findByUsername(username);
    if (!record) return null;
    const { passwordHash: _hash, ...user } = record;
    return user;
  }

  list(): Promise<StaffUser[]> {
    return this.repository.list();
  }

  async disable(username: string): Promise<StaffUser> {
    const user = await this.repository.setDisabled(username, true);
    if (!user) throw new StaffException('STAFF.NOT_FOUND', `用户「${username}」不存在`, { username });
    return user;
  }

  /**
   * Creates the accounts whose usernames do not exist yet and returns their usernames. Existing
   * accounts are left alone (a changed demo password stays changed); a concurrent seed is fine.
   */
  async createMissing(users: readonly NewStaffUser[]): Promise<string[]> {
    const existing = new Set(await this.repository.existingUsernames(users.map((u) => u.username)));
    const results = await Promise.all(
      users
        .filter((user) => !existing.has(user.username))
        .map((user) =>
          this.create(user).then(
            (created) => created.username,
            (error: unknown) => {
              if (error instanceof StaffException && error.code === 'STAFF.USERNAME_TAKEN') return null;
              throw error;
            },
          ),
        ),
    );
    return results.filter((username): username is string => username !== null);
  }
}
