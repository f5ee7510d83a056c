/**
 * Clients of the handoff benchmark: customers (web-chat session + /chat socket) and agents (staff
 * login + /desk socket + desk HTTP calls), as a browser would drive them.
 *
 * Desk sockets use a lean socket.io parser: the server pushes the whole queue to every desk as the
 * `queue` event (up to 4 a second); with 2,000 waiting that is several hundred KB per push and per
 * desk, and 100 desks parsing it in this one process would saturate the load generator rather than
 * the server. The lean parser counts those frames and their size and skips JSON.parse for them; every
 * other packet is decoded as usual. The server side (snapshot, serialisation, sending) is unchanged.
 */
import { EventEmitter } from 'node:events';
import { io, type Socket } from 'socket.io-client';

export interface HttpResult<T = Record<string, unknown>> {
  readonly status: number;
  readonly body: T;
  readonly ms: number;
}

/**
 * Requests sent again because the server closed the kept-alive connection as the request went out
 * (undici reports `fetch failed` with UND_ERR_SOCKET or ECONNRESET, nothing received). A browser sends
 * such a request again on a fresh connection; every desk call used here is safe to repeat (accept and
 * messages are idempotent, a repeated close is a 409).
 */
export const connectionRetries = { count: 0 };
const STALE_CONNECTION = new Set(['UND_ERR_SOCKET', 'ECONNRESET']);

export async function http<T = Record<string, unknown>>(
  url: string,
  method: string,
  token: string | null,
  body?: unknown,
): Promise<HttpResult<T>> {
  const started = performance.now();
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const init = { method, headers, body: body === undefined ? undefined : JSON.stringify(body) };
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    if (!code || !STALE_CONNECTION.has(code)) throw error;
    connectionRetries.count++;
    response = await fetch(url, init);
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = { raw: text.slice(0, 200) };
  }
  return { status: response.status, body: parsed as T, ms: performance.now() - started };
}

/** The error code of a desk API refusal, or `HTTP <status>`. */
export function errorCode(result: HttpResult<unknown>): string {
  const code = (result.body as { error?: { code?: string } } | null)?.error?.code;
  return code ?? `HTTP ${result.status}`;
}

/** Runs `fn` over `items` with at most `limit` at a time. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Sockets the server or the network dropped (not closed by the bench), by kind and reason. */
export const dropped = new Map<string, number>();
function count(kind: string, reason: string): void {
  const key = `${kind}: ${reason}`;
  dropped.set(key, (dropped.get(key) ?? 0) + 1);
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

// ─── lean socket.io parser for desk sockets ──────────────────────────────────────────────────────

interface Packet {
  type: number;
  nsp: string;
  id?: number;
  data?: unknown;
}

const QUEUE_EVENT = '2/desk,["queue",';

/** Traffic of the skipped `queue` pushes, over all desk sockets. */
export const queueTraffic = { frames: 0, bytes: 0, largestBytes: 0 };

class LeanEncoder {
  encode(packet: Packet): string[] {
    let text = String(packet.type);
    if (packet.nsp && packet.nsp !== '/') text += `${packet.nsp},`;
    if (packet.id !== undefined) text += String(packet.id);
    if (packet.data !== undefined) text += JSON.stringify(packet.data);
    return [text];
  }
}

class LeanDecoder extends EventEmitter {
  add(chunk: unknown): void {
    if (typeof chunk !== 'string') throw new Error('desk sockets carry no binary packets');
    if (chunk.startsWith(QUEUE_EVENT)) {
      const bytes = Buffer.byteLength(chunk);
      queueTraffic.frames++;
      queueTraffic.bytes += bytes;
      queueTraffic.largestBytes = Math.max(queueTraffic.largestBytes, bytes);
      this.emit('decoded', { type: 2, nsp: '/desk', data: ['queue', { bytes }] });
      return;
    }
    const packet: Packet = { type: Number(chunk[0]), nsp: '/' };
    let i = 1;
    if (chunk[i] === '/') {
      const comma = chunk.indexOf(',', i);
      const end = comma < 0 ? chunk.length : comma;
      packet.nsp = chunk.slice(i, end);
      i = comma < 0 ? end : end + 1;
    }
    let digits = '';
    while (i < chunk.length && chunk[i] >= '0' && chunk[i] <= '9') digits += chunk[i++];
    if (digits) packet.id = Number(digits);
    if (i < chunk.length) packet.data = JSON.parse(chunk.slice(i));
    this.emit('decoded', packet);
  }

  destroy(): void {
    // nothing buffered
  }
}

const LEAN_PARSER = { Encoder: LeanEncoder, Decoder: LeanDecoder };

// ─── sockets ─────────────────────────────────────────────────────────────────────────────────────

export async function connectSocket(
  url: string,
  namespace: '/chat' | '/desk',
  token: string,
): Promise<Socket> {
  // A desk reconnects like the console does (socket.io's default); customers do not need to.
  const desk = namespace === '/desk';
  const socket: Socket = io(`${url}${namespace}`, {
    auth: { token },
    transports: ['websocket'],
    reconnection: desk,
    forceNew: true,
    ...(desk ? { parser: LEAN_PARSER } : {}),
  });
  socket.on('disconnect', (reason) => {
    if (socket.active || reason !== 'io client disconnect') count(desk ? 'desk' : 'customer', reason);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
  return socket;
}

// ─── customers ───────────────────────────────────────────────────────────────────────────────────

export interface Customer {
  readonly conversationId: string;
  readonly socket: Socket;
  /** performance.now() of message:send, its ack, the queue notice (「…排在第N位…」) and the first agent message. */
  sentAt: number;
  ackAt: number;
  noticeAt: number;
  agentAt: number;
  ackSeq: number;
  error: string | null;
}

/** 「已为您接入人工服务队列，您当前排在第N位…」 (standard phrase queue_joined). */
const QUEUE_NOTICE = /人工服务队列|排在第/;

export async function connectCustomer(url: string): Promise<Customer> {
  const session = await http<{ token: string; conversationId: string }>(
    `${url}/api/chat/sessions`,
    'POST',
    null,
    {},
  );
  if (session.status !== 201) throw new Error(`session: HTTP ${session.status}`);
  const socket = await connectSocket(url, '/chat', session.body.token);
  const customer: Customer = {
    conversationId: session.body.conversationId,
    socket,
    sentAt: 0,
    ackAt: 0,
    noticeAt: 0,
    agentAt: 0,
    ackSeq: 0,
    error: null,
  };
  socket.on('message', (message: { role: string; text: string; seq: number }) => {
    if (customer.sentAt === 0) return;
    if (message.role === 'bot' && customer.noticeAt === 0 && QUEUE_NOTICE.test(message.text))
      customer.noticeAt = performance.now();
    if (message.role === 'agent' && customer.agentAt === 0) customer.agentAt = performance.now();
  });
  return customer;
}

/** Sends 「转人工」; resolves with the ack (the customer's message is stored). */
export async function askForHuman(customer: Customer, clientMsgId: string): Promise<void> {
  customer.sentAt = performance.now();
  try {
    const ack = (await customer.socket.timeout(180_000).emitWithAck('message:send', {
      clientMsgId,
      text: '转人工',
    })) as { seq?: number; error?: { code: string } };
    if (ack.seq === undefined) customer.error = ack.error?.code ?? 'no seq in ack';
    else customer.ackSeq = ack.seq;
  } catch (error) {
    customer.error = (error as Error).message;
  }
  customer.ackAt = performance.now();
}

// ─── agents ──────────────────────────────────────────────────────────────────────────────────────

export interface Agent {
  readonly username: string;
  readonly token: string;
  readonly socket: Socket;
}

export async function loginAgent(url: string, username: string, password: string): Promise<Agent> {
  const login = await http<{ token: string }>(`${url}/api/auth/login`, 'POST', null, { username, password });
  if (login.status !== 200) throw new Error(`login ${username}: ${errorCode(login)}`);
  const socket = await connectSocket(url, '/desk', login.body.token);
  return { username, token: login.body.token, socket };
}

export async function setPresence(agent: Agent, status: 'online' | 'away' | 'offline'): Promise<void> {
  const ack = (await agent.socket.timeout(60_000).emitWithAck('presence:set', { status })) as {
    status?: string;
    error?: { code: string };
  };
  if (ack.status !== status) throw new Error(`presence ${agent.username}: ${JSON.stringify(ack)}`);
}
