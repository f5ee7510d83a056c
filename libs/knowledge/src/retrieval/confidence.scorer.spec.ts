import { confidenceOf, MARGIN_FLOOR } from './confidence.scorer';

describe(confidenceOf.name, () => {
  const sut = confidenceOf;

  it('is 1 for a fully covered query with no competitor', () => {
    expect(sut(1, 10, 0)).toBe(1);
  });

  it('stays below the 0.5 answer threshold when another script scores the same (vague query)', () => {
    expect(sut(1, 10, 10)).toBe(MARGIN_FLOOR);
    expect(sut(1, 10, 10)).toBeLessThan(0.5);
  });

  it('stays below 0.5 when little of the query is covered, however unique the match', () => {
    expect(sut(0.35, 10, 0)).toBeLessThan(0.5);
  });

  it('clears 0.5 for a well-covered query clearly ahead of the runner-up', () => {
    expect(sut(0.8, 10, 6)).toBeGreaterThanOrEqual(0.5);
  });

  it('grows with coverage and with margin, within 0..1', () => {
    expect(sut(0.6, 10, 5)).toBeGreaterThan(sut(0.5, 10, 5));
    expect(sut(0.6, 10, 3)).toBeGreaterThan(sut(0.6, 10, 5));
    expect(sut(0, 0, 0)).toBe(0);
    expect(sut(2, 10, 20)).toBeLessThanOrEqual(1);
  });
});
