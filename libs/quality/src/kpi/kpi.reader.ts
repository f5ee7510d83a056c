import { BEIJING_TIME_ZONE } from '@anxin/common';
/** Service KPIs (docs/api/kpi.md): computed in SQL from stored conversations, messages and QA scores. */

export const KPI_GROUP_BY = ['day', 'channel', 'agent'] as const;
export type KpiGroupBy = (typeof KPI_GROUP_BY)[number];

/** Periods and day buckets are Beijing dates. */
export const KPI_TIMEZONE = BEIJING_TIME_ZONE;

/** The key of the bot in `groupBy=agent` (human agents are keyed by their staff username). */
export const KPI_BOT_KEY = 'bot';

/** A validated KPI request (see parseKpiQuery). */
export interface KpiQuery {
  /** First day of the period, YYYY-MM-DD (Beijing), inclusive. */
  readonly from: string;
  /** Last day of the period, YYYY-MM-DD (Beijing), inclusive. */
  readonly to: string;
  readonly groupBy: KpiGroupBy;
  /** Only this channel (conversations' channel, imported transcripts' channel); null: every channel. */
  readonly channel: string | null;
}

/** Seconds, rounded to 0.1; null when n is 0. */
export interface ResponseTimeKpi {
  readonly avgSec: number | null;
  readonly p50Sec: number | null;
  readonly n: number;
}

export interface Kpis {
  /** Conversations opened in the period (their day is the Beijing day they opened). */
  readonly conversations: number;
  /** Of those, closed ones. */
  readonly closed: number;
  readonly firstResponseBot: ResponseTimeKpi;
  readonly firstResponseHuman: ResponseTimeKpi;
  /**
   * Closed without a handoff request, an agent message or an assignment ÷ closed; null when nothing
   * closed (and for human agents' groups).
   */
  readonly containmentRate: number | null;
  /** Conversations with a handoff_requested event ÷ conversations. */
  readonly handoffRate: number | null;
  /** Explicit 转人工 requests (handoff_requested, reason explicit_request) and what came of them. */
  readonly explicitHandoff: {
    readonly requested: number;
    /** Of those, queued for a human (queued_at set): also the ones that left the queue with a ticket. */
    readonly queued: number;
    /** Of those, accepted by an agent (assigned_at set). */
    readonly assigned: number;
    /** Of those, a human agent wrote after the first explicit request. */
    readonly answered: number;
    /** Of those, a callback ticket (ticket_created, kind callback) was created after the first request. */
    readonly ticketed: number;
    /** answered ÷ requested. */
    readonly honouredRate: number | null;
  };
  readonly qa: {
    readonly scored: number;
    readonly average: number | null;
    readonly passRate: number | null;
    /** Red lines (isRedLine) in the effective (reviewed, else automatic) findings, by check id. */
    readonly redLines: Readonly<Record<string, number>>;
    readonly redLineTotal: number;
  };
  readonly csat: {
    readonly invited: number;
    readonly responses: number;
    readonly average: number | null;
    /** Invited conversations that answered ÷ invited. */
    readonly responseRate: number | null;
  };
  readonly complaints: { readonly count: number; readonly per1000: number | null };
}

export interface KpiGroup extends Kpis {
  /** The day (YYYY-MM-DD), the channel, or "bot" / a human agent's username. */
  readonly key: string;
}

export interface KpiReport {
  readonly from: string;
  readonly to: string;
  readonly groupBy: KpiGroupBy;
  readonly channel: string | null;
  readonly timezone: typeof KPI_TIMEZONE;
  readonly totals: Kpis;
  /** groupBy day: every day of the period, also empty ones; otherwise the keys with data. */
  readonly groups: readonly KpiGroup[];
}

/** Port (and DI token): where the KPIs are computed. */
export abstract class KpiReader {
  abstract read(query: KpiQuery): Promise<KpiReport>;
}

/** The KPIs of a group without any data: zero counts, null rates and averages. */
export function emptyKpis(): Kpis {
  return {
    conversations: 0,
    closed: 0,
    firstResponseBot: { avgSec: null, p50Sec: null, n: 0 },
    firstResponseHuman: { avgSec: null, p50Sec: null, n: 0 },
    containmentRate: null,
    handoffRate: null,
    explicitHandoff: { requested: 0, queued: 0, assigned: 0, answered: 0, ticketed: 0, honouredRate: null },
    qa: { scored: 0, average: null, passRate: null, redLines: {}, redLineTotal: 0 },
    csat: { invited: 0, responses: 0, average: null, responseRate: null },
    complaints: { count: 0, per1000: null },
  };
}
