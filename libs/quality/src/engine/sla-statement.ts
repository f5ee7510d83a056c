import type { SlaEntry, SlaUnit } from '@anxin/knowledge';
import { UNIT_LABELS } from './qa-labels';
import { parseNumber } from './text.util';

/** A time limit stated in a turn, e.g. "30天" → 30 days, "两周" → 14 days. */
export interface StatedLimit {
  readonly value: number;
  readonly unit: SlaUnit;
}

const DURATION = /(\d+(?:\.\d+)?|[零一二两三四五六七八九十百]+)\s*(?:个)?(分钟|小时|工作日|日|天|周|月|年)/u;
const UNITS: Readonly<Record<string, { unit: SlaUnit; factor: number }>> = {
  分钟: { unit: 'minutes', factor: 1 },
  小时: { unit: 'hours', factor: 1 },
  工作日: { unit: 'working_days', factor: 1 },
  日: { unit: 'days', factor: 1 },
  天: { unit: 'days', factor: 1 },
  周: { unit: 'days', factor: 7 },
  月: { unit: 'months', factor: 1 },
  年: { unit: 'years', factor: 1 },
};

export function parseStatedLimit(text: string): StatedLimit | null {
  const m = DURATION.exec(text);
  if (!m) return null;
  const value = parseNumber(m[1]);
  const unit = UNITS[m[2]];
  return Number.isNaN(value) ? null : { value: value * unit.factor, unit: unit.unit };
}

/** Whether a stated limit is the entry's (same unit, value within value…upTo). */
export function agreesWith(stated: StatedLimit, entry: SlaEntry): boolean {
  return (
    stated.unit === entry.unit && stated.value >= entry.value && stated.value <= (entry.upTo ?? entry.value)
  );
}

/** "理赔核定：30天（以内）" for explanations and the judge. */
export function describeEntry(entry: SlaEntry): string {
  const range = entry.upTo === undefined ? `${entry.value}` : `${entry.value}至${entry.upTo}`;
  return `${entry.title}：${range}${UNIT_LABELS[entry.unit]}`;
}

/** sla.yaml entries whose cues occur in a sentence (NFKC, case-insensitive). */
export function entriesCuedIn(
  sentence: string,
  entries: readonly { readonly entry: SlaEntry; readonly cues: readonly string[] }[],
): SlaEntry[] {
  const lower = sentence.toLowerCase();
  return entries.filter((e) => e.cues.some((cue) => lower.includes(cue))).map((e) => e.entry);
}

/** A customer asking how long something takes (「犹豫期到底几天？」, 「要多久」). */
const DURATION_QUESTION = /几|多久|多长|多少(天|日|个?工作日|小时|分钟|周|个?月|年)/u;

export function asksForDuration(text: string): boolean {
  return DURATION_QUESTION.test(text);
}
