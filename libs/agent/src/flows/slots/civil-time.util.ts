/**
 * Calendar arithmetic on civil (wall-clock) dates and conversion between instants and a time
 * zone's wall clock, with nothing but Intl. Day arithmetic runs on UTC-based day numbers, so it
 * never depends on the host's time zone.
 */

/** A calendar date without a time zone. `month` is 1–12. */
export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** A wall-clock date and time in some time zone. */
export interface CivilDateTime extends CivilDate {
  readonly hour: number;
  readonly minute: number;
}

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock date and time of `instant` in `timeZone` (seconds dropped). */
export function wallClockOf(instant: Date, timeZone: string): CivilDateTime {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts['year'] ?? 0,
    month: parts['month'] ?? 0,
    day: parts['day'] ?? 0,
    hour: (parts['hour'] ?? 0) % 24,
    minute: parts['minute'] ?? 0,
  };
}

/** Offset of `timeZone` from UTC at `instantMs`, in minutes (Asia/Shanghai: 480). */
function offsetMinutesAt(instantMs: number, timeZone: string): number {
  const wall = wallClockOf(new Date(instantMs), timeZone);
  const wallMs = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  return Math.round((wallMs - Math.floor(instantMs / 60_000) * 60_000) / 60_000);
}

/**
 * The UTC offset, in minutes, that `timeZone` applies to the wall-clock time `wall`. Exact for
 * zones without daylight saving time; around a DST switch it picks one of the candidates.
 */
export function offsetMinutesFor(wall: CivilDateTime, timeZone: string): number {
  const guess = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const first = offsetMinutesAt(guess, timeZone);
  const second = offsetMinutesAt(guess - first * 60_000, timeZone);
  return second;
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** YYYY-MM-DD. */
export function formatDate(date: CivilDate): string {
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}

/** HH:mm. */
export function formatTime(hour: number, minute: number): string {
  return `${pad(hour)}:${pad(minute)}`;
}

/** ISO 8601 with seconds and the zone's offset, e.g. 2026-03-05T15:30:00+08:00. */
export function formatIso(wall: CivilDateTime, timeZone: string): string {
  const offset = offsetMinutesFor(wall, timeZone);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${formatDate(wall)}T${formatTime(wall.hour, wall.minute)}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Whether year/month/day names a real calendar date (rejects 2月30日, 4月31日, 13月1日). */
export function isValidDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

/** Number of days in a month (February honours leap years). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function fromDayNumber(dayNumber: number): CivilDate {
  const date = new Date(dayNumber * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function toDayNumber(date: CivilDate): number {
  return Math.floor(Date.UTC(date.year, date.month - 1, date.day) / DAY_MS);
}

/** `date` moved by `days` (negative for the past), across month and year ends. */
export function addDays(date: CivilDate, days: number): CivilDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** The month `months` away from `date`'s month, as year and month (day not carried). */
export function addMonths(date: CivilDate, months: number): { year: number; month: number } {
  const index = date.year * 12 + (date.month - 1) + months;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** ISO weekday: Monday 1 … Sunday 7 (Chinese weeks start on Monday). */
export function isoWeekday(date: CivilDate): number {
  const day = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return day === 0 ? 7 : day;
}

/** Orders two civil date-times: negative when `a` is earlier. */
export function compareCivil(a: CivilDateTime, b: CivilDateTime): number {
  return (
    Date.UTC(a.year, a.month - 1, a.day, a.hour, a.minute) -
    Date.UTC(b.year, b.month - 1, b.day, b.hour, b.minute)
  );
}
