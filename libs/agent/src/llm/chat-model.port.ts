/** A tool call the model asked for; `arguments` is the model's raw JSON text (never trusted). */
export interface ToolCall {
  readonly id: string;
  readonly name: string;
  readonly arguments: string;
}

export type ChatMessage =
  | { readonly role: 'system' | 'user'; readonly content: string }
  | { readonly role: 'assistant'; readonly content: string; readonly toolCalls?: readonly ToolCall[] }
  | { readonly role: 'tool'; readonly toolCallId: string; readonly content: string };

/** A function the model may call (OpenAI `tools` format: JSON Schema parameters). */
export interface ToolSpec {
  readonly name: string;
  readonly description: string;
  readonly parameters: Readonly<Record<string, unknown>>;
}

export interface ChatRequest {
  readonly messages: readonly ChatMessage[];
  /** Offered through the standard `tools` field. */
  readonly tools?: readonly ToolSpec[];
  /** Ask for a JSON object (`response_format: json_object`). */
  readonly jsonObject: boolean;
  /** Stream the content; called with each new piece of text as it arrives. */
  readonly onContent?: (piece: string) => void;
}

export interface ChatCompletion {
  readonly content: string;
  readonly toolCalls: readonly ToolCall[];
  /** The model that answered, as the endpoint reports it. */
  readonly model: string;
}

/**
 * An OpenAI-compatible chat model. Adapters throw AgentException (LLM_TIMEOUT, LLM_RATE_LIMITED,
 * LLM_UNAVAILABLE, LLM_REFUSED) and never anything else.
 */
export abstract class ChatModel {
  abstract readonly model: string;
  abstract complete(request: ChatRequest): Promise<ChatCompletion>;
}
