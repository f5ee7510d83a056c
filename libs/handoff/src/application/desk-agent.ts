import type { StaffUser } from '@anxin/staff';
import type { DeskAgent } from '../engine/desk.types';

/** Roles that serve chats at the desk; supervisors and admins may also take over and reassign. */
export const DESK_ROLES = ['agent', 'supervisor', 'admin'] as const;
export const SUPERVISOR_ROLES = ['supervisor', 'admin'] as const;

export function supervises(user: StaffUser): boolean {
  return (SUPERVISOR_ROLES as readonly string[]).includes(user.role);
}

/** The staff account as the desk engine routes to it. */
export function deskAgentOf(user: StaffUser): DeskAgent {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    skills: [...user.skills],
    capacity: user.maxConcurrent,
  };
}
