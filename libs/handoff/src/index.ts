export { HandoffModule, HANDOFF_TICK_MS } from './handoff.module';
export { HandoffException, type HandoffErrorCode } from './handoff.exception';
export { HandoffService, type HandoffServiceParts, timersOf } from './application/handoff.service';
export { DeskService, type DeskDetail, type DeskServiceParts } from './application/desk.service';
export { DeskNotifier, type DeskPush } from './application/desk-notifier.port';
export {
  HandoffStore,
  TICKET_REASONS,
  type ActiveConversation,
  type NewTicket,
  type Ticket,
  type TicketReason,
} from './application/handoff.store.port';
export { PostgresHandoffStore } from './infrastructure/postgres-handoff.store';
export { DeskEngine } from './engine/desk.engine';
export { compareEntries } from './engine/queue-order';
export { pickAgent, type RoutingCandidate } from './engine/routing.policy';
export { estimateWaitMinutes, HandleTimeAverage } from './engine/wait-estimate';
export { checkDraft, type DraftWarning } from './engine/draft-check';
export { summarizeEscalation, type EscalationSummary } from './engine/escalation-summary';
export {
  ASSIGNMENT_MODES,
  PRESENCES,
  type AgentStatus,
  type AssignmentMode,
  type DeskAgent,
  type DeskTimers,
  type Offer,
  type PositionUpdate,
  type Presence,
  type QueueEntry,
  type TickResult,
} from './engine/desk.types';
