import { randomUUID } from 'node:crypto';
import { Clock } from '@anxin/common';
import { ConversationService } from '@anxin/conversation';
import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { AppLoginVerifier } from './app-login.verifier';
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
    @Inject(AppLoginVerifier) private readonly appLogins: AppLoginVerifier,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /**
   * Starts a web chat, or resumes the visitor's open conversation when visitorId is known. With
   * `appLogin` (a ticket from the insurer's app) the customer counts as verified.
   */
  @Post('sessions')
  @HttpCode(201)
  async createSession(@Body() body: unknown): Promise<ChatSessionResponse> {
    const request = parsePayload(sessionRequestSchema, body);
    const claims = request.appLogin
      ? this.appLogins.verify(request.appLogin, this.clock.now().getTime())
      : null;
    const visitorId = request.visitorId ?? randomUUID();
    const session = await this.conversations.startOrResume(
      WEB_CHAT_CAPABILITIES.channel,
      visitorId,
      claims ? { customerRef: claims.ref, name: claims.name, method: 'app_login' } : undefined,
    );
    return {
      token: this.tokens.sign({ sub: session.customerId, vid: visitorId }, this.clock.now().getTime()),
      visitorId,
      customerId: session.customerId,
      conversationId: session.conversation.id,
    };
  }
}
