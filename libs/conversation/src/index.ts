export type {
  BotTurn,
  TranscriptEvent,
  ChannelKind,
  Citation,
  Conversation,
  ConversationState,
  InboundMessage,
  Message,
  MessageRole,
  NewMessage,
} from './domain/conversation.types';
export type {
  ConversationEvent,
  ConversationEventOf,
  ConversationEventType,
} from './domain/conversation.events';
export { ConversationException, type ConversationErrorCode } from './domain/conversation.exception';
export { canTransition, nextState, type ConversationTransition } from './domain/conversation-state.machine';
export {
  CSAT_COMMENT_MAX_LENGTH,
  CSAT_INVITATION_EVENT,
  CSAT_SCALE,
  csatStatusOf,
  type CsatRating,
  type CsatStatus,
  offersCsat,
} from './domain/csat.policy';
export {
  ConversationRepository,
  type AppendResult,
  type CsatInvitation,
  type CsatSubmission,
  type Routing,
  type StateChange,
} from './ports/conversation.repository.port';
export { HumanDesk } from './ports/human-desk.port';
export { EventBus, type EventHandler } from './ports/event-bus.port';
export {
  type LoginInput,
  Responder,
  type ResponderInput,
  type TurnProgress,
  type VerifiedLogin,
} from './ports/responder.port';
export {
  type AgentMessage,
  ConversationService,
  HANDBACK_EVENT,
  HISTORY_PAGE_MAX,
  type ReceiveResult,
  type SessionResult,
  type TransitionOptions,
  UNUSED_CLOSE_REASON,
} from './application/conversation.service';
export { ConversationModule, type ConversationModuleOptions } from './conversation.module';
