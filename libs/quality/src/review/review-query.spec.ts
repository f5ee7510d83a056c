import { type QualityException } from '../quality.exception';
import { parseListQuery, parsePeriod } from './review-query';

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    expect((error as QualityException).code).toBe('QA.INVALID_REQUEST');
    return (error as QualityException).details?.problems as string[];
  }
  throw new Error('expected the query to be refused');
}

describe('parseListQuery', () => {
  it('reads the console filters and pages with defaults', () => {
    const sut = parseListQuery({
      failed: 'true',
      redLine: 'false',
      check: 'CS-08',
      channel: 'web',
      agent: 'A1024',
      source: 'import',
      from: '2026-11-01',
      to: '2026-11-30',
      limit: '20',
      offset: '40',
    });
    expect(sut).toEqual({
      failed: true,
      redLine: false,
      reviewed: undefined,
      disputed: undefined,
      check: 'CS-08',
      channel: 'web',
      agent: 'A1024',
      source: 'import',
      from: '2026-11-01',
      to: '2026-11-30',
      limit: 20,
      offset: 40,
    });
    expect(parseListQuery({})).toMatchObject({ limit: 50, offset: 0, failed: undefined });
  });

  it('refuses each bad parameter by name', () => {
    expect(
      problemsOf(() =>
        parseListQuery({ failed: 'yes', check: 'CS8', from: '2026-02-30', limit: '0', source: 'phone' }),
      ),
    ).toEqual([
      'from: 应为有效日期 YYYY-MM-DD',
      'failed: 应为 true 或 false',
      'check: 应为检查项编号，如 CS-08',
      'source: 应为 conversation 或 import',
      'limit: 应为 1–200 的整数',
    ]);
    expect(problemsOf(() => parsePeriod({ from: '2026-11-30', to: '2026-11-01' }))).toEqual([
      'from: 不能晚于 to',
    ]);
  });
});
