/** How many handled chats the average of handle times remembers. */
const WINDOW = 50;

/**
 * The average time an agent holds a chat, from the last WINDOW chats, starting from the seed in
 * sla.yaml (average_handle) until real chats replace it.
 */
export class HandleTimeAverage {
  private readonly recent: number[] = [];

  constructor(private seed: number) {}

  reseed(seed: number): void {
    this.seed = seed;
  }

  add(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return;
    this.recent.push(ms);
    if (this.recent.length > WINDOW) this.recent.shift();
  }

  get value(): number {
    if (this.recent.length === 0) return this.seed;
    return this.recent.reduce((sum, ms) => sum + ms, 0) / this.recent.length;
  }
}

export interface WaitInput {
  /** Customers ahead. */
  readonly ahead: number;
  /** Chats the agents who can serve the customer may hold at once. */
  readonly slots: number;
  /** Of those, free now. */
  readonly free: number;
  readonly averageHandleMs: number;
}

/**
 * Estimated wait in whole minutes, at least 1 (said as 「约N分钟」, an estimate): with a free slot
 * for everyone ahead and this customer, the time to accept an offer (a minute); otherwise the
 * customers who must be served first, each freeing a slot after an average handle time, spread
 * over the slots.
 */
export function estimateWaitMinutes(input: WaitInput): number {
  const { ahead, slots, free, averageHandleMs } = input;
  if (slots <= 0) return Math.max(1, Math.ceil(((ahead + 1) * averageHandleMs) / 60_000));
  const beforeMe = ahead + 1 - Math.max(0, free);
  if (beforeMe <= 0) return 1;
  return Math.max(1, Math.ceil((beforeMe * averageHandleMs) / slots / 60_000));
}
