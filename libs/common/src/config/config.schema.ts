import { z } from 'zod';

/**
 * Every environment variable the system reads. `description` feeds the README table;
 * `sensitive` values are never logged.
 */
export const CONFIG_VARIABLES = {
  NODE_ENV: {
    description: 'development | production | test. Production requires every secret to be set.',
    sensitive: false,
  },
  HOST: { description: 'Interface the HTTP server binds to (default 0.0.0.0).', sensitive: false },
  PORT: { description: 'HTTP and socket.io port (default 3000).', sensitive: false },
  DATA_DIR: {
    description: 'Folder for the embedded database and generated secrets (default ./data).',
    sensitive: false,
  },
  DATABASE_URL: {
    description: 'postgres://… of a PostgreSQL 15+ server. Unset: embedded PostgreSQL (PGlite) in DATA_DIR.',
    sensitive: true,
  },
  KNOWLEDGE_DIR: {
    description: 'Folder of approved scripts and lexicons (default ./knowledge).',
    sensitive: false,
  },
  WEB_ROOT: {
    description: 'Folder of the customer chat widget served at / (default ./apps/console/widget).',
    sensitive: false,
  },
  CHAT_TOKEN_SECRET: {
    description:
      'HMAC secret (32+ chars) signing web-chat tokens. Embedded default: generated into DATA_DIR/secrets.json at first start.',
    sensitive: true,
  },
  CHAT_TOKEN_TTL_SECONDS: { description: 'Lifetime of a web-chat token (default 86400).', sensitive: false },
  CHAT_MAX_MESSAGES_PER_SECOND: {
    description: 'Per-connection flood limit for message:send (default 5).',
    sensitive: false,
  },
  KB_ANSWER_MIN_CONFIDENCE: {
    description:
      'Retrieval confidence (0–1) at or above which the offline responder answers with a script (default 0.5).',
    sensitive: false,
  },
  LOG_LEVEL: {
    description: 'fatal | error | warn | info | debug | trace | silent (default info).',
    sensitive: false,
  },
  SHUTDOWN_TIMEOUT_MS: {
    description: 'How long SIGTERM waits for sockets and replies to drain (default 10000).',
    sensitive: false,
  },
} as const;

export type ConfigVariable = keyof typeof CONFIG_VARIABLES;

const port = z.coerce.number().int().min(0).max(65535);

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
  CHAT_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  CHAT_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(2_592_000).default(86_400),
  CHAT_MAX_MESSAGES_PER_SECOND: z.coerce.number().int().min(1).max(100).default(5),
  KB_ANSWER_MIN_CONFIDENCE: z.coerce.number().min(0).max(1).default(0.5),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
});

export type EnvInput = z.input<typeof envSchema>;
