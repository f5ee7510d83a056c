export {
  bandOf,
  OfflineResponder,
  type OfflineResponderOptions,
  type RetrievalBand,
} from './offline/offline-responder.engine';
export { AgentModule } from './agent.module';
