import type { StaffRole, StaffUser } from './staff.types';

/** A stored account with its password hash: only the staff lib sees this shape. */
export interface StaffRecord extends StaffUser {
  readonly passwordHash: string;
}

export interface NewStaffRecord {
  readonly username: string;
  readonly displayName: string;
  readonly role: StaffRole;
  readonly skills: readonly string[];
  readonly maxConcurrent: number;
  readonly passwordHash: string;
  readonly createdAt: Date;
}

/** Where staff accounts live (the `agent` table). The abstract class is also the DI token. */
export abstract class StaffRepository {
  /** Inserts the account; null when the username is taken (also under concurrent inserts). */
  abstract insert(record: NewStaffRecord): Promise<StaffUser | null>;
  abstract findByUsername(username: string): Promise<StaffRecord | null>;
  abstract findById(id: string): Promise<StaffUser | null>;
  /** Ordered by username. */
  abstract list(): Promise<StaffUser[]>;
  /** The given usernames that exist. */
  abstract existingUsernames(usernames: readonly string[]): Promise<string[]>;
  /** null when there is no such username. */
  abstract setDisabled(username: string, disabled: boolean): Promise<StaffUser | null>;
}
