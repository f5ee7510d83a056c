import type { Clock } from '@anxin/common';
import { AgentException, RETRYABLE } from '../agent.exception';
import { type ChatCompletion, ChatModel, type ChatRequest } from './chat-model.port';

export interface ResilienceOptions {
  /** Wait before the one retry. */
  readonly backoffMs: number;
  /** Consecutive failed calls (retries included) that open the breaker. */
  readonly failureThreshold: number;
  /** How long an open breaker refuses calls before letting one trial through. */
  readonly cooldownMs: number;
}

export const DEFAULT_RESILIENCE: Omit<ResilienceOptions, 'cooldownMs'> = {
  backoffMs: 400,
  failureThreshold: 3,
};

export type BreakerState = 'closed' | 'open' | 'half_open';

/**
 * Wraps a ChatModel with one retry (after a backoff) for transient failures and a circuit
 * breaker: after `failureThreshold` consecutive failures it refuses calls (CIRCUIT_OPEN, without
 * touching the endpoint) for `cooldownMs`, then lets a single trial through; success closes it.
 */
export class ResilientChatModel extends ChatModel {
  private failures = 0;
  private openedAt: number | null = null;
  private trialInFlight = false;

  constructor(
    private readonly inner: ChatModel,
    private readonly clock: Clock,
    private readonly options: ResilienceOptions,
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    super();
  }

  get model(): string {
    return this.inner.model;
  }

  get state(): BreakerState {
    if (this.openedAt === null) return 'closed';
    return this.clock.now().getTime() - this.openedAt >= this.options.cooldownMs ? 'half_open' : 'open';
  }

  /** False while the breaker is open: callers can skip the model without an exception. */
  get available(): boolean {
    const state = this.state;
    return state === 'closed' || (state === 'half_open' && !this.trialInFlight);
  }

  async complete(request: ChatRequest): Promise<ChatCompletion> {
    if (!this.available)
      throw new AgentException('AGENT.CIRCUIT_OPEN', 'The model is paused after repeated failures');
    const trial = this.state === 'half_open';
    if (trial) this.trialInFlight = true;
    try {
      return await this.attempt(request, trial ? 1 : 2);
    } finally {
      if (trial) this.trialInFlight = false;
    }
  }

  private async attempt(request: ChatRequest, attempts: number): Promise<ChatCompletion> {
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.inner.complete(request);
        this.failures = 0;
        this.openedAt = null;
        return result;
      } catch (error) {
        const failure =
          error instanceof AgentException
            ? error
            : new AgentException('AGENT.LLM_UNAVAILABLE', String(error));
        this.recordFailure();
        if (attempt >= attempts || !RETRYABLE.has(failure.code) || this.openedAt !== null) throw failure;
        await this.sleep(this.options.backoffMs * attempt);
      }
    }
  }

  private recordFailure(): void {
    this.failures++;
    if (this.failures >= this.options.failureThreshold || this.openedAt !== null)
      this.openedAt = this.clock.now().getTime();
  }
}
