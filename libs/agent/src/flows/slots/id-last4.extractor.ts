/**
 * Extraction of the last four characters of a Chinese resident ID number (身份证后四位).
 */

import { CHINESE_DIGIT_CHARS, parseChineseNumber } from './chinese-number.util';
import { normalizeInput } from './text-normalize.util';

const CN_DIGITS = CHINESE_DIGIT_CHARS.replace(/[两兩俩]/g, '');
const RUN = new RegExp(`[0-9Xx×]+|[${CN_DIGITS}]{4}`, 'g');
const LAST4 = /^[0-9]{3}[0-9X]$/;

function chineseDigits(run: string): string | null {
  let digits = '';
  for (const char of run) {
    const value = parseChineseNumber(char);
    if (value === null) return null;
    digits += String(value);
  }
  return digits;
}

/**
 * Extracts 4 ID characters — three digits and a final digit or X (the ID checksum) — from replies
 * such as 「1234」「后四位是123X」「身份证后4位：0021」「１２３ｘ」. x and × become X; four Chinese
 * digits (一二三四) are read too.
 *
 * Returns null when there is no candidate, when two different candidates appear, or when the
 * reply contains a run of 5 or more digits (a full ID or phone number is not a last-4 answer).
 * Runs touching Latin letters (policy number AXCI1234) are ignored.
 */
export function extractIdLast4(text: string): string | null {
  const { text: normalized } = normalizeInput(text);
  const found = new Set<string>();
  for (const match of normalized.matchAll(RUN)) {
    const before = normalized[match.index - 1] ?? '';
    const after = normalized[match.index + match[0].length] ?? '';
    if (/[A-WYZa-wyz]/.test(before) || /[A-WYZa-wyz]/.test(after)) continue;
    const run = /^[0-9Xx×]+$/.test(match[0])
      ? match[0].toUpperCase().replace(/×/g, 'X')
      : chineseDigits(match[0]);
    if (run === null) continue;
    if (/[0-9]{5,}/.test(run)) return null;
    if (LAST4.test(run)) found.add(run);
  }
  return found.size === 1 ? ([...found][0] ?? null) : null;
}
