export { ChannelsModule } from './channels.module';
export { ChannelException, type ChannelErrorCode } from './channel.exception';
export { type AppLoginClaims, AppLoginVerifier } from './web/app-login.verifier';
export { ChatTokenSigner, type ChatTokenClaims } from './web/chat-token.signer';
export { WEB_CHAT_CAPABILITIES } from './web/web-chat.capabilities';
export type { MessageDto } from './web/message.dto';
export type { ChatSessionResponse } from './web/chat-session.controller';
export type { EndAck, HistoryAck, SendAck } from './web/web-chat.gateway';
