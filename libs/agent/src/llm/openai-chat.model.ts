import type { LlmConfig } from '@anxin/common';
import OpenAI from 'openai';
import type {
  ChatCompletionCreateParamsBase,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import { AgentException } from '../agent.exception';
import {
  type ChatCompletion,
  ChatModel,
  type ChatMessage,
  type ChatRequest,
  type ToolCall,
} from './chat-model.port';

/**
 * Any OpenAI-compatible `/chat/completions` endpoint (OpenAI, Azure-style gateways, DashScope
 * compatible mode, DeepSeek, vLLM, Ollama) through the official client. Retries are ours
 * (ResilientChatModel), so the client's own are off.
 */
export class OpenAiChatModel extends ChatModel {
  readonly model: string;
  private readonly client: OpenAI;

  constructor(private readonly config: LlmConfig) {
    super();
    this.model = config.model;
    this.client = new OpenAI({
      baseURL: config.baseUrl,
      // The client insists on a key; local servers ignore it.
      apiKey: config.apiKey ?? 'unused',
      timeout: config.timeoutMs,
      maxRetries: 0,
    });
  }

  async complete(request: ChatRequest): Promise<ChatCompletion> {
    const body: ChatCompletionCreateParamsBase = {
      model: this.config.model,
      messages: request.messages.map(toWire),
      max_tokens: this.config.maxTokens,
      temperature: this.config.temperature,
      ...(request.tools?.length
        ? {
            tools: request.tools.map((tool) => ({
              type: 'function' as const,
              function: {
                name: tool.name,
                description: tool.description,
                parameters: { ...tool.parameters },
              },
            })),
          }
        : {}),
      ...(request.jsonObject ? { response_format: { type: 'json_object' as const } } : {}),
    };
    try {
      return request.onContent ? await this.stream(body, request.onContent) : await this.once(body);
    } catch (error) {
      throw toAgentException(error);
    }
  }

  private async once(body: ChatCompletionCreateParamsBase): Promise<ChatCompletion> {
    const response = await this.client.chat.completions.create({ ...body, stream: false });
    const message = response.choices.at(0)?.message;
    if (!message) throw new AgentException('AGENT.LLM_BAD_OUTPUT', 'The model returned no choices');
    const toolCalls = (message.tool_calls ?? []).flatMap((call): ToolCall[] =>
      call.type === 'function'
        ? [{ id: call.id, name: call.function.name, arguments: call.function.arguments }]
        : [],
    );
    return { content: message.content ?? '', toolCalls, model: response.model || this.model };
  }

  private async stream(
    body: ChatCompletionCreateParamsBase,
    onContent: (piece: string) => void,
  ): Promise<ChatCompletion> {
    const stream = await this.client.chat.completions.create({ ...body, stream: true });
    let content = '';
    let model = this.model;
    const calls = new Map<number, { id: string; name: string; arguments: string }>();
    for await (const chunk of stream) {
      if (chunk.model) model = chunk.model;
      const delta = chunk.choices.at(0)?.delta;
      if (!delta) continue;
      if (delta.content) {
        content += delta.content;
        onContent(delta.content);
      }
      for (const call of delta.tool_calls ?? []) {
        const current = calls.get(call.index) ?? { id: '', name: '', arguments: '' };
        calls.set(call.index, {
          id: call.id ?? current.id,
          name: current.name + (call.function?.name ?? ''),
          arguments: current.arguments + (call.function?.arguments ?? ''),
        });
      }
    }
    const toolCalls = [...calls.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, call]) => ({ ...call, id: call.id || `call_${index}` }));
    return { content, toolCalls, model };
  }
}

function toWire(message: ChatMessage): ChatCompletionMessageParam {
  switch (message.role) {
    case 'system':
    case 'user':
      return { role: message.role, content: message.content };
    case 'assistant':
      return {
        role: 'assistant',
        content: message.content,
        ...(message.toolCalls?.length
          ? {
              tool_calls: message.toolCalls.map((call) => ({
                id: call.id,
                type: 'function' as const,
                function: { name: call.name, arguments: call.arguments },
              })),
            }
          : {}),
      };
    case 'tool':
      return { role: 'tool', tool_call_id: message.toolCallId, content: message.content };
  }
}

/** Maps the client's errors onto our vocabulary; the provider's message is kept for the logs only. */
export function toAgentException(error: unknown): AgentException {
  if (error instanceof AgentException) return error;
  if (error instanceof OpenAI.APIConnectionTimeoutError)
    return new AgentException('AGENT.LLM_TIMEOUT', 'The model did not answer in time');
  if (error instanceof OpenAI.RateLimitError)
    return new AgentException('AGENT.LLM_RATE_LIMITED', 'The model endpoint is rate limiting us');
  if (
    error instanceof OpenAI.APIError &&
    error.status !== undefined &&
    error.status < 500 &&
    error.status !== 408
  )
    return new AgentException(
      'AGENT.LLM_REFUSED',
      `The model endpoint refused the request (${error.status})`,
      {
        status: error.status,
        providerMessage: error.message,
      },
    );
  const message = error instanceof Error ? error.message : String(error);
  return new AgentException('AGENT.LLM_UNAVAILABLE', 'The model endpoint failed', {
    providerMessage: message,
  });
}
