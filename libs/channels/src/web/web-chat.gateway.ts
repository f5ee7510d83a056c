import {
  AppConfig,
  Clock,
  CorrelationContext,
  LOGGER,
  type Logger,
  mapError,
  type ErrorBody,
} from '@anxin/common';
import {
  CSAT_INVITATION_EVENT,
  type ConversationEvent,
  ConversationService,
  type CsatStatus,
  csatStatusOf,
  EventBus,
} from '@anxin/conversation';
import { KnowledgeService } from '@anxin/knowledge';
import { Inject, type OnApplicationShutdown, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayConnection,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { ChatTokenSigner } from './chat-token.signer';
import { type CsatSubmitAck, toCsatInvite } from './csat.dto';
import { FloodGuard } from './flood-guard';
import { type MessageDto, toMessageDto } from './message.dto';
import { ChannelException } from '../channel.exception';
import { WEB_CHAT_CAPABILITIES } from './web-chat.capabilities';
import {
  csatSubmitSchema,
  historySchema,
  messageSendSchema,
  normaliseComment,
  normaliseText,
  parsePayload,
} from './web-chat.schemas';

interface SocketState {
  customerId: string;
  visitorId: string;
  guard: FloodGuard;
}

type Ack<T> = T | { error: ErrorBody };

export interface SendAck {
  readonly messageId: string;
  readonly seq: number;
  readonly conversationId: string;
  readonly duplicate: boolean;
}

export interface EndAck {
  /** The conversation that was closed; null when none was open. */
  readonly conversationId: string | null;
  readonly closed: boolean;
  /**
   * The satisfaction survey of the closed conversation: 'invited' (show the rating form; the
   * `csat:invite` event carries its texts), 'not_offered' (none, also when nothing was closed).
   */
  readonly csat: CsatStatus;
}

export interface HistoryAck {
  readonly conversationId: string;
  readonly messages: MessageDto[];
}

const roomOf = (customerId: string): string => `customer:${customerId}`;

/**
 * The customer web chat over socket.io (namespace /chat), documented in docs/api/web-chat.md.
 * A message is acknowledged only after it is stored; bot and agent replies arrive as `message`.
 */
@WebSocketGateway({ namespace: '/chat', maxHttpBufferSize: 64 * 1024, cors: { origin: true } })
export class WebChatGateway
  implements OnGatewayInit, OnGatewayConnection, OnModuleInit, OnModuleDestroy, OnApplicationShutdown
{
  @WebSocketServer()
  private readonly namespace: Namespace;
  private readonly unsubscribe: (() => void)[] = [];
  /** Set when shutdown begins: new messages are refused so none is accepted after the bot drains. */
  private closing = false;

  constructor(
    @Inject(ConversationService) private readonly conversations: ConversationService,
    @Inject(EventBus) private readonly events: EventBus,
    @Inject(ChatTokenSigner) private readonly tokens: ChatTokenSigner,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(KnowledgeService) private readonly knowledge: KnowledgeService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    const mine = (event: ConversationEvent): boolean =>
      event.conversation.channel === WEB_CHAT_CAPABILITIES.channel;
    const room = (event: ConversationEvent) => this.namespace.to(roomOf(event.conversation.customerId));
    const forward = (event: ConversationEvent & { type: 'message.received' | 'message.sent' }): void => {
      // System events (kyc_passed, handoff_requested…) are for reviewers, never shown to customers.
      if (mine(event) && event.message.role !== 'system')
        room(event).emit('message', toMessageDto(event.message));
    };
    this.unsubscribe.push(
      this.events.subscribe('message.received', forward),
      this.events.subscribe('message.sent', forward),
      // The core records the invitation to rate as a system event; the widget shows its form.
      this.events.subscribe('message.sent', (event) => {
        if (
          mine(event) &&
          event.message.role === 'system' &&
          event.message.payload.event === CSAT_INVITATION_EVENT
        )
          room(event).emit(
            'csat:invite',
            toCsatInvite(event.conversation.id, this.knowledge.current.phrases),
          );
      }),
      this.events.subscribe('bot.typing', (event) => {
        if (mine(event)) room(event).emit('typing', { conversationId: event.conversation.id });
      }),
      this.events.subscribe('bot.delta', (event) => {
        if (mine(event))
          room(event).emit('message:delta', {
            conversationId: event.conversation.id,
            draftId: event.draftId,
            text: event.text,
          });
      }),
    );
  }

  /** First shutdown step (before the bot drains its turns in beforeApplicationShutdown). */
  onModuleDestroy(): void {
    this.closing = true;
  }

  /** After the bot has drained its turns (beforeApplicationShutdown), so late replies still go out. */
  onApplicationShutdown(): void {
    this.unsubscribe.forEach((off) => off());
  }

  /** Refuses a connection without a valid token before any handler runs (client: connect_error). */
  afterInit(namespace: Namespace): void {
    namespace.use((socket, next) => {
      try {
        const claims = this.tokens.verify(
          (socket.handshake.auth as { token?: unknown }).token,
          this.clock.now().getTime(),
        );
        const state: SocketState = {
          customerId: claims.sub,
          visitorId: claims.vid,
          guard: new FloodGuard(this.config.chat.maxMessagesPerSecond),
        };
        socket.data = state;
        next();
      } catch (error) {
        const mapped = mapError(error);
        if (mapped.unexpected)
          this.logger.error({ err: error, errorId: mapped.body.errorId }, 'socket auth failed');
        const refusal = new Error(mapped.body.message) as Error & { data: ErrorBody };
        refusal.data = mapped.body;
        next(refusal);
      }
    });
  }

  async handleConnection(socket: Socket): Promise<void> {
    const state = socket.data as SocketState;
    await socket.join(roomOf(state.customerId));
  }

  @SubscribeMessage('message:send')
  onSend(@ConnectedSocket() socket: Socket, @MessageBody() payload: unknown): Promise<Ack<SendAck>> {
    return this.handle(socket, 'message:send', async (state) => {
      if (this.closing) throw new ChannelException('CHANNEL.UNAVAILABLE', '系统正在维护，请稍后重新发送');
      const request = parsePayload(messageSendSchema, payload);
      const text = normaliseText(request.text);
      const result = await this.conversations.receive({
        channel: WEB_CHAT_CAPABILITIES.channel,
        externalUserId: state.visitorId,
        channelMessageId: `${state.visitorId}:${request.clientMsgId}`,
        text,
      });
      return {
        messageId: result.message.id,
        seq: result.message.seq,
        conversationId: result.conversation.id,
        duplicate: result.duplicate,
      };
    });
  }

  /** The customer ends the chat; the next message starts a new conversation. */
  @SubscribeMessage('conversation:end')
  onEnd(@ConnectedSocket() socket: Socket): Promise<Ack<EndAck>> {
    return this.handle(socket, 'conversation:end', async (state) => {
      // The standard closing line first, so a chat the customer ends is closed like any other (CS-22).
      const closed = await this.conversations.endByCustomer(
        WEB_CHAT_CAPABILITIES.channel,
        state.visitorId,
        this.knowledge.current.phrases.phrase('closing'),
      );
      return {
        conversationId: closed?.id ?? null,
        closed: closed !== null,
        csat: closed ? csatStatusOf(closed) : 'not_offered',
      };
    });
  }

  /** The customer rates a closed conversation they were invited to rate (once). */
  @SubscribeMessage('csat:submit')
  onCsatSubmit(
    @ConnectedSocket() socket: Socket,
    @MessageBody() payload: unknown,
  ): Promise<Ack<CsatSubmitAck>> {
    return this.handle(socket, 'csat:submit', async (state) => {
      const request = parsePayload(csatSubmitSchema, payload);
      const comment = normaliseComment(request.comment);
      const rated = await this.conversations.rateByCustomer(
        WEB_CHAT_CAPABILITIES.channel,
        state.visitorId,
        request.conversationId,
        { score: request.score, comment },
      );
      return { conversationId: rated.id, score: request.score, accepted: true };
    });
  }

  @SubscribeMessage('history')
  onHistory(@ConnectedSocket() socket: Socket, @MessageBody() payload: unknown): Promise<Ack<HistoryAck>> {
    return this.handle(socket, 'history', async (state) => {
      const request = parsePayload(historySchema, payload);
      const { conversation } = await this.conversations.startOrResume(
        WEB_CHAT_CAPABILITIES.channel,
        state.visitorId,
      );
      const messages = await this.conversations.history(conversation.id, request.afterSeq, request.limit);
      return {
        conversationId: conversation.id,
        messages: messages.filter((m) => m.role !== 'system').map(toMessageDto),
      };
    });
  }

  /** Every client event: flood guard, correlation id, and errors mapped to an error ack. */
  private handle<T>(
    socket: Socket,
    event: string,
    work: (state: SocketState) => Promise<T>,
  ): Promise<Ack<T>> {
    return CorrelationContext.run(undefined, async () => {
      const state = socket.data as SocketState;
      try {
        if (!state.guard.tryAcquire(this.clock.now().getTime())) {
          throw new ChannelException('CHANNEL.RATE_LIMITED', '您发送得太快了，请稍后再试');
        }
        return await work(state);
      } catch (error) {
        const mapped = mapError(error);
        if (mapped.unexpected)
          this.logger.error({ err: error, event, errorId: mapped.body.errorId }, 'socket event failed');
        else this.logger.info({ event, code: mapped.body.code }, 'socket event refused');
        return { error: mapped.body };
      }
    });
  }
}
