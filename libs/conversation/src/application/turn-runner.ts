/**
 * Runs tasks one at a time per key (a conversation), so bot replies keep the order of the
 * customer messages they answer, while different conversations proceed in parallel.
 * drain() waits for everything queued: used on shutdown and by tests.
 */
export class TurnRunner {
  private readonly tails = new Map<string, Promise<void>>();

  constructor(private readonly onError: (error: unknown, key: string) => void) {}

  enqueue(key: string, task: () => Promise<void>): void {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous
      .then(task)
      .catch((error: unknown) => this.onError(error, key))
      .finally(() => {
        if (this.tails.get(key) === next) this.tails.delete(key);
      });
    this.tails.set(key, next);
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
}
