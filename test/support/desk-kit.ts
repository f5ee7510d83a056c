import { randomBytes } from 'node:crypto';
import { ConversationService } from '@anxin/conversation';
import { HandoffService } from '@anxin/handoff';
import type { StaffRole, StaffUser } from '@anxin/staff';
import { StaffService } from '@anxin/staff';
import { type ChatClient, connectChat, createSession } from './chat-client';
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

/**
 * A web-chat customer: `say` waits for the bot's (or the desk's) answer and what it set off, `send`
 * only for the server to settle (with a human agent nobody answers automatically).
 */
export interface CustomerChat {
  readonly chat: ChatClient;
  readonly conversationId: string;
  say(text: string): Promise<void>;
  send(text: string): Promise<void>;
}

/** Opens a web chat; the client is added to `clients` (closed by the caller after the test). */
export async function openChat(app: TestApp, clients: { close(): void }[]): Promise<CustomerChat> {
  const session = await createSession(app.url);
  const chat = await connectChat(app.url, session.token);
  clients.push(chat);
  let n = 0;
  const post = (text: string) => chat.call<{ seq: number }>('message:send', { clientMsgId: `c${++n}`, text });
  return {
    chat,
    conversationId: session.conversationId,
    // Waits for the answer, so the next message is read in the state this one left.
    say: async (text) => {
      const ack = await post(text);
      await chat.waitForMessage((m) => m.role === 'bot' && m.seq > ack.seq);
      await app.settle();
    },
    // With a human agent nobody answers automatically.
    send: async (text) => {
      await post(text);
      await app.settle();
    },
  };
}

/**
 * Between tests of one app: nobody waits in the queue and nobody is online, so each test brings
 * its own customers and agents.
 */
export async function resetDesk(app: TestApp, now: number): Promise<void> {
  await app.settle();
  const handoff = app.app.get(HandoffService);
  const conversations = app.app.get(ConversationService);
  for (const item of handoff.engine.queueView())
    await conversations.close(item.entry.conversationId, 'test_cleanup');
  await app.settle();
  for (const status of handoff.engine.agentStatuses())
    handoff.engine.setPresence(status.agent.id, 'offline', now);
}
