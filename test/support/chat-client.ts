import { io, type Socket } from 'socket.io-client';

export interface Session {
  token: string;
  visitorId: string;
  customerId: string;
  conversationId: string;
}

export interface WireMessage {
  id: string;
  conversationId: string;
  seq: number;
  role: string;
  text: string;
  citations: { scriptId: string; version: number; title: string }[];
  quickReplies: string[];
  createdAt: string;
}

export async function createSession(baseUrl: string, body: unknown = {}): Promise<Session> {
  const response = await fetch(`${baseUrl}/api/chat/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`session: ${response.status} ${await response.text()}`);
  return (await response.json()) as Session;
}

/** A connected socket.io client on /chat that records every `message` event it receives. */
export interface ChatClient {
  readonly socket: Socket;
  readonly received: WireMessage[];
  call<T = unknown>(event: string, payload: unknown): Promise<T>;
  waitForMessage(predicate: (m: WireMessage) => boolean, timeoutMs?: number): Promise<WireMessage>;
  close(): void;
}

export function connectChat(baseUrl: string, token: unknown): Promise<ChatClient> {
  const socket = io(`${baseUrl}/chat`, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  const received: WireMessage[] = [];
  const waiters: { predicate: (m: WireMessage) => boolean; resolve: (m: WireMessage) => void }[] = [];
  socket.on('message', (message: WireMessage) => {
    received.push(message);
    for (const waiter of [...waiters]) {
      if (waiter.predicate(message)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(message);
      }
    }
  });
  const client: ChatClient = {
    socket,
    received,
    call: <T>(event: string, payload: unknown) =>
      socket.timeout(5000).emitWithAck(event, payload) as Promise<T>,
    waitForMessage: (predicate, timeoutMs = 5000) => {
      const seen = received.find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('timed out waiting for a message')), timeoutMs);
        waiters.push({ predicate, resolve: (m) => (clearTimeout(timer), resolve(m)) });
      });
    },
    close: () => socket.close(),
  };
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(client));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}
