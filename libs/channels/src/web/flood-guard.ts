/**
 * Sliding one-second window per connection: at most `limit` accepted calls in any second.
 * Rejected calls do not count, so a client that slows down is served again at once.
 */
export class FloodGuard {
  private readonly stamps: number[] = [];

  constructor(private readonly limit: number) {}

  tryAcquire(nowMs: number): boolean {
    while (this.stamps.length > 0 && nowMs - this.stamps[0] >= 1000) this.stamps.shift();
    if (this.stamps.length >= this.limit) return false;
    this.stamps.push(nowMs);
    return true;
  }
}
