import { FloodGuard } from './flood-guard';

describe(FloodGuard.name, () => {
  it('accepts the limit within a second, refuses the next, and recovers after the window', () => {
    const sut = new FloodGuard(5);
    const t0 = 1_000_000;
    expect([0, 10, 20, 30, 40].map((dt) => sut.tryAcquire(t0 + dt))).toEqual([true, true, true, true, true]);
    expect(sut.tryAcquire(t0 + 50)).toBe(false);
    expect(sut.tryAcquire(t0 + 999)).toBe(false);
    expect(sut.tryAcquire(t0 + 1000)).toBe(true);
  });
});
