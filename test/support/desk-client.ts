import { io, type Socket } from 'socket.io-client';

export interface DeskEvent {
  readonly name: string;
  readonly payload: Record<string, unknown>;
}

/** A connected socket.io client on /desk that records every event it receives. */
export interface DeskClient {
  readonly socket: Socket;
  readonly events: DeskEvent[];
  call<T = unknown>(event: string, payload: unknown): Promise<T>;
  waitFor(
    name: string,
    predicate?: (payload: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  close(): void;
}

export function connectDesk(baseUrl: string, token: unknown): Promise<DeskClient> {
  const socket = io(`${baseUrl}/desk`, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  const events: DeskEvent[] = [];
  const waiters: {
    name: string;
    predicate: (p: Record<string, unknown>) => boolean;
    resolve: (p: Record<string, unknown>) => void;
  }[] = [];
  socket.onAny((name: string, payload: Record<string, unknown>) => {
    events.push({ name, payload });
    for (const waiter of [...waiters])
      if (waiter.name === name && waiter.predicate(payload)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(payload);
      }
  });
  const client: DeskClient = {
    socket,
    events,
    call: <T>(event: string, payload: unknown) =>
      socket.timeout(5000).emitWithAck(event, payload) as Promise<T>,
    waitFor: (name, predicate = () => true, timeoutMs = 5000) => {
      const seen = events.find((e) => e.name === name && predicate(e.payload));
      if (seen) return Promise.resolve(seen.payload);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`timed out waiting for desk event ${name}`)),
          timeoutMs,
        );
        waiters.push({ name, predicate, resolve: (p) => (clearTimeout(timer), resolve(p)) });
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
