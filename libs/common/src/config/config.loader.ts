import { resolve } from 'node:path';
import packageJson from '../../../../package.json';
import { AppConfig } from './app-config';
import { ConfigException } from './config.exception';
import { envSchema } from './config.schema';
import { loadOrCreateLocalSecret } from './secrets.store';

type Env = Record<string, string | undefined>;

/**
 * Validates the environment into an AppConfig, or throws one ConfigException naming every
 * problem. Empty strings count as unset, so `FOO=` in a .env file means "use the default".
 */
export function loadConfig(env: Env = process.env): AppConfig {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigException(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  const vars = parsed.data;
  const problems: string[] = [];
  if (vars.NODE_ENV === 'production') {
    if (!vars.CHAT_TOKEN_SECRET) problems.push('CHAT_TOKEN_SECRET: required when NODE_ENV=production');
    if (!vars.STAFF_TOKEN_SECRET) problems.push('STAFF_TOKEN_SECRET: required when NODE_ENV=production');
    if (vars.SEED_DEMO_USERS)
      problems.push(
        'SEED_DEMO_USERS: must not be true when NODE_ENV=production (the demo passwords are public)',
      );
    if (!vars.DATABASE_URL)
      problems.push('DATABASE_URL: required when NODE_ENV=production (embedded PGlite is for development)');
  }
  if (vars.KB_SUGGEST_MIN_CONFIDENCE > vars.KB_ANSWER_MIN_CONFIDENCE)
    problems.push('KB_SUGGEST_MIN_CONFIDENCE: must not be above KB_ANSWER_MIN_CONFIDENCE');
  for (const prefix of ['EMBEDDING', 'LLM'] as const) problems.push(...endpointProblems(vars, prefix));
  if (problems.length > 0) throw new ConfigException(problems);

  const dataDir = resolve(vars.DATA_DIR);
  return new AppConfig({
    env: vars.NODE_ENV,
    version: packageJson.version,
    http: { host: vars.HOST, port: vars.PORT },
    dataDir,
    database: vars.DATABASE_URL
      ? { kind: 'server', url: vars.DATABASE_URL }
      : { kind: 'embedded', dataDir: resolve(dataDir, 'pglite') },
    knowledgeDir: resolve(vars.KNOWLEDGE_DIR),
    webRoot: resolve(vars.WEB_ROOT),
    consoleRoot: resolve(vars.CONSOLE_ROOT),
    chat: {
      tokenSecret: vars.CHAT_TOKEN_SECRET ?? loadOrCreateLocalSecret(dataDir, 'CHAT_TOKEN_SECRET'),
      tokenTtlSeconds: vars.CHAT_TOKEN_TTL_SECONDS,
      maxMessagesPerSecond: vars.CHAT_MAX_MESSAGES_PER_SECOND,
      appLoginSecret: vars.APP_LOGIN_SECRET ?? null,
    },
    staff: {
      tokenSecret: vars.STAFF_TOKEN_SECRET ?? loadOrCreateLocalSecret(dataDir, 'STAFF_TOKEN_SECRET'),
      tokenTtlSeconds: vars.STAFF_TOKEN_TTL_SECONDS,
      seedDemoUsers: vars.SEED_DEMO_USERS ?? !vars.DATABASE_URL,
    },
    handoff: { assignment: vars.HANDOFF_ASSIGNMENT },
    retrieval: {
      answerMinConfidence: vars.KB_ANSWER_MIN_CONFIDENCE,
      suggestMinConfidence: vars.KB_SUGGEST_MIN_CONFIDENCE,
      vectorWeight: vars.KB_VECTOR_WEIGHT,
    },
    embedding:
      vars.EMBEDDING_BASE_URL && vars.EMBEDDING_MODEL
        ? {
            baseUrl: vars.EMBEDDING_BASE_URL,
            apiKey: vars.EMBEDDING_API_KEY ?? null,
            model: vars.EMBEDDING_MODEL,
            dimensions: vars.EMBEDDING_DIMENSIONS ?? null,
            timeoutMs: vars.EMBEDDING_TIMEOUT_MS,
          }
        : null,
    llm:
      vars.LLM_BASE_URL && vars.LLM_MODEL
        ? {
            baseUrl: vars.LLM_BASE_URL,
            apiKey: vars.LLM_API_KEY ?? null,
            model: vars.LLM_MODEL,
            timeoutMs: vars.LLM_TIMEOUT_MS,
            maxTokens: vars.LLM_MAX_TOKENS,
            temperature: vars.LLM_TEMPERATURE,
            toolMode: vars.LLM_TOOL_MODE,
            jsonMode: vars.LLM_JSON_MODE,
            stream: vars.LLM_STREAM,
            breakerCooldownMs: vars.LLM_BREAKER_COOLDOWN_MS,
          }
        : null,
    promptsDir: resolve(vars.PROMPTS_DIR),
    log: { level: vars.LOG_LEVEL },
    shutdownTimeoutMs: vars.SHUTDOWN_TIMEOUT_MS,
  });
}

/** <PREFIX>_BASE_URL and <PREFIX>_MODEL go together; a key or model without a URL is a mistake. */
function endpointProblems(vars: Record<string, unknown>, prefix: 'EMBEDDING' | 'LLM'): string[] {
  const [url, model, key] = [`${prefix}_BASE_URL`, `${prefix}_MODEL`, `${prefix}_API_KEY`];
  if (vars[url] && !vars[model]) return [`${model}: required when ${url} is set`];
  if (!vars[url] && (vars[model] || vars[key])) return [`${url}: required when ${model} or ${key} is set`];
  return [];
}
