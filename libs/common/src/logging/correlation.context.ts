import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

const storage = new AsyncLocalStorage<{ correlationId: string }>();

/** Carries a correlation id through everything one request or socket event causes. */
export const CorrelationContext = {
  run<T>(correlationId: string | undefined, fn: () => T): T {
    return storage.run({ correlationId: correlationId ?? randomUUID() }, fn);
  },
  id(): string | undefined {
    return storage.getStore()?.correlationId;
  },
};
