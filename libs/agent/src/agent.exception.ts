import { AppException, type ErrorKind } from '@anxin/common';

export type AgentErrorCode =
  | 'AGENT.LLM_TIMEOUT'
  | 'AGENT.LLM_RATE_LIMITED'
  | 'AGENT.LLM_UNAVAILABLE'
  | 'AGENT.LLM_REFUSED'
  | 'AGENT.LLM_BAD_OUTPUT'
  | 'AGENT.CIRCUIT_OPEN'
  | 'AGENT.TOOL_UNKNOWN'
  | 'AGENT.TOOL_ARGUMENTS_INVALID';

const KIND: Record<AgentErrorCode, ErrorKind> = {
  'AGENT.LLM_TIMEOUT': 'unavailable',
  'AGENT.LLM_RATE_LIMITED': 'rate_limited',
  'AGENT.LLM_UNAVAILABLE': 'unavailable',
  'AGENT.LLM_REFUSED': 'internal',
  'AGENT.LLM_BAD_OUTPUT': 'unavailable',
  'AGENT.CIRCUIT_OPEN': 'unavailable',
  'AGENT.TOOL_UNKNOWN': 'invalid_input',
  'AGENT.TOOL_ARGUMENTS_INVALID': 'invalid_input',
};

/** Codes whose failure is worth one retry (transient on the provider's side). */
export const RETRYABLE: ReadonlySet<AgentErrorCode> = new Set([
  'AGENT.LLM_TIMEOUT',
  'AGENT.LLM_RATE_LIMITED',
  'AGENT.LLM_UNAVAILABLE',
  'AGENT.LLM_BAD_OUTPUT',
]);

/**
 * Failures of the agent's own dependencies. None reaches a customer: the responder catches them
 * and degrades (retry, offline responder, standard phrase). LLM_REFUSED: the endpoint rejected
 * the request itself (bad key, unknown model, unsupported parameter): retrying will not help.
 */
export class AgentException extends AppException<AgentErrorCode> {
  constructor(code: AgentErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, KIND[code], message, details);
  }
}
