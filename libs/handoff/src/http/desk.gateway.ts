import { Clock, CorrelationContext, type ErrorBody, LOGGER, type Logger, mapError } from '@anxin/common';
import { type ConversationEvent, ConversationService, EventBus } from '@anxin/conversation';
import { StaffAuth, StaffException, type StaffUser } from '@anxin/staff';
import { Inject, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { z } from 'zod';
import { DESK_ROLES, supervises } from '../application/desk-agent';
import { parseDeskInput } from '../application/desk-input.schemas';
import { DeskService } from '../application/desk.service';
import { toDeskMessage } from '../application/desk.views';
import { HandoffService } from '../application/handoff.service';
import { HandoffException } from '../handoff.exception';
import { agentRoom, conversationRoom, DESK_ROOM, SocketDeskNotifier } from './socket-desk.notifier';

interface DeskSocketState {
  userId: string;
  token: unknown;
  /** Supervisors and admins may follow any conversation. */
  supervisor: boolean;
}

type Ack<T> = T | { error: ErrorBody };

/** How often connected desks are re-checked (a disabled account loses its socket within this). */
const SWEEP_MS = 15_000;

const watchSchema = z.strictObject({ conversationId: z.string('必须是文本').uuid('须为会话编号') });

/**
 * The desk's real-time side (namespace /desk, docs/api/desk.md): a staff token of a desk role in
 * `auth.token`; pushes queue snapshots, offers, assignments, presence and the messages of the
 * conversations the desk follows (its own chats, and any a supervisor watches).
 */
@WebSocketGateway({ namespace: '/desk', maxHttpBufferSize: 64 * 1024, cors: { origin: true } })
export class DeskGateway
  implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleInit, OnApplicationShutdown
{
  @WebSocketServer()
  private readonly namespace: Namespace;
  private readonly unsubscribe: (() => void)[] = [];
  private sweeper: NodeJS.Timeout | null = null;

  constructor(
    @Inject(StaffAuth) private readonly auth: StaffAuth,
    @Inject(DeskService) private readonly desk: DeskService,
    @Inject(HandoffService) private readonly handoff: HandoffService,
    @Inject(SocketDeskNotifier) private readonly notifier: SocketDeskNotifier,
    @Inject(ConversationService) private readonly conversations: ConversationService,
    @Inject(EventBus) private readonly events: EventBus,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    const forward = (event: ConversationEvent & { type: 'message.received' | 'message.sent' }): void => {
      void this.deliver(event.conversation.id, {
        conversationId: event.conversation.id,
        message: toDeskMessage(event.message),
      }).catch((error: unknown) => this.logger.error({ err: error }, 'desk message push failed'));
    };
    this.unsubscribe.push(
      this.events.subscribe('message.received', forward),
      this.events.subscribe('message.sent', forward),
    );
    this.sweeper = setInterval(() => {
      this.sweep().catch((error: unknown) => this.logger.error({ err: error }, 'desk socket sweep failed'));
    }, SWEEP_MS);
    this.sweeper.unref();
  }

  onApplicationShutdown(): void {
    this.unsubscribe.splice(0).forEach((off) => off());
    if (this.sweeper) clearInterval(this.sweeper);
    this.notifier.unbind();
  }

  /**
   * A conversation's messages go only to desks whose account still holds (customer messages are
   * personal data): each recipient's account is re-read, as every HTTP request re-reads it, so a
   * disabled account receives nothing more, and its socket is closed.
   */
  private async deliver(conversationId: string, payload: Record<string, unknown>): Promise<void> {
    if (!this.namespace) return;
    const sockets = await this.namespace.in(conversationRoom(conversationId)).fetchSockets();
    const checks = new Map<string, Promise<boolean>>();
    for (const socket of sockets) {
      const state = socket.data as DeskSocketState;
      let check = checks.get(state.userId);
      if (!check) {
        check = this.verify(state.token).then(
          (user) => user.id === state.userId,
          () => false,
        );
        checks.set(state.userId, check);
      }
      if (await check) socket.emit('message', payload);
      else socket.disconnect(true);
    }
  }

  /** Closes the sockets of accounts disabled or changed since they connected, and takes them off the queue. */
  private async sweep(): Promise<void> {
    if (!this.namespace) return;
    for (const socket of await this.namespace.fetchSockets()) {
      const state = socket.data as DeskSocketState;
      const valid = await this.verify(state.token).then(
        (user) => user.id === state.userId,
        () => false,
      );
      if (valid) continue;
      socket.disconnect(true);
      this.handoff.engine.setPresence(state.userId, 'offline', this.clock.now().getTime());
    }
  }

  /** Refuses a connection without a valid staff token of a desk role before any handler runs. */
  afterInit(namespace: Namespace): void {
    this.notifier.bind(namespace, () => this.desk.queue());
    namespace.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: unknown }).token;
      this.verify(token)
        .then((user) => {
          const state: DeskSocketState = { userId: user.id, token, supervisor: supervises(user) };
          socket.data = state;
          next();
        })
        .catch((error: unknown) => {
          const mapped = mapError(error);
          if (mapped.unexpected)
            this.logger.error({ err: error, errorId: mapped.body.errorId }, 'desk socket auth failed');
          const refusal = new Error(mapped.body.message) as Error & { data: ErrorBody };
          refusal.data = mapped.body;
          next(refusal);
        });
    });
  }

  async handleConnection(socket: Socket): Promise<void> {
    const { userId } = socket.data as DeskSocketState;
    const user = await this.verify((socket.data as DeskSocketState).token).catch(() => null);
    if (!user || user.id !== userId) {
      socket.disconnect(true);
      return;
    }
    this.handoff.register(user);
    this.handoff.engine.connected(user.id);
    await socket.join([DESK_ROOM, agentRoom(user.id)]);
    await socket.join(this.handoff.engine.activeOf(user.id).map(conversationRoom));
    socket.emit('queue', this.desk.queue());
    this.handoff.pushPresence(user.id);
  }

  handleDisconnect(socket: Socket): void {
    const state = socket.data as DeskSocketState | undefined;
    if (state?.userId) this.handoff.engine.disconnected(state.userId, this.clock.now().getTime());
  }

  @SubscribeMessage('presence:set')
  onPresence(@ConnectedSocket() socket: Socket, @MessageBody() payload: unknown): Promise<Ack<unknown>> {
    return this.handle(socket, 'presence:set', (user) => this.desk.setPresence(user, payload));
  }

  /** Follow a conversation's messages live: supervisors any, agents their own or a waiting one. */
  @SubscribeMessage('watch')
  onWatch(@ConnectedSocket() socket: Socket, @MessageBody() payload: unknown): Promise<Ack<unknown>> {
    return this.handle(socket, 'watch', async (user) => {
      const { conversationId } = parseDeskInput(watchSchema, payload);
      const conversation = await this.conversations.getConversation(conversationId).catch(() => null);
      if (!conversation) throw new HandoffException('HANDOFF.NOT_FOUND', '会话不存在', { conversationId });
      const allowed =
        supervises(user) || conversation.state === 'queued' || conversation.assignedAgentId === user.id;
      if (!allowed)
        throw new HandoffException('HANDOFF.NOT_ASSIGNED', '该会话未分配给您', { conversationId });
      await socket.join(conversationRoom(conversationId));
      return { conversationId, watching: true };
    });
  }

  @SubscribeMessage('unwatch')
  onUnwatch(@ConnectedSocket() socket: Socket, @MessageBody() payload: unknown): Promise<Ack<unknown>> {
    return this.handle(socket, 'unwatch', async (user) => {
      const { conversationId } = parseDeskInput(watchSchema, payload);
      if (this.handoff.engine.activeOf(user.id).includes(conversationId))
        return { conversationId, watching: true };
      await socket.leave(conversationRoom(conversationId));
      return { conversationId, watching: false };
    });
  }

  /** Every client event re-checks the account (disabled or changed accounts lose the desk at once). */
  private handle<T>(socket: Socket, event: string, work: (user: StaffUser) => Promise<T>): Promise<Ack<T>> {
    return CorrelationContext.run(undefined, async () => {
      try {
        const user = await this.verify((socket.data as DeskSocketState).token);
        return await work(user);
      } catch (error) {
        const mapped = mapError(error);
        if (mapped.unexpected)
          this.logger.error({ err: error, event, errorId: mapped.body.errorId }, 'desk socket event failed');
        // The ack goes out first; then a desk whose login no longer holds is let go.
        if (mapped.body.code === 'STAFF.UNAUTHENTICATED') setImmediate(() => socket.disconnect(true));
        return { error: mapped.body };
      }
    });
  }

  private async verify(token: unknown): Promise<StaffUser> {
    const user = await this.auth.verifySocket(token);
    if (!(DESK_ROLES as readonly string[]).includes(user.role))
      throw new StaffException('STAFF.FORBIDDEN', '当前账号无权使用坐席工作台', {
        required: [...DESK_ROLES],
      });
    return user;
  }
}
