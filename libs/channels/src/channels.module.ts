import { AppConfig } from '@anxin/common';
import { Module } from '@nestjs/common';
import { AppLoginVerifier } from './web/app-login.verifier';
import { ChatSessionController } from './web/chat-session.controller';
import { ChatTokenSigner } from './web/chat-token.signer';
import { WebChatGateway } from './web/web-chat.gateway';

/** Channel adapters. Today: the web chat (HTTP session + socket.io). WeChat and app follow. */
@Module({
  controllers: [ChatSessionController],
  providers: [
    {
      provide: ChatTokenSigner,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        new ChatTokenSigner(config.chat.tokenSecret, config.chat.tokenTtlSeconds),
    },
    {
      provide: AppLoginVerifier,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new AppLoginVerifier(config.chat.appLoginSecret),
    },
    WebChatGateway,
  ],
})
export class ChannelsModule {}
