import { randomUUID } from 'node:crypto';
import { Clock } from '@anxin/common';
import { ConversationService } from '@anxin/conversation';
import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ChatTokenSigner } from './chat-token.signer';
import { WEB_CHAT_CAPABILITIES } from './web-chat.capabilities';
import { parsePayload, sessionRequestSchema } from './web-chat.schemas';

export interface ChatSessionResponse {
  readonly token: string;
  readonly visitorId: string;
  readonly customerId: string;
  readonly conversationId: string;
}

@Controller('api/chat')
export class ChatSessionController {
  constructor(
    @Inject(ConversationService) private readonly conversations: ConversationService,
    @Inject(ChatTokenSigner) private readonly tokens: ChatTokenSigner,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** Starts a web chat, or resumes the visitor's open conversation when visitorId is known. */
  @Post('sessions')
  @HttpCode(201)
  async createSession(@Body() body: unknown): Promise<ChatSessionResponse> {
    const request = parsePayload(sessionRequestSchema, body);
    const visitorId = request.visitorId ?? randomUUID();
    const session = await this.conversations.startOrResume(WEB_CHAT_CAPABILITIES.channel, visitorId);
    return {
      token: this.tokens.sign({ sub: session.customerId, vid: visitorId }, this.clock.now().getTime()),
      visitorId,
      customerId: session.customerId,
      conversationId: session.conversation.id,
    };
  }
}
