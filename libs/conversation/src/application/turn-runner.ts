/**
 * Runs tasks one at a time per key (a conversation), so bot replies keep the order of the
 * customer messages they answer, and the desk's actions (accept, hand-back, close…) happen
 * between turns, never inside one; different conversations proceed in parallel.
 * A task must not wait on run() for its own key (it would wait for itself).
 * drain() waits for everything queued: used on shutdown and by tests.
 */
export class TurnRunner {
  private readonly tails = new Map<string, Promise<void>>();

  constructor(private readonly onError: (error: unknown, key: string) => void) {}

  /** Queues the task; a failure is reported through onError. */
  enqueue(key: string, task: () => Promise<void>): void {
    this.chain(key, task).catch((error: unknown) => this.onError(error, key));
  }

  /** Queues the task and settles with its own outcome (the caller handles a failure). */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    return this.chain(key, task);
  }

  /** Resolves when the tasks queued for `key` so far have run. */
  async settle(key: string): Promise<void> {
    await this.tails.get(key);
  }

  get pending(): number {
    return this.tails.size;
  }

  async drain(): Promise<void> {
    while (this.tails.size > 0) await Promise.all([...this.tails.values()]);
  }

  private chain<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    const next = tail.finally(() => {
      if (this.tails.get(key) === next) this.tails.delete(key);
    });
    this.tails.set(key, next);
    return result;
  }
}
