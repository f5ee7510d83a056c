import { beijingDate, isCalendarDate } from '@anxin/common';
import { QualityException } from '../quality.exception';
import { KPI_GROUP_BY, type KpiGroupBy, type KpiQuery } from './kpi.reader';

/** Longest period one request may cover, in days (a leap year). */
export const KPI_MAX_DAYS = 366;
/** Without from/to: the last 7 days ending today (Beijing). */
export const KPI_DEFAULT_DAYS = 7;
/** conversation.channel is varchar(32). */
const CHANNEL_MAX_LENGTH = 32;

const DAY_MS = 86_400_000;

/**
 * Parses `GET /api/qa/kpis` query parameters (from, to, groupBy, channel; others are ignored)
 * into a period of Beijing dates. `now` comes from the injected clock. Every problem is reported
 * at once as QA.INVALID_REQUEST.
 */
export function parseKpiQuery(raw: unknown, now: Date): KpiQuery {
  const query = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const problems: string[] = [];
  const single = (name: string): string | undefined => {
    const value = query[name];
    if (value === undefined) return undefined;
    if (typeof value === 'string') return value;
    problems.push(`${name} 只能出现一次，且应为文本`);
    return undefined;
  };

  const fromText = single('from');
  const toText = single('to');
  const groupByText = single('groupBy');
  const channelText = single('channel');

  const from = fromText === undefined ? undefined : dateOrProblem('from', fromText, problems);
  const to = toText === undefined ? beijingDate(now) : dateOrProblem('to', toText, problems);

  let groupBy: KpiGroupBy = 'day';
  if (groupByText !== undefined) {
    if ((KPI_GROUP_BY as readonly string[]).includes(groupByText)) groupBy = groupByText as KpiGroupBy;
    else problems.push(`groupBy 应为 ${KPI_GROUP_BY.join('、')} 之一，收到「${groupByText}」`);
  }

  let channel: string | null = null;
  if (channelText !== undefined) {
    const trimmed = channelText.trim();
    if (trimmed.length >= 1 && trimmed.length <= CHANNEL_MAX_LENGTH) channel = trimmed;
    else problems.push(`channel 应为1至${CHANNEL_MAX_LENGTH}个字符`);
  }

  let period: { from: string; to: string } | null = null;
  if (to !== null && from !== null) {
    const start = from ?? addDays(to, 1 - KPI_DEFAULT_DAYS);
    const days = daysBetween(start, to) + 1;
    if (days < 1) problems.push(`开始日期 from（${start}）不能晚于结束日期 to（${to}）`);
    else if (days > KPI_MAX_DAYS)
      problems.push(`统计区间最长${KPI_MAX_DAYS}天，本次为${days}天（${start} 至 ${to}）`);
    else period = { from: start, to };
  }

  if (problems.length > 0 || period === null)
    throw new QualityException('QA.INVALID_REQUEST', `查询参数有误：${problems.join('；')}`, { problems });
  return { ...period, groupBy, channel };
}

/** Every date from `from` to `to` inclusive (YYYY-MM-DD). */
export function daysOf(from: string, to: string): string[] {
  const count = daysBetween(from, to) + 1;
  return Array.from({ length: Math.max(count, 0) }, (_, i) => addDays(from, i));
}

function dateOrProblem(name: string, text: string, problems: string[]): string | null {
  if (isCalendarDate(text)) return text;
  problems.push(`${name} 应为有效日期，格式 YYYY-MM-DD（北京时间），收到「${text.slice(0, 40)}」`);
  return null;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}
