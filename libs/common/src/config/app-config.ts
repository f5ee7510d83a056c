export type DatabaseConfig =
  | { kind: 'embedded'; /** null: in memory (tests) */ dataDir: string | null }
  | { kind: 'server'; url: string };

export interface EmbeddingConfig {
  baseUrl: string;
  apiKey: string | null;
  model: string;
  /** Asked of the provider when set (models that support shortening); otherwise the model's own size. */
  dimensions: number | null;
  timeoutMs: number;
}

export interface LlmConfig {
  baseUrl: string;
  apiKey: string | null;
  model: string;
  timeoutMs: number;
  maxTokens: number;
  temperature: number;
  /** native: the standard `tools` field; json: tools described in the prompt, calls as JSON (models without tool calling). */
  toolMode: 'native' | 'json';
  /** json_object: response_format {type: json_object}; prompt: the JSON contract in the prompt only. */
  jsonMode: 'json_object' | 'prompt';
  /** Stream replies to channels that can show them (web chat `message:delta`). */
  stream: boolean;
  /** How long the circuit breaker leaves a failing endpoint alone. */
  breakerCooldownMs: number;
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** The typed configuration, validated once at boot. Inject it; never read process.env elsewhere. */
export class AppConfig {
  readonly env!: 'development' | 'production' | 'test';
  readonly version!: string;
  readonly http!: { host: string; port: number };
  readonly dataDir!: string;
  readonly database!: DatabaseConfig;
  readonly knowledgeDir!: string;
  readonly webRoot!: string;
  /** The staff QA console served at /console. */
  readonly consoleRoot!: string;
  readonly chat!: {
    tokenSecret: string;
    tokenTtlSeconds: number;
    maxMessagesPerSecond: number;
    /** Shared with the insurer's app backend, which signs login tickets; null: app login is off. */
    appLoginSecret: string | null;
  };
  readonly staff!: {
    /** HMAC secret of staff login tokens (consoles). */
    tokenSecret: string;
    tokenTtlSeconds: number;
    /** Create the documented demo users at boot when they do not exist. */
    seedDemoUsers: boolean;
  };
  readonly handoff!: {
    /** auto: the queue offers each waiting customer to an agent; manual: agents pick from the queue. */
    assignment: 'auto' | 'manual';
  };
  readonly retrieval!: {
    answerMinConfidence: number;
    /** Below answerMinConfidence and at or above this, the bot offers the top scripts as quick replies. */
    suggestMinConfidence: number;
    /** Share of the vector similarity in the hybrid score when embeddings are configured. */
    vectorWeight: number;
  };
  /** OpenAI-compatible /embeddings provider; null: lexical retrieval only. */
  readonly embedding!: EmbeddingConfig | null;
  /** OpenAI-compatible chat model; null: the offline script responder serves alone. */
  readonly llm!: LlmConfig | null;
  readonly promptsDir!: string;
  readonly log!: { level: LogLevel };
  readonly shutdownTimeoutMs!: number;

  constructor(values: AppConfig) {
    Object.assign(this, values);
    Object.freeze(this);
  }
}
