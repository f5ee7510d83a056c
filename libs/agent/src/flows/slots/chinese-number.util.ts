/**
 * Chinese and mixed numeral parsing (一二三, 两, 〇, 壹贰叁, 三千五, 1.5万, 3千5, 3,500).
 */

const DIGIT_VALUES: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  壹: 1,
  二: 2,
  贰: 2,
  貳: 2,
  两: 2,
  兩: 2,
  俩: 2,
  三: 3,
  叁: 3,
  參: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  陸: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};

const SMALL_UNITS: Readonly<Record<string, number>> = {
  十: 10,
  拾: 10,
  百: 100,
  佰: 100,
  千: 1000,
  仟: 1000,
};
const BIG_UNITS: Readonly<Record<string, number>> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };

/** Chinese digit characters (values 0–9), for building regular expressions. */
export const CHINESE_DIGIT_CHARS = Object.keys(DIGIT_VALUES).join('');
/** Chinese unit characters (十百千万亿 and their financial forms), for building regular expressions. */
export const CHINESE_UNIT_CHARS = [...Object.keys(SMALL_UNITS), ...Object.keys(BIG_UNITS)].join('');

type Token =
  | { kind: 'number'; value: number; singleDigit: boolean }
  | { kind: 'small'; value: number }
  | { kind: 'big'; value: number };

const ARABIC_GROUPED = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const ARABIC_PLAIN = /^\d+(?:\.\d+)?$/;
const DECIMAL_POINT = new RegExp(`^(.+)点([${CHINESE_DIGIT_CHARS}0-9]+)([万萬亿億]?)$`);

/** Rounds away binary floating-point noise (1.1 × 10000 = 11000.000000000002). */
const tidy = (value: number): number => Math.round(value * 1e6) / 1e6;

function tokenize(text: string): Token[] | null {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i] ?? '';
    const arabic = /^\d+(?:\.\d+)?/.exec(text.slice(i));
    if (arabic) {
      tokens.push({ kind: 'number', value: Number(arabic[0]), singleDigit: arabic[0].length === 1 });
      i += arabic[0].length;
      continue;
    }
    const digit = DIGIT_VALUES[char];
    const small = SMALL_UNITS[char];
    const big = BIG_UNITS[char];
    if (digit !== undefined) tokens.push({ kind: 'number', value: digit, singleDigit: true });
    else if (small !== undefined) tokens.push({ kind: 'small', value: small });
    else if (big !== undefined) tokens.push({ kind: 'big', value: big });
    else return null;
    i++;
  }
  return tokens;
}

/** Positional reading of a run of Chinese digits without units: 二〇二六 → 2026. */
function readDigitString(text: string): number | null {
  let digits = '';
  for (const char of text) {
    const value = DIGIT_VALUES[char];
    if (value === undefined) return null;
    digits += String(value);
  }
  return digits === '' ? null : Number(digits);
}

/** Reading with units (十百千万亿), including the colloquial shortened tail 三千五 = 3500. */
function readWithUnits(tokens: readonly Token[]): number | null {
  let total = 0; // value of completed 亿 groups
  let wan = 0; // value of the completed 万 group below the current 亿
  let section = 0; // value below 万
  let current: number | null = null;
  let currentSingle = false;
  let lastUnit = 0;
  let lastSmall = Number.POSITIVE_INFINITY;
  let zeroGap = false;
  let previous: Token | undefined;

  for (const token of tokens) {
    switch (token.kind) {
      case 'number':
        if (previous?.kind === 'number') {
          if (current !== 0) return null; // 三五 inside a unit reading is not a number
        }
        if (token.value === 0 && previous !== undefined) zeroGap = true;
        current = token.value;
        currentSingle = token.singleDigit;
        break;
      case 'small': {
        if (token.value >= lastSmall) return null;
        let multiplier = current;
        if (multiplier === null) {
          if (token.value !== 10 || previous !== undefined) return null; // 十五: leading 十 means 一十
          multiplier = 1;
        }
        if (multiplier === 0 || (token.value === 10 && !Number.isInteger(multiplier))) return null;
        section += multiplier * token.value;
        current = null;
        lastSmall = token.value;
        lastUnit = token.value;
        zeroGap = false;
        break;
      }
      case 'big': {
        const group = section + (current ?? 0);
        if (token.value === 1e4) {
          if (group === 0 || wan !== 0) return null;
          wan = group * 1e4;
        } else {
          if (group === 0 && wan === 0) return null;
          if (total !== 0) return null;
          total = (wan + group) * 1e8;
          wan = 0;
        }
        section = 0;
        current = null;
        lastSmall = Number.POSITIVE_INFINITY;
        lastUnit = token.value;
        zeroGap = false;
        break;
      }
    }
    previous = token;
  }

  let tail = 0;
  if (current !== null) {
    if (lastUnit === 0) return null;
    if (currentSingle && !zeroGap && current !== 0) tail = (current * lastUnit) / 10;
    else if (Number.isInteger(current) && current < lastUnit) tail = current;
    else return null;
  }
  return tidy(total + wan + section + tail);
}

/**
 * Parses a whole string as a number written the way Chinese customers write numbers.
 *
 * Supports Chinese digits (一二三…九, 两/俩, 零/〇), financial forms (壹贰叁…玖, 拾佰仟),
 * units 十百千万亿, positional digit strings (二〇二六 → 2026), the colloquial shortened tail
 * (三千五 → 3500, 两万三 → 23000, 十二万五 → 125000), mixed Arabic and Chinese (3千5, 1.5万,
 * 1万2000), decimals with 点 (一点五万 → 15000), Arabic digits with thousands separators
 * (3,500) and full-width digits.
 *
 * The whole input must be a number (surrounding whitespace is ignored): 「三个」, 「十几」,
 * 「3,50」, 「百」 and the empty string give null.
 */
export function parseChineseNumber(text: string): number | null {
  const compact = text.normalize('NFKC').replace(/\s+/g, '');
  if (compact === '') return null;
  if (ARABIC_GROUPED.test(compact)) return Number(compact.replace(/,/g, ''));
  if (ARABIC_PLAIN.test(compact)) return Number(compact);
  if (compact.includes(',')) return null;

  const decimal = DECIMAL_POINT.exec(compact);
  if (decimal) {
    const whole = parseChineseNumber(decimal[1] ?? '');
    const fractionDigits = [...(decimal[2] ?? '')].map((c) => (/\d/.test(c) ? c : DIGIT_VALUES[c])).join('');
    if (whole === null || !Number.isInteger(whole)) return null;
    const unit = BIG_UNITS[decimal[3] ?? ''] ?? 1;
    return tidy(Number(`${whole}.${fractionDigits}`) * unit);
  }

  const tokens = tokenize(compact);
  if (tokens === null || tokens.length === 0) return null;
  if (tokens.every((t) => t.kind === 'number')) {
    if (tokens.length === 1) return tokens[0]?.value ?? null;
    return readDigitString(compact);
  }
  return readWithUnits(tokens);
}
