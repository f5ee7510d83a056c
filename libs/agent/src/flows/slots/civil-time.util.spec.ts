import { addDays, addMonths, formatIso, isoWeekday, isValidDate, wallClockOf } from './civil-time.util';

describe('civil time', () => {
  it.each([
    [{ year: 2026, month: 3, day: 1 }, -1, '2026-2-28'],
    [{ year: 2024, month: 3, day: 1 }, -1, '2024-2-29'],
    [{ year: 2026, month: 1, day: 1 }, -1, '2025-12-31'],
    [{ year: 2025, month: 12, day: 31 }, 1, '2026-1-1'],
  ])('moves %o by %d days to %s', (date, days, expected) => {
    const moved = addDays(date, days);
    expect(`${moved.year}-${moved.month}-${moved.day}`).toBe(expected);
  });

  it('moves months across a year end', () => {
    expect(addMonths({ year: 2026, month: 1, day: 31 }, -1)).toEqual({ year: 2025, month: 12 });
    expect(addMonths({ year: 2026, month: 11, day: 1 }, 2)).toEqual({ year: 2027, month: 1 });
  });

  it.each([
    [2026, 2, 29, false],
    [2024, 2, 29, true],
    [2026, 4, 31, false],
    [2026, 13, 1, false],
    [2026, 12, 31, true],
  ])('knows whether %d-%d-%d exists', (year, month, day, expected) => {
    expect(isValidDate(year, month, day)).toBe(expected);
  });

  it('numbers weekdays from Monday 1 to Sunday 7', () => {
    expect(isoWeekday({ year: 2026, month: 3, day: 9 })).toBe(1);
    expect(isoWeekday({ year: 2026, month: 3, day: 8 })).toBe(7);
  });

  it('reads the wall clock and offset of a zone', () => {
    const wall = wallClockOf(new Date('2026-03-04T17:30:00Z'), 'Asia/Shanghai');
    expect(wall).toEqual({ year: 2026, month: 3, day: 5, hour: 1, minute: 30 });
    expect(formatIso(wall, 'Asia/Shanghai')).toBe('2026-03-05T01:30:00+08:00');
    expect(formatIso(wall, 'UTC')).toBe('2026-03-05T01:30:00+00:00');
  });
});
