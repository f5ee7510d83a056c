import { randomUUID } from 'node:crypto';
import { type NewStaffRecord, type StaffRecord, StaffRepository } from '../staff.repository.port';
import type { StaffUser } from '../staff.types';

function withoutHash({ passwordHash: _hash, ...user }: StaffRecord): StaffUser {
  return user;
}

/** StaffRepository in a Map: for unit tests of code that needs staff accounts. */
export class InMemoryStaffRepository extends StaffRepository {
  private readonly records = new Map<string, StaffRecord>();

  async insert(record: NewStaffRecord): Promise<StaffUser | null> {
    if (this.records.has(record.username)) return null;
    const stored: StaffRecord = {
      id: randomUUID(),
      username: record.username,
      displayName: record.displayName,
      role: record.role,
      skills: [...record.skills],
      maxConcurrent: record.maxConcurrent,
      disabled: false,
      createdAt: record.createdAt,
      passwordChangedAt: record.createdAt,
      passwordHash: record.passwordHash,
    };
    this.records.set(stored.username, stored);
    return withoutHash(stored);
  }

  async findByUsername(username: string): Promise<StaffRecord | null> {
    return this.records.get(username) ?? null;
  }

  async findById(id: string): Promise<StaffUser | null> {
    const found = [...this.records.values()].find((record) => record.id === id);
    return found ? withoutHash(found) : null;
  }

  async list(): Promise<StaffUser[]> {
    return [...this.records.values()].sort((a, b) => a.username.localeCompare(b.username)).map(withoutHash);
  }

  async existingUsernames(usernames: readonly string[]): Promise<string[]> {
    return usernames.filter((username) => this.records.has(username)).sort();
  }

  async setDisabled(username: string, disabled: boolean): Promise<StaffUser | null> {
    const found = this.records.get(username);
    if (!found) return null;
    const changed = { ...found, disabled };
    this.records.set(username, changed);
    return withoutHash(changed);
  }

  /** Test helper: changes a role behind the service's back (as an admin tool would). */
  setRole(username: string, role: StaffRecord['role']): void {
    const found = this.records.get(username);
    if (found) this.records.set(username, { ...found, role });
  }
}
