/**
 * Clock-time and part-of-day parsing for the date-time extractor: 下午三点, 晚上8点15分, 三点一刻,
 * 早上七点多, 15:30, 凌晨, 下午3点中 (typo of 点钟). Works on normalised text (see text-normalize.util).
 */

import { parseChineseNumber } from './chinese-number.util';

/** What a part-of-day word means: a representative time and how it shifts a 12-hour clock. */
interface PartOfDayRule {
  /** Representative hour when no clock time is given (下午 → 15:00). */
  readonly hour: number;
  /** Earliest hour the part of day may start, used to decide whether it is still in the future. */
  readonly earliest: number;
  readonly shift: 'small_hours' | 'morning' | 'noon' | 'afternoon' | 'evening' | 'night';
}

/** Part-of-day words and their rules (早上 07:00, 上午 09:00, 中午 12:00, 下午 15:00, 晚上 20:00, 凌晨 03:00). */
export const PARTS_OF_DAY: Readonly<Record<string, PartOfDayRule>> = {
  凌晨: { hour: 3, earliest: 0, shift: 'small_hours' },
  清晨: { hour: 6, earliest: 5, shift: 'morning' },
  早上: { hour: 7, earliest: 5, shift: 'morning' },
  早晨: { hour: 7, earliest: 5, shift: 'morning' },
  一早: { hour: 7, earliest: 5, shift: 'morning' },
  上午: { hour: 9, earliest: 6, shift: 'morning' },
  中午: { hour: 12, earliest: 11, shift: 'noon' },
  下午: { hour: 15, earliest: 12, shift: 'afternoon' },
  傍晚: { hour: 18, earliest: 17, shift: 'afternoon' },
  晚上: { hour: 20, earliest: 18, shift: 'evening' },
  晚间: { hour: 20, earliest: 18, shift: 'evening' },
  夜里: { hour: 23, earliest: 21, shift: 'night' },
  夜间: { hour: 23, earliest: 21, shift: 'night' },
  夜晚: { hour: 23, earliest: 21, shift: 'night' },
  深夜: { hour: 23, earliest: 21, shift: 'night' },
  半夜: { hour: 23, earliest: 21, shift: 'night' },
};

const CN = '零〇一二两三四五六七八九十';
const POD = Object.keys(PARTS_OF_DAY).join('|');
const CLOCK =
  `(?<h>\\d{1,2}|[${CN}]{1,3})(?:点|时)(?:钟|中|种)?` +
  `(?:(?<half>半)|(?<quarter>[一1三3])刻|过?(?<mf>\\d{1,2}|[${CN}]{1,3})分|(?<mb>\\d{2}|[${CN}]{2,3})(?![0-9])|(?<sharp>整)|(?<more>多))?`;
const COLON = `(?<ch>\\d{1,2}):(?<cm>\\d{2})(?::\\d{2})?(?![0-9])`;
const TIME = `(?<pod>${POD})?(?:(?<![0-9.:])(?:${CLOCK}|${COLON}))?(?:左右|前后|许)?`;

/** Characters that, right before a bare Chinese-numeral hour, mean 「一点」 is "a little" or "point one". */
const NOT_A_CLOCK_BEFORE = /[第快慢早晚好多大小有差高低远近轻重些再还这那]$/;
/** Characters that, right after 「一点」, mean "a little": 一点儿, 一点也不. */
const NOT_A_CLOCK_AFTER = /^[儿也都不没点]/;

/** A clock time or part of day found in text. */
export interface TimeOfDayMatch {
  readonly pod: string | null;
  /** Hour as written (12-hour or 24-hour), null when only a part of day was given. */
  readonly hour: number | null;
  /** Minutes when written (半 = 30, 一刻 = 15, 整 = 0), null when only the hour was given. */
  readonly minute: number | null;
  readonly start: number;
  readonly end: number;
}

/** A resolved time of day on the 24-hour clock. */
export interface ResolvedTime {
  readonly hour: number;
  readonly minute: number;
  /** 1 when the time belongs to the next calendar day (晚上12点, 昨晚两点). */
  readonly dayShift: 0 | 1;
  readonly precision: 'part_of_day' | 'hour' | 'minute';
  /** Earliest hour:minute (same day as `hour`) the reading allows; used for "is it in the future". */
  readonly earliestHour: number;
  readonly earliestMinute: number;
}

function minutesOf(groups: Record<string, string | undefined>): number | null | undefined {
  if (groups['half']) return 30;
  if (groups['quarter']) return /[三3]/.test(groups['quarter']) ? 45 : 15;
  if (groups['sharp']) return 0;
  const written = groups['mf'] ?? groups['mb'] ?? groups['cm'];
  if (written === undefined) return null;
  const minute = parseChineseNumber(written);
  return minute !== null && Number.isInteger(minute) && minute >= 0 && minute < 60 ? minute : undefined;
}

function toMatch(text: string, match: RegExpExecArray, afterDate: boolean): TimeOfDayMatch | null {
  const groups = match.groups ?? {};
  const pod = groups['pod'] ?? null;
  const hourText = groups['h'] ?? groups['ch'];
  if (hourText === undefined)
    return pod === null
      ? null
      : { pod, hour: null, minute: null, start: match.index, end: match.index + match[0].length };

  const hour = parseChineseNumber(hourText);
  if (hour === null || !Number.isInteger(hour) || hour < 0 || hour > 24) return null;
  const minute = minutesOf(groups);
  if (minute === undefined) return null;
  if (hour === 24 && minute !== null && minute !== 0) return null;

  const chineseHour = !/\d/.test(hourText);
  if (pod === null && chineseHour && !afterDate) {
    const before = text.slice(0, match.index);
    const after = text.slice(match.index + match[0].length);
    if (NOT_A_CLOCK_BEFORE.test(before) || (minute === null && NOT_A_CLOCK_AFTER.test(after))) return null;
  }
  return { pod, hour, minute, start: match.index, end: match.index + match[0].length };
}

/**
 * Finds a clock time and/or part-of-day word in normalised `text`. With `anchored` (used right
 * after a date), the time must start exactly at `from`; otherwise the first valid time at or after
 * `from` is returned, and bare Chinese-numeral hours that read as 「快一点」「一点儿」「第一点」
 * (a little / first point) are skipped.
 */
export function matchTimeOfDay(text: string, from: number, anchored: boolean): TimeOfDayMatch | null {
  const pattern = new RegExp(TIME, anchored ? 'y' : 'g');
  pattern.lastIndex = from;
  for (;;) {
    const match = pattern.exec(text);
    if (match === null) return null;
    if (match[0] === '') {
      if (anchored) return null;
      pattern.lastIndex = match.index + 1;
      continue;
    }
    const found = toMatch(text, match, anchored);
    if (found !== null || anchored) return found;
    pattern.lastIndex = match.index + 1;
  }
}

/** 12-hour reading adjusted by a part-of-day word; returns [hour, dayShift] or null. */
function adjustHour(hour: number, rule: PartOfDayRule | undefined): [number, 0 | 1] | null {
  if (rule === undefined) return hour === 24 ? [0, 1] : [hour, 0];
  if (hour > 12) return hour < 24 ? [hour, 0] : null; // 下午15点: already 24-hour
  switch (rule.shift) {
    case 'small_hours':
      return [hour === 12 ? 0 : hour, 0];
    case 'morning':
      return [hour, 0];
    case 'noon':
      return [hour >= 1 && hour <= 3 ? hour + 12 : hour, 0];
    case 'afternoon':
      return [hour === 12 ? 12 : hour + 12, 0];
    case 'evening':
      if (hour === 12 || hour === 0) return [0, 1];
      return hour <= 3 ? [hour, 1] : [hour + 12, 0];
    case 'night':
      if (hour === 12 || hour === 0) return [0, 1];
      return hour <= 4 ? [hour, 1] : [hour + 12, 0];
  }
}

/**
 * Turns a part of day and/or a written clock time into a 24-hour time.
 * `pod` defaults to `fallbackPod` (the 晚 of 昨晚) when the match has none.
 * Without any part of day the hour is taken as written (三点 → 03:00): callers confirm with the customer.
 */
export function resolveTimeOfDay(
  match: TimeOfDayMatch | null,
  fallbackPod: string | null,
): ResolvedTime | null {
  const podName = match?.pod ?? fallbackPod;
  const rule = podName === null ? undefined : PARTS_OF_DAY[podName];
  if (match === null || match.hour === null) {
    if (rule === undefined) return null;
    return {
      hour: rule.hour,
      minute: 0,
      dayShift: 0,
      precision: 'part_of_day',
      earliestHour: rule.earliest,
      earliestMinute: 0,
    };
  }
  const adjusted = adjustHour(match.hour, rule);
  if (adjusted === null) return null;
  const [hour, dayShift] = adjusted;
  const minute = match.minute ?? 0;
  return {
    hour,
    minute,
    dayShift,
    precision: match.minute === null ? 'hour' : 'minute',
    earliestHour: hour,
    earliestMinute: minute,
  };
}
