import { randomBytes } from 'node:crypto';
import type { StaffRole, StaffUser } from '@anxin/staff';
import { StaffService } from '@anxin/staff';
import type { TestApp } from './test-app';

export interface DeskStaff {
  readonly user: StaffUser;
  readonly token: string;
}

export interface DeskResponse<T> {
  readonly status: number;
  readonly body: T;
}

/**
 * A staff account of its own for a test (the server test database is shared between suites, so
 * tests never rely on the demo accounts there): username <prefix>-<random>, signed in.
 */
export async function createStaff(
  app: TestApp,
  options: { role?: StaffRole; skills?: string[]; capacity?: number; name?: string } = {},
): Promise<DeskStaff> {
  const username = `t${randomBytes(5).toString('hex')}`;
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const user = await app.app.get(StaffService).create({
    username,
    displayName: options.name ?? `测试客服${username.slice(-4)}`,
    role: options.role ?? 'agent',
    skills: options.skills ?? ['general'],
    maxConcurrent: options.capacity ?? 3,
    password,
  });
  return { user, token: await app.login(username, password) };
}

/** A call to the desk API with a bearer token (or none). */
export async function deskApi<T = Record<string, unknown>>(
  app: TestApp,
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<DeskResponse<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${app.url}/api/desk${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json().catch(() => null)) as T };
}
