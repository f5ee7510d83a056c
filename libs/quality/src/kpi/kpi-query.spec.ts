import { errorCodeOf } from '@anxin/testing';
import { QualityException } from '../quality.exception';
import { daysOf, parseKpiQuery as sut } from './kpi-query';

/** 2026-11-25 23:30 UTC is already 2026-11-26 07:30 in Beijing. */
const NOW = new Date('2026-11-25T23:30:00Z');

function problemsOf(raw: unknown): string[] {
  try {
    sut(raw, NOW);
  } catch (error) {
    expect(error).toBeInstanceOf(QualityException);
    expect((error as QualityException).code).toBe('QA.INVALID_REQUEST');
    return ((error as QualityException).details as { problems: string[] }).problems;
  }
  throw new Error('expected QA.INVALID_REQUEST');
}

describe('parseKpiQuery', () => {
  it('defaults to the last 7 days ending today in Beijing, by day, every channel', () => {
    expect(sut({}, NOW)).toEqual({ from: '2026-11-20', to: '2026-11-26', groupBy: 'day', channel: null });
    expect(sut(undefined, NOW)).toEqual(sut({}, NOW));
  });

  it('reads from, to, groupBy and channel, and ignores unknown parameters', () => {
    expect(
      sut({ from: '2026-11-01', to: '2026-11-30', groupBy: 'agent', channel: ' web ', page: '2' }, NOW),
    ).toEqual({ from: '2026-11-01', to: '2026-11-30', groupBy: 'agent', channel: 'web' });
  });

  it('defaults a missing from to 7 days ending at to, and a missing to to today', () => {
    expect(sut({ to: '2026-03-01' }, NOW)).toMatchObject({ from: '2026-02-23', to: '2026-03-01' });
    expect(sut({ from: '2026-11-26' }, NOW)).toMatchObject({ from: '2026-11-26', to: '2026-11-26' });
  });

  it.each(['day', 'channel', 'agent'])('accepts groupBy=%s', (groupBy) => {
    expect(sut({ groupBy }, NOW).groupBy).toBe(groupBy);
  });

  it('accepts a single day and a whole leap year (366 days)', () => {
    expect(sut({ from: '2026-11-25', to: '2026-11-25' }, NOW)).toMatchObject({ from: '2026-11-25' });
    expect(sut({ from: '2028-01-01', to: '2028-12-31' }, NOW)).toMatchObject({ to: '2028-12-31' });
  });

  it.each([
    ['an impossible date', { from: '2026-02-30' }, /from 应为有效日期/],
    ['month 13', { to: '2026-13-01' }, /to 应为有效日期/],
    ['a date with a time', { from: '2026-11-01T00:00:00Z' }, /from 应为有效日期/],
    ['a short date', { from: '2026-1-1' }, /from 应为有效日期/],
    ['from after to', { from: '2026-11-30', to: '2026-11-01' }, /不能晚于/],
    ['367 days', { from: '2025-01-01', to: '2026-01-02' }, /最长366天，本次为367天/],
    ['an unknown groupBy', { groupBy: 'week' }, /groupBy 应为 day、channel、agent 之一/],
    ['a repeated parameter', { from: ['2026-11-01', '2026-11-02'] }, /from 只能出现一次/],
    ['an empty channel', { channel: '  ' }, /channel 应为1至32个字符/],
    ['a 33-character channel', { channel: 'c'.repeat(33) }, /channel 应为1至32个字符/],
  ])('refuses %s with QA.INVALID_REQUEST', (_case, raw, problem) => {
    expect(errorCodeOf(() => sut(raw, NOW))).toBe('QA.INVALID_REQUEST');
    expect(problemsOf(raw).join('\n')).toMatch(problem);
  });

  it('reports every problem at once', () => {
    expect(problemsOf({ from: 'yesterday', to: '2026-02-29', groupBy: 'hour' })).toHaveLength(3);
  });
});

describe('daysOf', () => {
  it('lists every date of a period, across month and year ends', () => {
    expect(daysOf('2026-12-30', '2027-01-02')).toEqual([
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
    ]);
    expect(daysOf('2028-02-28', '2028-03-01')).toEqual(['2028-02-28', '2028-02-29', '2028-03-01']);
    expect(daysOf('2026-11-25', '2026-11-25')).toEqual(['2026-11-25']);
  });
});
