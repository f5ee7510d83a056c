import { pino, type Logger } from 'pino';
import type { LogLevel } from '../config/app-config';
import { CorrelationContext } from './correlation.context';
import { maskPii, maskPiiDeep } from './pii-mask.util';

export type { Logger } from 'pino';

/**
 * JSON logs on stdout (or the given stream), every line stamped with the correlation id of the
 * request or socket event that caused it, and every string masked for PII.
 */
export function createLogger(level: LogLevel, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'anxin' },
      messageKey: 'msg',
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin: () => {
        const correlationId = CorrelationContext.id();
        return correlationId ? { correlationId } : {};
      },
      formatters: { log: (object) => maskPiiDeep(object) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((arg: unknown) => (typeof arg === 'string' ? maskPii(arg) : arg));
          method.apply(this, masked as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}
