export { OfflineResponder, type OfflineResponderOptions } from './offline/offline-responder.engine';
export { AgentModule } from './agent.module';
