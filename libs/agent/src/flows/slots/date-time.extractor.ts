/**
 * Date-time slot extraction for guided flows (报案: when did it happen?). Deterministic and pure:
 * "now" and the time zone are parameters.
 */

import {
  addDays,
  type CivilDateTime,
  compareCivil,
  formatDate,
  formatIso,
  formatTime,
  wallClockOf,
} from './civil-time.util';
import { type DateCandidate, type DateContext, findDates } from './date-expression.parser';
import { normalizeInput, type NormalizedText, sourceSpan } from './text-normalize.util';
import {
  matchTimeOfDay,
  type ResolvedTime,
  resolveTimeOfDay,
  type TimeOfDayMatch,
} from './time-of-day.parser';

/** A date (and maybe time) understood from a customer's reply. */
export interface DateTimeSlot {
  /** ISO 8601 with the zone's offset, e.g. 2026-03-04T15:00:00+08:00 (00:00 when only a day is known). */
  iso: string;
  /** YYYY-MM-DD. */
  date: string;
  /** HH:mm, or null when only the day is known. */
  time: string | null;
  precision: 'day' | 'part_of_day' | 'hour' | 'minute';
  /** The substring of the input that was understood. */
  matched: string;
}

/** Options of {@link extractDateTime}. */
export interface DateTimeOptions {
  /**
   * The slot is about the past (an incident), default true: a month-day without a year that would
   * be in the future means last year, a bare 「20号」 in the future means last month, a bare
   * 「周五」 means the latest Friday, and a time without a date that has not come yet today means
   * yesterday. Explicit words (今天, 明天, 这周五, 本月20号, 2026年…) are never moved.
   */
  past?: boolean;
}

/** Words allowed between a date and its time: 「昨天的下午三点」「3月5日，大概晚上8点」. */
const FILLER = /(?:的|那天|当天|[,\s]|大概|大约|大致|差不多|约|是|在|于|T)*/y;
function timeNear(text: string, dates: readonly DateCandidate[]): TimeOfDayMatch | null {
  const first = dates[0];
  if (first === undefined) return matchTimeOfDay(text, 0, false);
  FILLER.lastIndex = first.end;
  FILLER.exec(text);
  const adjacent = matchTimeOfDay(text, FILLER.lastIndex, true);
  if (adjacent !== null || dates.length > 1) return adjacent;
  for (let from = 0; from < text.length;) {
    const match = matchTimeOfDay(text, from, false);
    if (match === null) return null;
    if (match.end <= first.start || match.start >= first.end) return match;
    from = match.start + 1;
  }
  return null;
}

function buildSlot(
  normalized: NormalizedText,
  wall: CivilDateTime,
  precision: DateTimeSlot['precision'],
  span: readonly [number, number],
  timeZone: string,
): DateTimeSlot {
  return {
    iso: formatIso(wall, timeZone),
    date: formatDate(wall),
    time: precision === 'day' ? null : formatTime(wall.hour, wall.minute),
    precision,
    matched: sourceSpan(normalized, span[0], span[1]),
  };
}

/**
 * Extracts the first date (and time) a customer mentions, relative to `now` in `timeZone`.
 *
 * Understood: 今天/今早/今晚/昨天/昨晚/前天/前晚/大前天/明天/后天, 刚才/刚刚 (now, minute precision),
 * N天前/N小时前/半小时前/N分钟前, 上周三/这周一/下周五/周五 (weeks start on Monday), 本月5号/上个月20号/
 * 20号, 3月5日/3月5号/三月五号, 2026年3月5日/二〇二六年三月五日/去年3月5日, 2026-03-05, 2026/3/5,
 * 2026.3.5; times 上午十点, 下午3点半, 晚上8点15分, 凌晨两点, 中午12点, 15:30, 三点一刻, 早上七点多
 * (07:00, hour precision), 3点整, 下午3点中 (typo of 点钟); a part of day alone gives
 * 'part_of_day' precision with a representative time (早上 07:00, 上午 09:00, 中午 12:00,
 * 下午 15:00, 晚上 20:00, 凌晨 03:00). Full-width digits and spaces are fine.
 *
 * Edge cases, by design:
 * - 凌晨 belongs to the same calendar day (昨天凌晨两点 → yesterday 02:00), while 昨晚两点 /
 *   晚上12点 roll into the next calendar day.
 * - A clock hour without a part of day is taken as written (三点 → 03:00); confirm with the customer.
 * - 3.5 and 3/5 are ambiguous and never read as dates; impossible dates (2月30日, 上个月31号
 *   in a 30-day month) give null rather than being clamped.
 * - A time may sit elsewhere in the sentence (「昨天出的事，下午三点左右」) when only one date is
 *   mentioned; `matched` then spans from the first to the last part understood.
 * - Month-only or year-only phrases (上个月, 2025年) are not precise enough and give null.
 *
 * Returns null when nothing date-like is present.
 */
export function extractDateTime(
  text: string,
  now: Date,
  timeZone = 'Asia/Shanghai',
  options: DateTimeOptions = {},
): DateTimeSlot | null {
  const normalized = normalizeInput(text);
  const wall = wallClockOf(now, timeZone);
  const context: DateContext = {
    now,
    wall,
    today: { year: wall.year, month: wall.month, day: wall.day },
    past: options.past ?? true,
    timeZone,
  };
  const dates = findDates(normalized.text, context);
  const first = dates[0];
  if (first?.fixed) {
    return buildSlot(normalized, first.fixed.wall, first.fixed.precision, [first.start, first.end], timeZone);
  }

  const timeMatch = timeNear(normalized.text, dates);
  const time: ResolvedTime | null = resolveTimeOfDay(timeMatch, first?.pod ?? null);
  if (time === null) {
    if (first === undefined) return null;
    const midnight = { ...first.date, hour: 0, minute: 0 };
    return buildSlot(normalized, midnight, 'day', [first.start, first.end], timeZone);
  }

  const parts = [first, timeMatch].filter((part) => part !== undefined && part !== null);
  const span = [Math.min(...parts.map((p) => p.start)), Math.max(...parts.map((p) => p.end))] as const;
  let day = addDays(first?.date ?? context.today, time.dayShift);
  if (first === undefined && context.past) {
    const earliest = { ...day, hour: time.earliestHour, minute: time.earliestMinute };
    if (compareCivil(earliest, wall) > 0) day = addDays(day, -1);
  }
  const at = { ...day, hour: time.hour, minute: time.minute };
  return buildSlot(normalized, at, time.precision, span, timeZone);
}
