export type DatabaseConfig =
  | { kind: 'embedded'; /** null: in memory (tests) */ dataDir: string | null }
  | { kind: 'server'; url: string };

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
  readonly retrieval!: { answerMinConfidence: number };
  readonly log!: { level: LogLevel };
  readonly shutdownTimeoutMs!: number;

  constructor(values: AppConfig) {
    Object.assign(this, values);
    Object.freeze(this);
  }
}
