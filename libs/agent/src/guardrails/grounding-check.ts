import { parseChineseNumber } from '../flows/slots';

export interface GroundingDraft {
  readonly answer: string;
  readonly citations: readonly string[];
}

export interface GroundingSources {
  /** id → approved text of the scripts that were retrieved for this turn. */
  readonly scripts: ReadonlyMap<string, string>;
  /** Other texts numbers may come from: sla.yaml values, tool results, the customer's own words. */
  readonly facts: readonly string[];
}

export type GroundingProblem =
  | { readonly kind: 'no_citation' }
  | { readonly kind: 'unknown_citation'; readonly scriptId: string }
  | { readonly kind: 'unsupported_number'; readonly matched: string };

const UNIT =
  '(?:个工作日|工作日|个自然日|自然日|个小时|小时|分钟|个月|周岁|岁|天|日|年|周|万元|元|块|万|%|％|倍|次|家)';
const NUMBER = '(?:\\d+(?:[.,]\\d+)*|[零〇一二两三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾佰仟半]+)';
const NUMBER_WITH_UNIT = new RegExp(`(${NUMBER})\\s*${UNIT}`, 'gu');
const ANY_NUMBER = new RegExp(NUMBER, 'gu');

/**
 * Checks a generated answer against what it may rest on: it must cite at least one retrieved
 * script and nothing else, and every number with a unit (days, amounts, percentages…) must appear
 * in a cited script or in the facts (SLA table, tool results, the customer's words).
 */
export function checkGrounding(draft: GroundingDraft, sources: GroundingSources): GroundingProblem[] {
  const problems: GroundingProblem[] = [];
  if (draft.citations.length === 0) problems.push({ kind: 'no_citation' });
  for (const id of draft.citations)
    if (!sources.scripts.has(id)) problems.push({ kind: 'unknown_citation', scriptId: id });
  const allowed = numbersIn(
    [...draft.citations.map((id) => sources.scripts.get(id) ?? ''), ...sources.facts].join('\n'),
  );
  for (const matched of unsupportedNumbers(draft.answer, allowed))
    problems.push({ kind: 'unsupported_number', matched });
  return problems;
}

/** Numbers with a unit (「3个工作日」「50万元」) in `text` whose value is not in `allowed`. */
export function unsupportedNumbers(text: string, allowed: ReadonlySet<number>): string[] {
  const out: string[] = [];
  for (const match of text.normalize('NFKC').matchAll(NUMBER_WITH_UNIT)) {
    const value = toNumber(match[1]);
    if (value !== null && !allowed.has(value)) out.push(match[0]);
  }
  return out;
}

/** Every number written in the text, Arabic or Chinese, as values. */
export function numbersIn(text: string): Set<number> {
  const values = new Set<number>();
  for (const match of text.normalize('NFKC').matchAll(ANY_NUMBER)) {
    const value = toNumber(match[0]);
    if (value !== null) values.add(value);
  }
  return values;
}

function toNumber(text: string): number | null {
  if (text === '半') return 0.5;
  if (/^\d/.test(text)) {
    const value = Number(text.replace(/,/g, ''));
    return Number.isFinite(value) ? value : null;
  }
  return parseChineseNumber(text);
}
