import { isCalendarDate } from '@anxin/common';
import { QualityException } from '../quality.exception';
import type { ScoreSource } from '../scoring/qa-score.store';
import type { TranscriptFilter } from './qa-review.store';

export const LIST_LIMITS = { defaultLimit: 50, maxLimit: 200 } as const;

type Query = Readonly<Record<string, unknown>>;

/** The console list's query string → a typed filter; QA.INVALID_REQUEST names each bad parameter. */
export function parseListQuery(query: Query): TranscriptFilter {
  const problems: string[] = [];
  const bool = (name: string): boolean | undefined => {
    const value = single(query[name]);
    if (value === undefined || value === '') return undefined;
    if (value === 'true') return true;
    if (value === 'false') return false;
    problems.push(`${name}: 应为 true 或 false`);
    return undefined;
  };
  const str = (name: string, pattern: RegExp, rule: string): string | undefined => {
    const value = single(query[name]);
    if (value === undefined || value === '') return undefined;
    if (pattern.test(value)) return value;
    problems.push(`${name}: ${rule}`);
    return undefined;
  };
  const int = (name: string, min: number, max: number, fallback: number): number => {
    const value = single(query[name]);
    if (value === undefined || value === '') return fallback;
    const n = Number(value);
    if (Number.isInteger(n) && n >= min && n <= max) return n;
    problems.push(`${name}: 应为 ${min}–${max} 的整数`);
    return fallback;
  };
  const from = date(query, 'from', problems);
  const to = date(query, 'to', problems);
  if (from && to && from > to) problems.push('from: 不能晚于 to');
  const filter: TranscriptFilter = {
    failed: bool('failed'),
    redLine: bool('redLine'),
    reviewed: bool('reviewed'),
    disputed: bool('disputed'),
    check: str('check', /^CS-\d{2}$/, '应为检查项编号，如 CS-08'),
    channel: str('channel', /^[\w.-]{1,32}$/, '应为渠道名（字母、数字、._-，最多32个字符）'),
    agent: str('agent', /^[^\s]{1,64}$/, '应为坐席编号（最多64个字符）'),
    source: str('source', /^(conversation|import)$/, '应为 conversation 或 import') as
      ScoreSource | undefined,
    from,
    to,
    limit: int('limit', 1, LIST_LIMITS.maxLimit, LIST_LIMITS.defaultLimit),
    offset: int('offset', 0, 1_000_000, 0),
  };
  if (problems.length > 0)
    throw new QualityException('QA.INVALID_REQUEST', `查询条件无效：${problems.join('；')}`, { problems });
  return filter;
}

/** from/to of the review statistics. */
export function parsePeriod(query: Query): { from?: string; to?: string } {
  const problems: string[] = [];
  const from = date(query, 'from', problems);
  const to = date(query, 'to', problems);
  if (from && to && from > to) problems.push('from: 不能晚于 to');
  if (problems.length > 0)
    throw new QualityException('QA.INVALID_REQUEST', `查询条件无效：${problems.join('；')}`, { problems });
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

function single(value: unknown): string | undefined {
  if (Array.isArray(value)) return single(value.at(-1));
  return typeof value === 'string' ? value.trim() : undefined;
}

function date(query: Query, name: string, problems: string[]): string | undefined {
  const value = single(query[name]);
  if (value === undefined || value === '') return undefined;
  if (isCalendarDate(value)) return value;
  problems.push(`${name}: 应为有效日期 YYYY-MM-DD`);
  return undefined;
}
