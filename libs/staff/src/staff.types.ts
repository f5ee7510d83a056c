export const STAFF_ROLES = ['agent', 'qa', 'supervisor', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** A staff account as the rest of the system sees it (never with its password hash). */
export interface StaffUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: StaffRole;
  readonly skills: readonly string[];
  readonly maxConcurrent: number;
  readonly disabled: boolean;
  readonly createdAt: Date;
  /** Tokens issued before this instant are refused. */
  readonly passwordChangedAt: Date | null;
}

/** What the consoles get about the signed-in user (login response and GET /api/auth/me). */
export interface StaffProfile {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: StaffRole;
  readonly skills: readonly string[];
}

export interface NewStaffUser {
  readonly username: string;
  readonly displayName: string;
  readonly role: StaffRole;
  readonly skills?: readonly string[];
  readonly maxConcurrent?: number;
  readonly password: string;
}

export function toStaffProfile(user: StaffUser): StaffProfile {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    skills: [...user.skills],
  };
}
