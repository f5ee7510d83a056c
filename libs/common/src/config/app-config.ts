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
  readonly chat!: { tokenSecret: string; tokenTtlSeconds: number; maxMessagesPerSecond: number };
  readonly retrieval!: {
    answerMinConfidence: number;
    /** Below answerMinConfidence and at or above this, the bot offers the top scripts as quick replies. */
    suggestMinConfidence: number;
    /** Share of the vector similarity in the hybrid score when embeddings are configured. */
    vectorWeight: number;
  };
  /** OpenAI-compatible /embeddings provider; null: lexical retrieval only. */
  readonly embedding!: EmbeddingConfig | null;
  readonly log!: { level: LogLevel };
  readonly shutdownTimeoutMs!: number;

  constructor(values: AppConfig) {
    Object.assign(this, values);
    Object.freeze(this);
  }
}
