import { parseChineseNumber } from '@anxin/knowledge';
import { allMatches } from './text.util';

/** A figure stated in a text: a number with a unit ("5000元", "1万元", "15日", "80%", "65周岁"). */
export interface Figure {
  /** As written. */
  readonly text: string;
  /**
   * What the figure means, so that different wordings compare equal: "yuan:10000" for 1万元 and 10000元,
   * "days:15" for 15日, 15天 and 十五天; the text itself when it does not parse.
   */
  readonly key: string;
}

/** Unit words, longest first: the unit a figure is compared in and the factor to it. */
const UNITS: readonly (readonly [string, string, number])[] = [
  ['个自然日', 'days', 1],
  ['个工作日', 'working_days', 1],
  ['个小时', 'hours', 1],
  ['个星期', 'days', 7],
  ['自然日', 'days', 1],
  ['工作日', 'working_days', 1],
  ['万元', 'yuan', 10_000],
  ['周岁', 'age', 1],
  ['小时', 'hours', 1],
  ['分钟', 'minutes', 1],
  ['个月', 'months', 1],
  ['星期', 'days', 7],
  ['万', 'yuan', 10_000],
  ['元', 'yuan', 1],
  ['%', 'percent', 1],
  ['日', 'days', 1],
  ['天', 'days', 1],
  ['岁', 'age', 1],
  ['周', 'days', 7],
  ['月', 'months', 1],
  ['年', 'years', 1],
];

/** The meaning of one figure's text ("1万元" → "yuan:10000"), or the text when it does not parse. */
export function figureKey(text: string): string {
  const compact = text.replace(/\s+/gu, '');
  for (const [word, unit, factor] of UNITS) {
    if (!compact.endsWith(word)) continue;
    const number = compact.slice(0, -word.length).replace(/个$/u, '');
    const value = parseChineseNumber(number);
    return Number.isNaN(value) ? compact : `${unit}:${Math.round(value * factor * 100) / 100}`;
  }
  return compact;
}

/** The figures `patterns` (global regexes) find in an NFKC text, left to right, overlaps dropped. */
export function figuresIn(text: string, patterns: readonly RegExp[]): Figure[] {
  const spans = patterns
    .flatMap((regex) => allMatches(regex, text))
    .sort((a, b) => a.index - b.index || b[0].length - a[0].length);
  const out: Figure[] = [];
  let end = -1;
  for (const m of spans) {
    if (m.index < end) continue;
    end = m.index + m[0].length;
    out.push({ text: m[0], key: figureKey(m[0]) });
  }
  return out;
}
