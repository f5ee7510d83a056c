import type { Namespace } from 'socket.io';
import { DeskNotifier, type DeskPush } from '../application/desk-notifier.port';

/** Room of every desk socket; of one agent's sockets; of the desks following a conversation. */
export const DESK_ROOM = 'desk';
export const agentRoom = (agentId: string): string => `agent:${agentId}`;
export const conversationRoom = (conversationId: string): string => `conversation:${conversationId}`;

/** Queue snapshots go out at most this often, however busy the queue. */
const QUEUE_PUSH_MS = 250;

/**
 * DeskNotifier over the socket.io namespace /desk. The gateway binds the namespace and the queue
 * snapshot when it starts; before that (and after shutdown) pushes are dropped: desks re-read the
 * state over HTTP when they (re)connect.
 */
export class SocketDeskNotifier extends DeskNotifier {
  private namespace: Namespace | null = null;
  private snapshot: (() => unknown) | null = null;
  private queueTimer: NodeJS.Timeout | null = null;

  bind(namespace: Namespace, snapshot: () => unknown): void {
    this.namespace = namespace;
    this.snapshot = snapshot;
  }

  unbind(): void {
    if (this.queueTimer) clearTimeout(this.queueTimer);
    this.queueTimer = null;
    this.namespace = null;
  }

  queueChanged(): void {
    if (!this.namespace || this.queueTimer) return;
    this.queueTimer = setTimeout(() => {
      this.queueTimer = null;
      if (this.namespace && this.snapshot) this.namespace.to(DESK_ROOM).emit('queue', this.snapshot());
    }, QUEUE_PUSH_MS);
    this.queueTimer.unref();
  }

  toAgent(agentId: string, push: DeskPush): void {
    const { type, ...payload } = push;
    this.namespace?.to(agentRoom(agentId)).emit(type, payload);
  }

  follow(agentId: string, conversationId: string): void {
    this.namespace?.in(agentRoom(agentId)).socketsJoin(conversationRoom(conversationId));
  }

  unfollow(agentId: string, conversationId: string): void {
    this.namespace?.in(agentRoom(agentId)).socketsLeave(conversationRoom(conversationId));
  }

  narrow(conversationId: string, holderId: string | null): void {
    const namespace = this.namespace;
    if (!namespace) return;
    void namespace
      .in(conversationRoom(conversationId))
      .fetchSockets()
      .then((sockets) => {
        for (const socket of sockets) {
          const data = socket.data as { userId?: string; supervisor?: boolean };
          if (data.supervisor || (holderId !== null && data.userId === holderId)) continue;
          socket.leave(conversationRoom(conversationId));
        }
      });
  }
}
