/** A scoring job: score one stored conversation. */
export interface ScoringJob {
  readonly conversationId: string;
  readonly reason: 'closed' | 'on_demand';
}

/**
 * Port: where scoring jobs wait. In-process now (InProcessScoringQueue); the scale-out issue moves
 * it to a worker (BullMQ on Redis) without touching the callers.
 */
export abstract class ScoringQueue {
  abstract enqueue(job: ScoringJob): void;
  /** Resolves when every job queued so far has run (shutdown, tests). */
  abstract drain(): Promise<void>;
}

/**
 * Runs jobs one at a time in this process, after the current event has been handled, so scoring
 * never delays a customer's reply. A failing job is reported and the queue goes on.
 */
export class InProcessScoringQueue extends ScoringQueue {
  private tail: Promise<void> = Promise.resolve();
  private waiting = 0;

  constructor(
    private readonly run: (job: ScoringJob) => Promise<void>,
    private readonly onError: (error: unknown, job: ScoringJob) => void,
  ) {
    super();
  }

  enqueue(job: ScoringJob): void {
    this.waiting++;
    this.tail = this.tail
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(() => this.run(job))
      .catch((error: unknown) => this.onError(error, job))
      .finally(() => {
        this.waiting--;
      });
  }

  get pending(): number {
    return this.waiting;
  }

  async drain(): Promise<void> {
    while (this.waiting > 0) await this.tail;
  }
}
