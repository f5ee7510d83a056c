/** Numerals as customers and agents write them: Arabic, or Chinese up to the 万s. */
const DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const MULTIPLIERS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/** "15", "1.5", "十五", "一百零二", "三千", "一万二千" → number; NaN when it is none of these. */
export function parseChineseNumber(text: string): number {
  if (/^\d+(\.\d+)?$/u.test(text)) return Number(text);
  if (text === '') return Number.NaN;
  let total = 0;
  let section = 0;
  let current = 0;
  for (const char of text) {
    if (char in DIGITS) current = DIGITS[char];
    else if (char in MULTIPLIERS) {
      section += (current || 1) * MULTIPLIERS[char];
      current = 0;
    } else if (char === '万') {
      total += (section + current || 1) * 10_000;
      section = 0;
      current = 0;
    } else return Number.NaN;
  }
  return total + section + current;
}
