export { AgentModule, type AgentContent, loadAgentContent } from './agent.module';
export { AgentResponder, type AgentResponderParts } from './agent.responder';
export { AgentException, type AgentErrorCode } from './agent.exception';
export {
  bandOf,
  OfflineResponder,
  type OfflineResponderOptions,
  type RetrievalBand,
} from './offline/offline-responder.engine';
export { FlowDefinitions } from './flows/flow-definition.loader';
export { FlowEngine } from './flows/flow.engine';
export * from './insurance/insurance-core.port';
export { DemoInsuranceCore } from './insurance/demo-insurance-core.adapter';
export { ChatModel, type ChatCompletion, type ChatMessage, type ChatRequest } from './llm/chat-model.port';
export { OpenAiChatModel } from './llm/openai-chat.model';
export { DEFAULT_RESILIENCE, ResilientChatModel, type ResilienceOptions } from './llm/resilient-chat.model';
export { LlmAgent } from './llm/llm-agent.engine';
export { extractObject } from './llm/agent-output.parser';
export { PiiVault } from './guardrails/pii-vault';
export { PromptLibrary } from './prompts';
