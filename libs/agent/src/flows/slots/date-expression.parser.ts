/**
 * Date expressions (昨天, 上周三, 本月5号, 3月5日, 2026-03-05, 刚才, 两天前) and their resolution to
 * calendar dates, for the date-time extractor. Works on normalised text (see text-normalize.util).
 */

import { parseChineseNumber } from './chinese-number.util';
import {
  addDays,
  addMonths,
  type CivilDate,
  type CivilDateTime,
  compareCivil,
  isoWeekday,
  isValidDate,
  wallClockOf,
} from './civil-time.util';

/** What date expressions are resolved against. */
export interface DateContext {
  readonly now: Date;
  readonly wall: CivilDateTime;
  readonly today: CivilDate;
  readonly past: boolean;
  readonly timeZone: string;
}

/** A date expression found in text. */
export interface DateCandidate {
  readonly start: number;
  readonly end: number;
  readonly date: CivilDate;
  /** Part of day carried by the date word (昨晚 → 晚上). */
  readonly pod: string | null;
  /** A complete time from the expression itself (刚才, 两小时前). */
  readonly fixed: { readonly wall: CivilDateTime; readonly precision: 'hour' | 'minute' } | null;
}

type Groups = Record<string, string | undefined>;

interface DateRule {
  readonly pattern: RegExp;
  resolve(groups: Groups, context: DateContext): Omit<DateCandidate, 'start' | 'end'> | null;
}

const CN = '零〇一二两三四五六七八九十';
const NUM = `\\d{1,2}|[${CN}]{1,3}`;
const WEEKDAYS: Readonly<Record<string, number>> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  日: 7,
  天: 7,
  七: 7,
  '1': 1,
  '2': 2,
  '3': 3,
  '4': 4,
  '5': 5,
  '6': 6,
  '7': 7,
};
const RELATIVE_DAYS: Readonly<Record<string, { days: number; pod: string | null }>> = {
  大前天: { days: -3, pod: null },
  前天: { days: -2, pod: null },
  前日: { days: -2, pod: null },
  前晚: { days: -2, pod: '晚上' },
  前夜: { days: -2, pod: '夜里' },
  昨天: { days: -1, pod: null },
  昨日: { days: -1, pod: null },
  昨儿个: { days: -1, pod: null },
  昨儿: { days: -1, pod: null },
  昨早: { days: -1, pod: '早上' },
  昨晨: { days: -1, pod: '清晨' },
  昨晚: { days: -1, pod: '晚上' },
  昨夜: { days: -1, pod: '夜里' },
  今天: { days: 0, pod: null },
  今日: { days: 0, pod: null },
  今儿个: { days: 0, pod: null },
  今儿: { days: 0, pod: null },
  今早: { days: 0, pod: '早上' },
  今晨: { days: 0, pod: '清晨' },
  今晚: { days: 0, pod: '晚上' },
  今夜: { days: 0, pod: '夜里' },
  明天: { days: 1, pod: null },
  明日: { days: 1, pod: null },
  明早: { days: 1, pod: '早上' },
  明晚: { days: 1, pod: '晚上' },
  后天: { days: 2, pod: null },
  大后天: { days: 3, pod: null },
};
const byLength = (words: readonly string[]): string =>
  [...words].sort((a, b) => b.length - a.length).join('|');

const num = (text: string | undefined): number | null => {
  const value = text === undefined ? null : parseChineseNumber(text);
  return value !== null && Number.isInteger(value) ? value : null;
};

const plain = (date: CivilDate, pod: string | null = null): Omit<DateCandidate, 'start' | 'end'> => ({
  date,
  pod,
  fixed: null,
});

function yearOf(text: string): number | null {
  const year = num(text);
  if (year === null) return null;
  if (year < 100 && text.length === 2) return 2000 + year;
  return year >= 1900 && year <= 2100 ? year : null;
}

function validDate(year: number | null, month: number | null, day: number | null): CivilDate | null {
  if (year === null || month === null || day === null || !isValidDate(year, month, day)) return null;
  return { year, month, day };
}

const isAfter = (a: CivilDate, b: CivilDate): boolean =>
  compareCivil({ ...a, hour: 0, minute: 0 }, { ...b, hour: 0, minute: 0 }) > 0;

/** Month-day without a year: this year, or last year when `past` and it has not happened yet. */
function monthDay(month: number | null, day: number | null, context: DateContext): CivilDate | null {
  const thisYear = validDate(context.today.year, month, day);
  if (!context.past) return thisYear;
  if (thisYear !== null && !isAfter(thisYear, context.today)) return thisYear;
  return validDate(context.today.year - 1, month, day);
}

function minutesAgo(context: DateContext, minutes: number, precision: 'hour' | 'minute') {
  const wall = wallClockOf(new Date(context.now.getTime() - minutes * 60_000), context.timeZone);
  return { date: wall, pod: null, fixed: { wall, precision } };
}

const RULES: readonly DateRule[] = [
  {
    pattern: /刚刚|刚才|方才/g,
    resolve: (_groups, context) => ({
      date: context.today,
      pod: null,
      fixed: { wall: context.wall, precision: 'minute' },
    }),
  },
  {
    pattern: new RegExp(
      `(?<n>\\d{1,3}|[${CN}]{1,4}|半)个?(?<unit>天|日|周|星期|礼拜|小时|钟头|分钟)(?:以前|之前|前)`,
      'g',
    ),
    resolve: (groups, context) => {
      const unit = groups['unit'];
      const amount = groups['n'] === '半' ? 0.5 : num(groups['n']);
      if (amount === null) return null;
      if (unit === '天' || unit === '日' || unit === '周' || unit === '星期' || unit === '礼拜') {
        const days = unit === '天' || unit === '日' ? amount : amount * 7;
        return Number.isInteger(days) ? plain(addDays(context.today, -days)) : null;
      }
      if (unit === '分钟') return Number.isInteger(amount) ? minutesAgo(context, amount, 'minute') : null;
      return minutesAgo(context, amount * 60, amount < 1 ? 'minute' : 'hour');
    },
  },
  {
    pattern: new RegExp(
      `(?:(?<![0-9])(?<y>\\d{4}|\\d{2}|[〇零一二三四五六七八九]{2,4})年|(?<yw>今年|去年|前年|明年))(?<m>${NUM})月份?(?<d>${NUM})(?:日|号)?`,
      'g',
    ),
    resolve: (groups, context) => {
      const offsets: Readonly<Record<string, number>> = { 今年: 0, 去年: -1, 前年: -2, 明年: 1 };
      const yearWord = groups['yw'];
      const year =
        yearWord !== undefined ? context.today.year + (offsets[yearWord] ?? 0) : yearOf(groups['y'] ?? '');
      const date = validDate(year, num(groups['m']), num(groups['d']));
      return date && plain(date);
    },
  },
  {
    pattern: /(?<![0-9])(?<y>\d{4})(?<sep>[-/.])(?<m>\d{1,2})\k<sep>(?<d>\d{1,2})(?![0-9])/g,
    resolve: (groups) => {
      const date = validDate(yearOf(groups['y'] ?? ''), num(groups['m']), num(groups['d']));
      return date && plain(date);
    },
  },
  {
    pattern: new RegExp(`(?<![0-9年./-])(?<m>${NUM})月份?(?<d>${NUM})(?:日|号)?`, 'g'),
    resolve: (groups, context) => {
      const date = monthDay(num(groups['m']), num(groups['d']), context);
      return date && plain(date);
    },
  },
  {
    pattern: new RegExp(`(?<rel>上上个?月|上个?月|这个?月|本月|当月|下个?月)(?<d>${NUM})(?:日|号)`, 'g'),
    resolve: (groups, context) => {
      const rel = groups['rel'] ?? '';
      const offset = rel.startsWith('上上') ? -2 : rel.startsWith('上') ? -1 : rel.startsWith('下') ? 1 : 0;
      const { year, month } = addMonths(context.today, offset);
      const date = validDate(year, month, num(groups['d']));
      return date && plain(date);
    },
  },
  {
    pattern: /(?<rel>上上|上|这|本|下)?个?(?:周|星期|礼拜)(?<w>[一二三四五六日天七1-7])/g,
    resolve: (groups, context) => {
      const weekday = WEEKDAYS[groups['w'] ?? ''];
      if (weekday === undefined) return null;
      const today = isoWeekday(context.today);
      const rel = groups['rel'];
      if (rel === undefined) {
        let delta = weekday - today;
        if (context.past && delta > 0) delta -= 7;
        if (!context.past && delta < 0) delta += 7;
        return plain(addDays(context.today, delta));
      }
      const weeks = rel === '上上' ? -2 : rel === '上' ? -1 : rel === '下' ? 1 : 0;
      return plain(addDays(context.today, weeks * 7 + weekday - today));
    },
  },
  {
    pattern: new RegExp(`(?<word>${byLength(Object.keys(RELATIVE_DAYS))})`, 'g'),
    resolve: (groups, context) => {
      const word = RELATIVE_DAYS[groups['word'] ?? ''];
      return word ? plain(addDays(context.today, word.days), word.pod) : null;
    },
  },
  {
    pattern: new RegExp(
      `(?<![0-9A-Za-z月./第-])(?<d>${NUM})(?:号|日)(?![楼线门房车位床窗口码台栋座单元])`,
      'g',
    ),
    resolve: (groups, context) => {
      const day = num(groups['d']);
      const { year, month } = context.today;
      const thisMonth = validDate(year, month, day);
      if (!context.past || (thisMonth !== null && !isAfter(thisMonth, context.today)))
        return thisMonth && plain(thisMonth);
      const previous = addMonths(context.today, -1);
      const date = validDate(previous.year, previous.month, day);
      return date && plain(date);
    },
  },
];

/**
 * All date expressions in normalised `text`, resolved against `context`, ordered by position;
 * overlapping readings keep the earliest-starting, longest one.
 */
export function findDates(text: string, context: DateContext): DateCandidate[] {
  const found: DateCandidate[] = [];
  for (const rule of RULES) {
    rule.pattern.lastIndex = 0;
    for (const match of text.matchAll(rule.pattern)) {
      const resolved = rule.resolve(match.groups ?? {}, context);
      if (resolved !== null)
        found.push({ ...resolved, start: match.index, end: match.index + match[0].length });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: DateCandidate[] = [];
  for (const candidate of found) {
    const last = kept[kept.length - 1];
    if (last === undefined || candidate.start >= last.end) kept.push(candidate);
  }
  return kept;
}
