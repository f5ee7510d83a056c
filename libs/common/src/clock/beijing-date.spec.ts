import { beijingDate, isCalendarDate } from './beijing-date';

describe('beijingDate', () => {
  it('turns the day at 16:00 UTC (midnight in Beijing)', () => {
    expect(beijingDate(new Date('2026-11-24T15:59:59.999Z'))).toBe('2026-11-24');
    expect(beijingDate(new Date('2026-11-24T16:00:00Z'))).toBe('2026-11-25');
  });
});

describe('isCalendarDate', () => {
  it('accepts real dates only', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-30')).toBe(false);
    expect(isCalendarDate('2026-1-05')).toBe(false);
    expect(isCalendarDate('2026-11-25T00:00')).toBe(false);
  });
});
