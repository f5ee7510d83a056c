import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);

/** Every environment variable the system reads; README's table and .env.example list each (tested). */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: port.default(3000),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  KNOWLEDGE_DIR: z.string().min(1).default('./knowledge'),
  WEB_ROOT: z.string().min(1).default('./apps/console/widget'),
  CONSOLE_ROOT: z.string().min(1).default('./apps/console/qa'),
  CHAT_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  CHAT_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(2_592_000).default(86_400),
  APP_LOGIN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  CHAT_MAX_MESSAGES_PER_SECOND: z.coerce.number().int().min(1).max(100).default(5),
  STAFF_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  STAFF_TOKEN_TTL_SECONDS: z.coerce.number().int().min(300).max(604_800).default(43_200),
  /** Unset: true for the embedded database, false for a server database (the loader decides). */
  SEED_DEMO_USERS: z.stringbool({ truthy: ['true', '1', 'yes'], falsy: ['false', '0', 'no'] }).optional(),
  HANDOFF_ASSIGNMENT: z.enum(['auto', 'manual']).default('auto'),
  KB_ANSWER_MIN_CONFIDENCE: z.coerce.number().min(0).max(1).default(0.5),
  KB_SUGGEST_MIN_CONFIDENCE: z.coerce.number().min(0).max(1).default(0.4),
  EMBEDDING_BASE_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
  EMBEDDING_API_KEY: z.string().min(1).optional(),
  EMBEDDING_MODEL: z.string().min(1).optional(),
  EMBEDDING_DIMENSIONS: z.coerce.number().int().min(8).max(8192).optional(),
  EMBEDDING_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  KB_VECTOR_WEIGHT: z.coerce.number().min(0).max(1).default(0.5),
  PROMPTS_DIR: z.string().min(1).default('./prompts'),
  LLM_BASE_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
  LLM_API_KEY: z.string().min(1).optional(),
  LLM_MODEL: z.string().min(1).optional(),
  LLM_TIMEOUT_MS: z.coerce.number().int().min(500).max(300_000).default(20_000),
  LLM_MAX_TOKENS: z.coerce.number().int().min(64).max(32_768).default(800),
  LLM_TEMPERATURE: z.coerce.number().min(0).max(2).default(0.2),
  LLM_TOOL_MODE: z.enum(['native', 'json']).default('native'),
  LLM_JSON_MODE: z.enum(['json_object', 'prompt']).default('json_object'),
  LLM_STREAM: z.stringbool({ truthy: ['true', '1', 'yes'], falsy: ['false', '0', 'no'] }).default(true),
  LLM_BREAKER_COOLDOWN_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
});
