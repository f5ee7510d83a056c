import type { DataSource } from 'typeorm';
import { redLineSql } from '../engine/score.calculator';
import { daysOf } from './kpi-query';
import {
  KPI_BOT_KEY,
  emptyKpis,
  KPI_TIMEZONE,
  type KpiGroup,
  type KpiGroupBy,
  KpiReader,
  type KpiQuery,
  type KpiReport,
  type Kpis,
} from './kpi.reader';

/*
 * Every KPI is computed here, in SQL, from the stored rows (definitions: docs/api/kpi.md).
 * Parameters of every query: $1 first day, $2 last day (YYYY-MM-DD, Beijing, inclusive),
 * $3 channel or null. Each query returns one row per group key plus the totals row (key NULL).
 * The grouping fragments below are constants chosen by groupBy, never request text.
 */

/** [start, end) of the period as instants: Beijing midnights. */
const IN_PERIOD = (column: string): string => `
      ${column} >= $1::date::timestamp AT TIME ZONE 'Asia/Shanghai'
      AND ${column} < ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`;

/** numerator ÷ denominator rounded to `digits`; NULL when the denominator is 0. */
const ratio = (numerator: string, denominator: string, digits = 4): string =>
  `round((${numerator})::numeric / NULLIF(${denominator}, 0), ${digits})::float8`;

/** An average or median rounded to 0.1 (NULL over no rows). */
const round1 = (expression: string): string => `round((${expression})::numeric, 1)::float8`;

/**
 * conv: conversations opened in the period (day = the Beijing day they opened).
 * facts: one row per conversation with what the KPIs read from its messages:
 *   ask          the first customer message
 *   bot_reply    the first bot message after it                    → bot_first_sec
 *   handoff      the first handoff_requested event
 *   human_reply  the first agent message after the handoff event (or, without one, at or after
 *                queued_at)                                        → human_first_sec, first_agent_id
 *   explicit     the first explicit 转人工 request (handoff_requested, reason explicit_request)
 *   after_explicit  whether a human agent wrote after it (answered), whether a callback ticket was
 *                created after it (ticketed)
 *   seen         who wrote (bot, agent usernames), complaint intent
 * contained: closed without a human: no handoff_requested event (whatever came of it: an agent, a ticket,
 * the customer leaving the queue, a return to the bot), never queued, no agent message, never assigned.
 */
const CONVERSATION_FACTS = `
  conv AS (
    SELECT c.id, c.channel, c.closed_at IS NOT NULL AS closed, c.queued_at, c.assigned_at,
           c.assigned_agent_id, c.csat, c.csat_invited_at,
           to_char(c.opened_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day
    FROM conversation c
    WHERE ${IN_PERIOD('c.opened_at')}
      AND ($3::text IS NULL OR c.channel = $3::text)
  ),
  facts AS (
    SELECT conv.*,
           EXTRACT(EPOCH FROM bot_reply.created_at - ask.created_at)::float8 AS bot_first_sec,
           EXTRACT(EPOCH FROM human_reply.created_at - COALESCE(handoff.created_at, conv.queued_at))::float8
             AS human_first_sec,
           human_reply.agent_id AS first_agent_id,
           handoff.seq IS NOT NULL AS handoff_requested,
           COALESCE(seen.bot_wrote, false) AS bot_wrote,
           seen.agent_ids,
           conv.closed AND handoff.seq IS NULL AND conv.queued_at IS NULL AND NOT COALESCE(seen.agent_wrote, false)
             AND conv.assigned_agent_id IS NULL AND conv.assigned_at IS NULL AS contained,
           explicit.seq IS NOT NULL AS explicit_request,
           COALESCE(after_explicit.answered, false) AS explicit_answered,
           COALESCE(after_explicit.ticketed, false) AS explicit_ticketed,
           COALESCE(seen.complaint, false) AS complaint
    FROM conv
    LEFT JOIN LATERAL (
      SELECT m.seq, m.created_at FROM message m
      WHERE m.conversation_id = conv.id AND m.role = 'customer'
      ORDER BY m.seq LIMIT 1
    ) ask ON true
    LEFT JOIN LATERAL (
      SELECT m.created_at FROM message m
      WHERE m.conversation_id = conv.id AND m.role = 'bot' AND m.seq > ask.seq
      ORDER BY m.seq LIMIT 1
    ) bot_reply ON true
    LEFT JOIN LATERAL (
      SELECT m.seq, m.created_at FROM message m
      WHERE m.conversation_id = conv.id AND m.role = 'system' AND m.payload->>'event' = 'handoff_requested'
      ORDER BY m.seq LIMIT 1
    ) handoff ON true
    LEFT JOIN LATERAL (
      SELECT m.created_at, COALESCE(m.payload->>'agentId', 'unknown') AS agent_id FROM message m
      WHERE m.conversation_id = conv.id AND m.role = 'agent'
        AND (m.seq > handoff.seq OR (handoff.seq IS NULL AND m.created_at >= conv.queued_at))
      ORDER BY m.seq LIMIT 1
    ) human_reply ON true
    LEFT JOIN LATERAL (
      SELECT m.seq FROM message m
      WHERE m.conversation_id = conv.id AND m.role = 'system' AND m.payload->>'event' = 'handoff_requested'
        AND m.payload->>'reason' = 'explicit_request'
      ORDER BY m.seq LIMIT 1
    ) explicit ON true
    LEFT JOIN LATERAL (
      SELECT bool_or(m.role = 'agent') AS answered,
             bool_or(m.role = 'system' AND m.payload->>'event' = 'ticket_created'
                     AND m.payload->>'kind' = 'callback') AS ticketed
      FROM message m
      WHERE m.conversation_id = conv.id AND m.seq > explicit.seq
    ) after_explicit ON true
    LEFT JOIN LATERAL (
      SELECT bool_or(m.role = 'bot') AS bot_wrote,
             bool_or(m.role = 'agent') AS agent_wrote,
             array_agg(DISTINCT COALESCE(m.payload->>'agentId', 'unknown')) FILTER (WHERE m.role = 'agent')
               AS agent_ids,
             bool_or((m.role = 'system' AND m.payload->>'event' = 'handoff_requested'
                      AND m.payload->>'reason' = 'complaint')
                  OR (m.role = 'system' AND m.payload->>'event' = 'ticket_created'
                      AND m.payload->>'kind' = 'complaint')
                  OR (m.role = 'bot' AND m.payload->>'flow' = 'complaint-intake')) AS complaint
      FROM message m
      WHERE m.conversation_id = conv.id
    ) seen ON true
  )`;

/**
 * Which group(s) a conversation counts in, and which response times / containment count there.
 * By agent: "bot" holds the conversations the bot wrote in (bot first response, containment);
 * each human agent the ones they wrote in, with the human first responses they gave.
 */
const CONVERSATION_KEYS: Record<KpiGroupBy, string> = {
  day: `SELECT f.id, f.day AS key, true AS bot_scope, true AS human_scope, true AS containment_scope FROM facts f`,
  channel: `SELECT f.id, f.channel, true, true, true FROM facts f`,
  agent: `
    SELECT f.id, '${KPI_BOT_KEY}', true, false, true FROM facts f WHERE f.bot_wrote
    UNION ALL
    SELECT f.id, a.agent_id, false, f.first_agent_id IS NOT DISTINCT FROM a.agent_id, false
    FROM facts f CROSS JOIN LATERAL unnest(f.agent_ids) AS a(agent_id)`,
};

const conversationKpisSql = (groupBy: KpiGroupBy): string => `
  WITH ${CONVERSATION_FACTS},
  keyed AS (
    SELECT f.id, NULL::text AS key, true AS bot_scope, true AS human_scope, true AS containment_scope
    FROM facts f
    UNION ALL
    ${CONVERSATION_KEYS[groupBy]}
  )
  SELECT k.key,
    count(*)::int AS conversations,
    count(*) FILTER (WHERE f.closed)::int AS closed,
    ${round1('avg(f.bot_first_sec) FILTER (WHERE k.bot_scope)')} AS bot_avg_sec,
    ${round1('percentile_cont(0.5) WITHIN GROUP (ORDER BY f.bot_first_sec) FILTER (WHERE k.bot_scope)')}
      AS bot_p50_sec,
    (count(f.bot_first_sec) FILTER (WHERE k.bot_scope))::int AS bot_n,
    ${round1('avg(f.human_first_sec) FILTER (WHERE k.human_scope)')} AS human_avg_sec,
    ${round1('percentile_cont(0.5) WITHIN GROUP (ORDER BY f.human_first_sec) FILTER (WHERE k.human_scope)')}
      AS human_p50_sec,
    (count(f.human_first_sec) FILTER (WHERE k.human_scope))::int AS human_n,
    ${ratio(
      'count(*) FILTER (WHERE f.contained AND k.containment_scope)',
      'count(*) FILTER (WHERE f.closed AND k.containment_scope)',
    )} AS containment_rate,
    ${ratio('count(*) FILTER (WHERE f.handoff_requested)', 'count(*)')} AS handoff_rate,
    count(*) FILTER (WHERE f.explicit_request)::int AS explicit_requested,
    count(*) FILTER (WHERE f.explicit_request AND f.queued_at IS NOT NULL)::int AS explicit_queued,
    count(*) FILTER (WHERE f.explicit_request AND f.assigned_at IS NOT NULL)::int AS explicit_assigned,
    count(*) FILTER (WHERE f.explicit_answered)::int AS explicit_answered,
    count(*) FILTER (WHERE f.explicit_ticketed)::int AS explicit_ticketed,
    ${ratio('count(*) FILTER (WHERE f.explicit_answered)', 'count(*) FILTER (WHERE f.explicit_request)')}
      AS explicit_honoured_rate,
    count(*) FILTER (WHERE f.csat_invited_at IS NOT NULL)::int AS csat_invited,
    count(f.csat)::int AS csat_responses,
    ${round1('avg(f.csat)')} AS csat_average,
    ${ratio(
      'count(*) FILTER (WHERE f.csat_invited_at IS NOT NULL AND f.csat IS NOT NULL)',
      'count(*) FILTER (WHERE f.csat_invited_at IS NOT NULL)',
    )} AS csat_response_rate,
    count(*) FILTER (WHERE f.complaint)::int AS complaints,
    ${ratio('1000 * count(*) FILTER (WHERE f.complaint)', 'count(*)', 1)} AS complaints_per_1000
  FROM keyed k
  JOIN facts f ON f.id = k.id
  GROUP BY k.key`;

/**
 * latest: per scored transcript (conversation or import), its newest standard version (the newest
 * scoring run breaks ties), placed on the Beijing day of COALESCE(started_at, scored_at) and on
 * its channel. Only rows of the period (and channel) are read (index ix_qa_score_period); a row
 * there counts when no newer row of its transcript exists, in the period or not.
 * scored: every subject row of that version with its effective score: the reviewed one
 * (qa_reviewed_score, same key) when it exists, else the automatic one.
 */
const EFFECTIVE_SCORES = `
  latest AS (
    SELECT DISTINCT ON (s.source, s.transcript_ref)
           s.source, s.transcript_ref, s.standard_version, s.engine_version, s.channel,
           COALESCE(s.started_at, s.scored_at) AS at,
           to_char(COALESCE(s.started_at, s.scored_at) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day
    FROM qa_score s
    WHERE s.subject = 'all'
      AND ${IN_PERIOD('COALESCE(s.started_at, s.scored_at)')}
      AND ($3::text IS NULL OR s.channel = $3::text)
      AND NOT EXISTS (
        SELECT 1 FROM qa_score n
        WHERE n.source = s.source AND n.transcript_ref = s.transcript_ref AND n.subject = 'all'
          AND (n.standard_version > s.standard_version
               OR (n.standard_version = s.standard_version AND n.scored_at > s.scored_at)))
    ORDER BY s.source, s.transcript_ref, s.standard_version DESC, s.scored_at DESC
  ),
  scored AS (
    SELECT l.day, l.channel, s.subject, s.agent_id,
           COALESCE(r.score, s.score) AS score,
           COALESCE(r.passed, s.passed) AS passed,
           COALESCE(r.findings, s.findings) AS findings
    FROM latest l
    JOIN qa_score s
      ON s.source = l.source AND s.transcript_ref = l.transcript_ref
     AND s.standard_version = l.standard_version AND s.engine_version = l.engine_version
    LEFT JOIN qa_reviewed_score r
      ON r.source = s.source AND r.transcript_ref = s.transcript_ref
     AND r.standard_version = s.standard_version AND r.engine_version = s.engine_version
     AND r.subject = s.subject AND r.agent_id = s.agent_id
  )`;

/** Totals and day/channel read the whole-transcript scores; by agent, the bot's and each agent's. */
const QA_KEYS: Record<KpiGroupBy, string> = {
  day: `SELECT s.day AS key, s.score, s.passed, s.findings FROM scored s WHERE s.subject = 'all'`,
  channel: `SELECT s.channel, s.score, s.passed, s.findings FROM scored s WHERE s.subject = 'all'`,
  agent: `
    SELECT CASE s.subject WHEN 'bot' THEN '${KPI_BOT_KEY}' ELSE s.agent_id END, s.score, s.passed, s.findings
    FROM scored s WHERE s.subject IN ('bot', 'agent')`,
};

const qaKeyed = (groupBy: KpiGroupBy): string => `
  WITH ${EFFECTIVE_SCORES},
  keyed AS (
    SELECT NULL::text AS key, s.score, s.passed, s.findings FROM scored s WHERE s.subject = 'all'
    UNION ALL
    ${QA_KEYS[groupBy]}
  )`;

const qaKpisSql = (groupBy: KpiGroupBy): string => `
  ${qaKeyed(groupBy)}
  SELECT k.key,
    count(*)::int AS scored,
    ${round1('avg(k.score)')} AS average,
    ${ratio('count(*) FILTER (WHERE k.passed)', 'count(*)')} AS pass_rate
  FROM keyed k
  GROUP BY k.key`;

/** Red lines (isRedLine: critical, or of a red-line check) among the effective findings, by check id. */
const redLinesSql = (groupBy: KpiGroupBy): string => `
  ${qaKeyed(groupBy)}
  SELECT k.key, finding->>'check' AS check_id, count(*)::int AS n
  FROM keyed k
  CROSS JOIN LATERAL jsonb_array_elements(
    CASE WHEN jsonb_typeof(k.findings) = 'array' THEN k.findings ELSE '[]'::jsonb END
  ) AS finding
  WHERE ${redLineSql('finding')}
  GROUP BY k.key, finding->>'check'
  ORDER BY finding->>'check'`;

interface ConversationRow {
  key: string | null;
  conversations: number;
  closed: number;
  bot_avg_sec: number | null;
  bot_p50_sec: number | null;
  bot_n: number;
  human_avg_sec: number | null;
  human_p50_sec: number | null;
  human_n: number;
  containment_rate: number | null;
  handoff_rate: number | null;
  explicit_requested: number;
  explicit_queued: number;
  explicit_assigned: number;
  explicit_answered: number;
  explicit_ticketed: number;
  explicit_honoured_rate: number | null;
  csat_invited: number;
  csat_responses: number;
  csat_average: number | null;
  csat_response_rate: number | null;
  complaints: number;
  complaints_per_1000: number | null;
}

interface QaRow {
  key: string | null;
  scored: number;
  average: number | null;
  pass_rate: number | null;
}

interface RedLineRow {
  key: string | null;
  check_id: string | null;
  n: number;
}

type ConversationPart = Omit<Kpis, 'qa'>;
interface QaPart {
  scored: number;
  average: number | null;
  passRate: number | null;
  redLines: Record<string, number>;
  redLineTotal: number;
}

/** KPIs through plain SQL (conversation, message, qa_score, qa_reviewed_score). */
export class PostgresKpiReader extends KpiReader {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async read(query: KpiQuery): Promise<KpiReport> {
    const params = [query.from, query.to, query.channel];
    const conversations = (await this.dataSource.query(
      conversationKpisSql(query.groupBy),
      params,
    )) as ConversationRow[];
    const qa = (await this.dataSource.query(qaKpisSql(query.groupBy), params)) as QaRow[];
    const redLines = (await this.dataSource.query(redLinesSql(query.groupBy), params)) as RedLineRow[];

    const byKey = new Map<string | null, { conversation?: ConversationPart; qa?: QaPart }>();
    const entry = (key: string | null) => {
      let found = byKey.get(key);
      if (!found) byKey.set(key, (found = {}));
      return found;
    };
    for (const row of conversations) entry(row.key).conversation = conversationPart(row);
    for (const row of qa)
      entry(row.key).qa = {
        scored: row.scored,
        average: row.average,
        passRate: row.pass_rate,
        redLines: {},
        redLineTotal: 0,
      };
    for (const row of redLines) {
      const part = entry(row.key).qa;
      if (!part) continue;
      const check = row.check_id ?? 'unknown';
      part.redLines[check] = (part.redLines[check] ?? 0) + row.n;
      part.redLineTotal += row.n;
    }

    const kpisOf = (key: string | null): Kpis => {
      const empty = emptyKpis();
      const found = byKey.get(key);
      return { ...empty, ...found?.conversation, qa: found?.qa ?? empty.qa };
    };
    const keys =
      query.groupBy === 'day'
        ? daysOf(query.from, query.to)
        : [...byKey.keys()].filter((key): key is string => key !== null).sort(groupOrder);
    const groups: KpiGroup[] = keys.map((key) => ({ key, ...kpisOf(key) }));
    return {
      from: query.from,
      to: query.to,
      groupBy: query.groupBy,
      channel: query.channel,
      timezone: KPI_TIMEZONE,
      totals: kpisOf(null),
      groups,
    };
  }
}

/** "bot" first, then by key (code-unit order). */
function groupOrder(a: string, b: string): number {
  if (a === b) return 0;
  if (a === KPI_BOT_KEY) return -1;
  if (b === KPI_BOT_KEY) return 1;
  return a < b ? -1 : 1;
}

function conversationPart(row: ConversationRow): ConversationPart {
  return {
    conversations: row.conversations,
    closed: row.closed,
    firstResponseBot: { avgSec: row.bot_avg_sec, p50Sec: row.bot_p50_sec, n: row.bot_n },
    firstResponseHuman: { avgSec: row.human_avg_sec, p50Sec: row.human_p50_sec, n: row.human_n },
    containmentRate: row.containment_rate,
    handoffRate: row.handoff_rate,
    explicitHandoff: {
      requested: row.explicit_requested,
      queued: row.explicit_queued,
      assigned: row.explicit_assigned,
      answered: row.explicit_answered,
      ticketed: row.explicit_ticketed,
      honouredRate: row.explicit_honoured_rate,
    },
    csat: {
      invited: row.csat_invited,
      responses: row.csat_responses,
      average: row.csat_average,
      responseRate: row.csat_response_rate,
    },
    complaints: { count: row.complaints, per1000: row.complaints_per_1000 },
  };
}
