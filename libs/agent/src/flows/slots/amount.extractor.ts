/**
 * Money amount extraction (claim amounts, premiums): 3500元, 3,500块, 三千五百元, 1.2万, ￥800.
 */

import { CHINESE_DIGIT_CHARS, CHINESE_UNIT_CHARS, parseChineseNumber } from './chinese-number.util';
import { normalizeInput, sourceSpan } from './text-normalize.util';

/** An amount of money in yuan. */
export interface AmountSlot {
  yuan: number;
  /** The substring of the input that was understood. */
  matched: string;
}

/** Options of {@link extractAmount}. */
export interface AmountOptions {
  /**
   * Accept a number without a currency cue (the reply to 「理赔金额是多少？」), default false.
   * Dates, times, percentages, phone numbers and long digit runs are still refused.
   */
  bare?: boolean;
}

const NUMBER_CHARS = `0-9.,${CHINESE_DIGIT_CHARS}${CHINESE_UNIT_CHARS}`;
const CN_DIGITS = CHINESE_DIGIT_CHARS.replace(/[两兩俩]/g, '');
const NUMBER = `[${NUMBER_CHARS}]+(?:点[${CN_DIGITS}]+[万萬亿億]?)?`;
const PREFIX = '¥|RMB|rmb|人民币|CNY';
const SUFFIX = '块钱|元钱|元整|元|块|圆|RMB|rmb|人民币|CNY|快(?![点些一])';
/** 三块五 / 3块5毛: tenths after 块/元, when nothing numeric or date-like follows. */
const JIAO = `[0-9${CN_DIGITS}](?:毛|角)?(?![0-9.,${CHINESE_DIGIT_CHARS}${CHINESE_UNIT_CHARS}月日号年点:])`;
const AMOUNT = new RegExp(
  `(?<pre>${PREFIX})?\\s?(?<![0-9A-Za-z.,${CHINESE_DIGIT_CHARS}${CHINESE_UNIT_CHARS}])(?<num>${NUMBER})(?:\\s?(?<suf>${SUFFIX})(?<jiao>${JIAO})?)?`,
  'g',
);
/** After a number with 万/亿 but no currency word, these mean it counts something else. */
const NOT_MONEY_AFTER =
  /^(?:公里|千米|km|米|人|次|步|个|条|辆|台|件|份|字|平|亩|吨|斤|公斤|年|天|小时|分|积分|粉|张|户|家|名|元以上的人)/i;
/** After a bare number, these mean a date, time, percentage, count or another currency. */
const NOT_BARE_AFTER =
  /^(?:[年月日号点时分秒:%\-/]|个|岁|天|周|次|人|份|张|公里|米|楼|美元|美金|港币|港元|欧元|日元|英镑|刀)/;
const MAX_BARE_DIGITS = 9;

function valueOf(raw: string): { value: number; consumed: string } | null {
  const trimmed = raw.replace(/[.,]+$/, '');
  const value = parseChineseNumber(trimmed);
  return value === null ? null : { value, consumed: trimmed };
}

function jiaoOf(text: string | undefined): number {
  if (text === undefined) return 0;
  const digit = parseChineseNumber(text.replace(/[毛角]$/, ''));
  return digit === null ? 0 : digit / 10;
}

/**
 * Extracts the first amount of money in yuan.
 *
 * A number counts as money only with a currency cue: a prefix (¥/￥, RMB, 人民币, CNY), a suffix
 * (元, 块, 块钱, 圆, RMB, 人民币, and the common typo 快 as in 「3500快」), or 万/亿 in the number
 * itself (1.2万, 两万三) unless a non-money unit follows (1.2万公里, 3万人). 三块五 / 3块5毛 add
 * tenths. Other currencies (美元, 港币) are not yuan and are ignored. Policy numbers
 * (AXCI202600001234), phone numbers, dates and percentages carry no cue and are ignored.
 *
 * With `options.bare`, the first plain number that is not a date, time, percentage or count and
 * has at most 9 digits is accepted too (「3500」). Returns null when no amount is found.
 */
export function extractAmount(text: string, options: AmountOptions = {}): AmountSlot | null {
  const normalized = normalizeInput(text);
  const source = normalized.text;
  for (const match of source.matchAll(AMOUNT)) {
    const groups = match.groups ?? {};
    const rawNumber = groups['num'] ?? '';
    const parsed = valueOf(rawNumber);
    if (parsed === null) continue;
    const numberStart = match.index + match[0].indexOf(rawNumber, (groups['pre'] ?? '').length);
    const numberEnd = numberStart + parsed.consumed.length;
    const before = source.slice(0, match.index);
    if (/百分之$/.test(before)) continue;

    const hasCue = groups['pre'] !== undefined || groups['suf'] !== undefined;
    const hasBigUnit = /[万萬亿億]/.test(parsed.consumed);
    const after = source.slice(numberEnd);
    let end = match.index + match[0].length;
    if (groups['suf'] === undefined) end = numberEnd;

    if (hasCue) {
      const yuan =
        parsed.value + (groups['suf'] === '块' || groups['suf'] === '元' ? jiaoOf(groups['jiao']) : 0);
      if (groups['jiao'] !== undefined && groups['suf'] !== '块' && groups['suf'] !== '元') {
        end -= groups['jiao'].length;
      }
      return { yuan: Math.round(yuan * 100) / 100, matched: sourceSpan(normalized, match.index, end) };
    }
    if (hasBigUnit && !NOT_MONEY_AFTER.test(after) && !after.startsWith('%')) {
      return { yuan: parsed.value, matched: sourceSpan(normalized, numberStart, numberEnd) };
    }
    if (options.bare && isPlainAmount(parsed.consumed, before, after)) {
      return { yuan: parsed.value, matched: sourceSpan(normalized, numberStart, numberEnd) };
    }
  }
  return null;
}

function isPlainAmount(number: string, before: string, after: string): boolean {
  if (NOT_BARE_AFTER.test(after) || /[A-Za-z]$/.test(before) || /^[A-Za-z]/.test(after)) return false;
  if (/[第周星期\-/:]$/.test(before)) return false;
  const digits = number.replace(/[^0-9]/g, '');
  if (!number.includes(',') && digits.length > MAX_BARE_DIGITS) return false;
  return !/^1[3-9]\d{9}$/.test(digits);
}
