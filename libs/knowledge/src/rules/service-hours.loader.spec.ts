import { problemsOf } from '../loading/__fixtures__/fixture-dir.helper';
import { ProblemList } from '../loading/problem.list';
import { goodText, goodWith } from './__fixtures__/rules-fixture.helper';
import type { ServiceHours } from './rules.types';
import { parseServiceHours } from './service-hours.loader';

const FILE = 'handoff/service-hours.yaml';

/** An instant given in Beijing time, e.g. bj('2026-12-07T08:00:00'). */
const bj = (local: string): Date => new Date(`${local}+08:00`);

function hoursOf(text: string): ServiceHours {
  return parseServiceHours(text, new ProblemList('knowledge')) as ServiceHours;
}

// The fixture: Monday–Friday 08:00-22:00, Saturday 08:00-24:00, Sunday closed; 2027-01-01 (a Friday)
// closed, 2027-01-03 (a Sunday) open 10:00-12:00 and 14:00-16:00. 2026-12-07 is a Monday.
describe(parseServiceHours.name, () => {
  const sut = hoursOf(goodText(FILE));

  it('loads the version, time zone and the description shown to customers', () => {
    expect(sut.version).toBe(1);
    expect(sut.timeZone).toBe('Asia/Shanghai');
    expect(sut.description).toBe('周一至周五8:00-22:00，周六8:00-24:00');
  });

  it('is open from the start of a range up to, not including, its end (Beijing time)', () => {
    expect(sut.isOpen(bj('2026-12-07T07:59:59'))).toBe(false);
    expect(sut.isOpen(bj('2026-12-07T08:00:00'))).toBe(true);
    expect(sut.isOpen(bj('2026-12-07T21:59:59'))).toBe(true);
    expect(sut.isOpen(bj('2026-12-07T22:00:00'))).toBe(false);
  });

  it('reads instants given in UTC as Beijing time (UTC+8)', () => {
    expect(sut.isOpen(new Date('2026-12-06T23:59:59Z'))).toBe(false);
    expect(sut.isOpen(new Date('2026-12-07T00:00:00Z'))).toBe(true);
    expect(sut.isOpen(new Date('2026-12-07T13:59:59Z'))).toBe(true);
    expect(sut.isOpen(new Date('2026-12-07T14:00:00Z'))).toBe(false);
  });

  it('gives the instant itself when open, else the next opening, across midnight', () => {
    expect(sut.nextOpening(bj('2026-12-07T07:59:59'))).toEqual(bj('2026-12-07T08:00:00'));
    expect(sut.nextOpening(bj('2026-12-07T08:00:00'))).toEqual(bj('2026-12-07T08:00:00'));
    expect(sut.nextOpening(bj('2026-12-07T21:59:59'))).toEqual(bj('2026-12-07T21:59:59'));
    expect(sut.nextOpening(bj('2026-12-07T22:00:00'))).toEqual(bj('2026-12-08T08:00:00'));
    expect(sut.nextOpening(bj('2026-12-08T00:30:00'))).toEqual(bj('2026-12-08T08:00:00'));
  });

  it('keeps a range ending at 24:00 open to the last second of the day', () => {
    expect(sut.isOpen(bj('2026-12-12T23:59:59'))).toBe(true);
    expect(sut.isOpen(bj('2026-12-13T00:00:00'))).toBe(false);
    expect(sut.nextOpening(bj('2026-12-12T23:59:59'))).toEqual(bj('2026-12-12T23:59:59'));
    expect(sut.nextOpening(bj('2026-12-13T00:00:00'))).toEqual(bj('2026-12-14T08:00:00'));
  });

  it('stays open across midnight when 24:00 meets a range from 00:00', () => {
    const sut = hoursOf(goodWith(FILE, 'sunday: []', "sunday: ['00:00-08:00']"));

    expect(sut.isOpen(bj('2026-12-12T23:59:59'))).toBe(true);
    expect(sut.isOpen(bj('2026-12-13T00:00:00'))).toBe(true);
    expect(sut.isOpen(bj('2026-12-13T07:59:59'))).toBe(true);
    expect(sut.isOpen(bj('2026-12-13T08:00:00'))).toBe(false);
    expect(sut.nextOpening(bj('2026-12-13T08:00:00'))).toEqual(bj('2026-12-14T08:00:00'));
  });

  it('replaces the weekly hours on an exception date', () => {
    expect(sut.isOpen(bj('2027-01-01T12:00:00'))).toBe(false);
    expect(sut.nextOpening(bj('2026-12-31T22:00:00'))).toEqual(bj('2027-01-02T08:00:00'));
    expect(sut.isOpen(bj('2027-01-03T11:59:59'))).toBe(true);
    expect(sut.isOpen(bj('2027-01-03T12:00:00'))).toBe(false);
    expect(sut.nextOpening(bj('2027-01-03T00:00:00'))).toEqual(bj('2027-01-03T10:00:00'));
    expect(sut.nextOpening(bj('2027-01-03T12:00:00'))).toEqual(bj('2027-01-03T14:00:00'));
    expect(sut.nextOpening(bj('2027-01-03T16:00:00'))).toEqual(bj('2027-01-04T08:00:00'));
  });

  it('searches 14 days ahead and gives null when service does not open in them', () => {
    const sut = hoursOf(goodText(FILE).replace(/'08:00-2[24]:00'/g, ''));

    expect(sut.isOpen(bj('2026-12-07T12:00:00'))).toBe(false);
    expect(sut.nextOpening(bj('2026-12-20T10:00:00'))).toEqual(bj('2027-01-03T10:00:00'));
    expect(sut.nextOpening(bj('2026-12-20T09:59:59'))).toBeNull();
    expect(sut.nextOpening(bj('2027-01-03T16:00:00'))).toBeNull();
    expect(sut.nextOpening(new Date(Number.NaN))).toBeNull();
  });

  it.each([
    [
      'a time zone other than Asia/Shanghai',
      goodWith(FILE, 'timeZone: Asia/Shanghai', 'timeZone: Europe/Berlin'),
      [
        'knowledge/handoff/service-hours.yaml:2 timeZone: must be Asia/Shanghai (Beijing time; the only time zone supported)',
      ],
    ],
    [
      'a missing weekday',
      goodWith(FILE, '  sunday: []\n', ''),
      ['knowledge/handoff/service-hours.yaml:4 weekly.sunday: is required'],
    ],
    [
      'a misspelt weekday',
      goodWith(FILE, 'sunday: []', 'sundy: []'),
      [
        'knowledge/handoff/service-hours.yaml:4 weekly.sunday: is required',
        'knowledge/handoff/service-hours.yaml:11 weekly.sundy: unknown field',
      ],
    ],
    [
      'overlapping ranges',
      goodWith(FILE, "monday: ['08:00-22:00']", "monday: ['08:00-12:00', '11:30-22:00']"),
      ['knowledge/handoff/service-hours.yaml:5 weekly.monday[1]: overlaps "08:00-12:00"'],
    ],
    [
      'ranges out of order',
      goodWith(FILE, "monday: ['08:00-22:00']", "monday: ['13:00-22:00', '08:00-12:00']"),
      [
        'knowledge/handoff/service-hours.yaml:5 weekly.monday[1]: must come after "13:00-22:00" (ranges sorted by start time)',
      ],
    ],
    [
      'a range that ends before it starts',
      goodWith(FILE, "tuesday: ['08:00-22:00']", "tuesday: ['22:00-08:00']"),
      ['knowledge/handoff/service-hours.yaml:6 weekly.tuesday[0]: must end after it starts ("22:00-08:00")'],
    ],
    [
      'a malformed time',
      goodWith(FILE, "friday: ['08:00-22:00']", "friday: ['8:00-24:30']"),
      [
        'knowledge/handoff/service-hours.yaml:9 weekly.friday[0]: must be a time range "HH:MM-HH:MM" (00:00 to 24:00)',
      ],
    ],
    [
      'a day that is not a list',
      goodWith(FILE, "friday: ['08:00-22:00']", "friday: '08:00-22:00'"),
      [
        'knowledge/handoff/service-hours.yaml:9 weekly.friday: must be a list of time ranges "HH:MM-HH:MM" ([] = closed)',
      ],
    ],
    [
      'an exception date given twice',
      goodWith(FILE, 'date: 2027-01-03', 'date: 2027-01-01'),
      [
        'knowledge/handoff/service-hours.yaml:16 exceptions[1].date: 2027-01-01 is already in exceptions[0] (line 13)',
      ],
    ],
    [
      'an exception date that does not exist',
      goodWith(FILE, 'date: 2027-01-03', 'date: 2027-02-30'),
      ['knowledge/handoff/service-hours.yaml:16 exceptions[1].date: must be a date YYYY-MM-DD'],
    ],
    [
      'an exception without a note',
      goodWith(FILE, '    note: 元旦休息\n', ''),
      ['knowledge/handoff/service-hours.yaml:13 exceptions[0].note: is required'],
    ],
    [
      'overlapping ranges on an exception date',
      goodWith(FILE, "'10:00-12:00', '14:00-16:00'", "'10:00-15:00', '14:00-16:00'"),
      ['knowledge/handoff/service-hours.yaml:17 exceptions[1].hours[1]: overlaps "10:00-15:00"'],
    ],
    [
      'a missing description',
      goodWith(FILE, /^description: .*\n/m, ''),
      ['knowledge/handoff/service-hours.yaml:1 description: is required'],
    ],
  ])('reports %s with file, line and field', (_case, text, expected) => {
    expect(problemsOf((problems) => parseServiceHours(text, problems))).toEqual(expected);
  });
});
