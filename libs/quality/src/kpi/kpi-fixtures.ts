import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { countRedLines } from '../engine/score.calculator';

/*
 * A small, fully known dataset for the KPI SQL (postgres-kpi.reader.int-spec.ts). Times are
 * Beijing wall-clock times on day D-2 … D+2; the period under test is D-1 … D+1.
 *
 * conversation  channel    opened (Beijing)     what happens
 * C0            web        D-2 23:59:59         outside the period (a failed QA score too)
 * C1            web        D-1 23:59:00         bot answers in 2 s, callback ticket, closed; CSAT 5;
 *                                               QA v1 (60, CS-08 red line, even reviewed 100) superseded by v2 90
 * C9            app        D-1 10:00:00         bot 3 s, repeated failure → handoff, queued, no agent joins, returned
 *                                               to the bot, closed: handed off, so not contained
 * C2            web        D   00:00:00         转人工 → queued, assigned, liuyang answers in 30 s; bot notice 1 s;
 *                                               closed; CSAT 4; QA 70 with CS-08 red line, reviewed to 85 (overturned)
 * C3            app        D   10:00:00         complaint flow (bot 4 s), complaint ticket, handoff complaint,
 *                                               queued, customer leaves (closed, not contained); CSAT invited, no
 *                                               answer; QA 80 (CS-14 major, no red line) reviewed to 40 with an
 *                                               added CS-13 red line
 * C4            web        D   23:59:59         转人工 requested but never queued (bot 3 s); open
 * C5            wechat-oa  D+1 00:00:00         complaint flow started (bot 6 s), repeated failure → queued,
 *                                               zhaolei answers in 90 s, liuyang joins; closed; CSAT 2;
 *                                               QA 50 with CS-08 (zhaolei) and CS-07 (liuyang) red lines
 * C8            web        D+1 09:00:00         转人工 (bot 2 s) → queued, no agent: callback ticket, closed; never
 *                                               answered (not honoured) and not contained
 * C6            app        D+1 11:00:00         queued from a menu (no event): zhaolei answers 10 s after
 *                                               queued_at; no bot message; open
 * C10           web        D+1 14:00:00         bot only (2 s), closed, contained; QA 90 with a major CS-11 finding:
 *                                               CS-11 is a red-line check, so a red line although not critical
 * C7            web        D+2 00:00:00         outside the period
 * import        phone      scored D+1 01:30     imported call, agent A1024, 77 passed
 * import (out)  phone      scored D+2 00:30     outside the period
 *
 * Findings carry `redLine` as the engine writes it: their check's flag in behaviour.yaml (RED_LINE_CHECKS),
 * so the critical CS-07 and CS-13 findings are red lines by severity alone, the major CS-11 by its check.
 */

export const KPI_AGENTS = { liuyang: 'liuyang', zhaolei: 'zhaolei', imported: 'A1024' } as const;

type Role = 'customer' | 'bot' | 'agent' | 'system';
/** [seconds after opening, role, text, payload] */
type MessageSpec = readonly [number, Role, string, Record<string, unknown>?];

interface ConversationSpec {
  readonly channel: string;
  readonly openedAt: Date;
  readonly state: 'bot' | 'queued' | 'agent' | 'closed';
  /** Seconds after opening. */
  readonly queuedAfter?: number;
  readonly assignedAfter?: number;
  readonly closedAfter?: number;
  readonly csatInvitedAfter?: number;
  readonly csat?: number;
  readonly messages: readonly MessageSpec[];
}

interface Finding {
  readonly check: string;
  readonly severity: 'minor' | 'major' | 'critical';
  /** The check's red-line flag (behaviour.yaml), as the engine copies it onto its findings. */
  readonly redLine: boolean;
  readonly messageIndex: number | null;
}

interface ScoreSpec {
  readonly source: 'conversation' | 'import';
  readonly ref: string;
  readonly channel: string;
  readonly subject: 'all' | 'bot' | 'agent';
  readonly agentId?: string;
  readonly version: number;
  readonly score: number;
  readonly findings: readonly Finding[];
  readonly startedAt: Date | null;
  readonly scoredAt: Date;
}

export interface KpiDataset {
  /** D-1, D, D+1: the period under test. */
  readonly days: readonly [string, string, string];
  readonly conversations: Readonly<Record<`C${0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10}`, string>>;
}

const ENGINE = 'qa-engine/1';
/** The checks of the compliance red-line gate (`redLine: true` in knowledge/standards/behaviour.yaml). */
const RED_LINE_CHECKS = new Set(['CS-08', 'CS-09', 'CS-11', 'CS-15', 'CS-16', 'CS-23', 'CS-24', 'CS-25']);
const finding = (check: string, severity: Finding['severity'], messageIndex: number | null): Finding => ({
  check,
  severity,
  redLine: RED_LINE_CHECKS.has(check),
  messageIndex,
});
const red = (check: string, messageIndex: number | null = 1): Finding =>
  finding(check, 'critical', messageIndex);
const minor = (check: string): Finding => finding(check, 'minor', 0);
const major = (check: string, messageIndex = 0): Finding => finding(check, 'major', messageIndex);

/** Inserts the dataset around Beijing day `day` (D, YYYY-MM-DD). */
export async function seedKpiDataset(db: DataSource, day: string): Promise<KpiDataset> {
  /** The instant of Beijing wall time `time` on day D + offset. */
  const bj = (offset: number, time: string): Date =>
    new Date(Date.parse(`${day}T${time}+08:00`) + offset * 86_400_000);
  const date = (offset: number): string => bj(offset, '12:00:00').toISOString().slice(0, 10);
  const reviewer = await insertStaff(db);
  const handoff = (reason: string) => ({ event: 'handoff_requested', reason });

  const C0 = await insertConversation(db, {
    channel: 'web',
    openedAt: bj(-2, '23:59:59'),
    state: 'closed',
    closedAfter: 60,
    messages: [
      [0, 'customer', '你好'],
      [1, 'bot', '您好，我是安心保险智能客服。'],
    ],
  });
  const C1 = await insertConversation(db, {
    channel: 'web',
    openedAt: bj(-1, '23:59:00'),
    state: 'closed',
    closedAfter: 120,
    csatInvitedAfter: 120,
    csat: 5,
    messages: [
      [5, 'bot', '您好，我是安心保险智能客服。'],
      [10, 'customer', '车险理赔需要准备哪些材料?'],
      [12, 'bot', '需要准备保单、驾驶证……', { responder: 'flow', flow: 'claim-report' }],
      [30, 'system', '登记回电工单', { event: 'ticket_created', ticketNo: 'T1', kind: 'callback' }],
    ],
  });
  const C2 = await insertConversation(db, {
    channel: 'web',
    openedAt: bj(0, '00:00:00'),
    state: 'closed',
    queuedAfter: 1,
    assignedAfter: 20,
    closedAfter: 300,
    csatInvitedAfter: 300,
    csat: 4,
    messages: [
      [0, 'customer', '转人工'],
      [1, 'system', '转人工：explicit_request', handoff('explicit_request')],
      [1, 'system', '已发送排队提示', { event: 'queue_notice_sent' }],
      [1, 'bot', '正在为您转接人工客服，请稍候。'],
      [20, 'system', '人工接入', { event: 'handoff_accepted' }],
      [31, 'agent', '您好，我是客服刘洋。', { agentId: KPI_AGENTS.liuyang }],
      [40, 'customer', '我想改保单地址'],
      [60, 'agent', '好的，已为您修改。', { agentId: KPI_AGENTS.liuyang }],
    ],
  });
  const C3 = await insertConversation(db, {
    channel: 'app',
    openedAt: bj(0, '10:00:00'),
    state: 'closed',
    queuedAfter: 32,
    closedAfter: 600,
    csatInvitedAfter: 600,
    messages: [
      [0, 'customer', '我要投诉你们的理赔员'],
      [4, 'bot', '非常抱歉给您带来不好的体验，请描述一下经过。', { flow: 'complaint-intake' }],
      [30, 'customer', '他态度很差'],
      [32, 'system', '登记投诉工单T2', { event: 'ticket_created', ticketNo: 'T2', kind: 'complaint' }],
      [32, 'system', '转人工：complaint', { ...handoff('complaint'), skill: 'complaint' }],
      [32, 'bot', '已登记投诉，正在为您转接人工客服。'],
    ],
  });
  const C4 = await insertConversation(db, {
    channel: 'web',
    openedAt: bj(0, '23:59:59'),
    state: 'bot',
    messages: [
      [0, 'customer', '人工客服'],
      [3, 'system', '转人工：explicit_request', handoff('explicit_request')],
      [3, 'bot', '当前非人工服务时间，请留言。'],
    ],
  });
  const C5 = await insertConversation(db, {
    channel: 'wechat-oa',
    openedAt: bj(1, '00:00:00'),
    state: 'closed',
    queuedAfter: 40,
    assignedAfter: 100,
    closedAfter: 900,
    csatInvitedAfter: 900,
    csat: 2,
    messages: [
      [0, 'customer', '我要投诉'],
      [6, 'bot', '请描述您要投诉的问题。', { flow: 'complaint-intake' }],
      [20, 'customer', '？？？'],
      [22, 'bot', '抱歉，我没有理解。'],
      [40, 'system', '转人工：repeated_failure', handoff('repeated_failure')],
      [40, 'bot', '正在为您转接人工客服。'],
      [100, 'system', '人工接入', { event: 'handoff_accepted' }],
      [130, 'agent', '您好，我是客服赵磊。', { agentId: KPI_AGENTS.zhaolei }],
      [200, 'agent', '您好，我是客服刘洋，为您继续处理。', { agentId: KPI_AGENTS.liuyang }],
    ],
  });
  const C6 = await insertConversation(db, {
    channel: 'app',
    openedAt: bj(1, '11:00:00'),
    state: 'agent',
    queuedAfter: 5,
    assignedAfter: 8,
    messages: [
      [0, 'customer', '人工'],
      [15, 'agent', '您好，我是客服赵磊。', { agentId: KPI_AGENTS.zhaolei }],
    ],
  });
  const C7 = await insertConversation(db, {
    channel: 'web',
    openedAt: bj(2, '00:00:00'),
    state: 'closed',
    closedAfter: 60,
    messages: [
      [0, 'customer', '你好'],
      [1, 'bot', '您好。'],
    ],
  });
  const C8 = await insertConversation(db, {
    channel: 'web',
    openedAt: bj(1, '09:00:00'),
    state: 'closed',
    queuedAfter: 2,
    closedAfter: 120,
    messages: [
      [0, 'customer', '转人工'],
      [2, 'system', '转人工：explicit_request', handoff('explicit_request')],
      [2, 'system', '进入人工队列', { event: 'handoff_queued' }],
      [2, 'bot', '正在为您转接人工客服，请稍候。'],
      [3, 'system', '已发送排队提示', { event: 'queue_notice_sent' }],
      [62, 'system', '登记回电工单', { event: 'ticket_created', ticketNo: 'T3', kind: 'callback' }],
      [62, 'bot', '当前人工客服繁忙，已为您登记回电，客服会尽快与您联系。'],
    ],
  });
  const C9 = await insertConversation(db, {
    channel: 'app',
    openedAt: bj(-1, '10:00:00'),
    state: 'closed',
    queuedAfter: 21,
    closedAfter: 150,
    messages: [
      [0, 'customer', '保单贷款怎么办理?'],
      [3, 'bot', '您可以在App「保单服务」中申请保单贷款。'],
      [20, 'customer', '找不到入口'],
      [21, 'system', '转人工：repeated_failure', handoff('repeated_failure')],
      [21, 'system', '进入人工队列', { event: 'handoff_queued' }],
      [21, 'bot', '正在为您转接人工客服，请稍候。'],
      [80, 'system', '转回机器人', { event: 'handoff_returned' }],
      [80, 'bot', '人工客服暂时无法接入，由我继续为您服务：入口在「我的-保单服务-保单贷款」。'],
      [100, 'customer', '找到了，谢谢'],
    ],
  });
  const C10 = await insertConversation(db, {
    channel: 'web',
    openedAt: bj(1, '14:00:00'),
    state: 'closed',
    closedAfter: 60,
    messages: [
      [0, 'customer', '我有高血压，还能买医疗险吗?'],
      [2, 'bot', '可以投保，您在App选择百万医疗险直接下单即可。'],
      [30, 'customer', '好的'],
    ],
  });

  /** A stored conversation's scores: started when it opened, scored an hour later. */
  const conversation = (id: string, channel: string, openedAt: Date) =>
    scoresOf('conversation', id, channel, openedAt, new Date(openedAt.getTime() + 3_600_000));
  const c0 = conversation(C0, 'web', bj(-2, '23:59:59'));
  const c1 = conversation(C1, 'web', bj(-1, '23:59:00'));
  const c2 = conversation(C2, 'web', bj(0, '00:00:00'));
  const c3 = conversation(C3, 'app', bj(0, '10:00:00'));
  const c5 = conversation(C5, 'wechat-oa', bj(1, '00:00:00'));
  const c10 = conversation(C10, 'web', bj(1, '14:00:00'));
  // Imported calls have no start time: their day is the day they were scored.
  const call = scoresOf('import', `call-${randomUUID()}`, 'phone', null, bj(1, '01:30:00'));
  const lateCall = scoresOf('import', `call-${randomUUID()}`, 'phone', null, bj(2, '00:30:00'));
  const { liuyang, zhaolei, imported } = KPI_AGENTS;
  // (subject, standard version, score, ...findings); subject "all", "bot" or a human agent's id.
  const automatic: ScoreSpec[] = [
    c0('all', 2, 10, red('CS-09')),
    // C1: standard v1 is superseded by v2 (and so is v1's review below).
    c1('all', 1, 60, red('CS-08')),
    c1('bot', 1, 60, red('CS-08')),
    c1('all', 2, 90),
    c1('bot', 2, 90),
    c2('all', 2, 70, red('CS-08', 5), minor('CS-02')),
    c2('bot', 2, 95, minor('CS-02')),
    c2(liuyang, 2, 70, red('CS-08', 5)),
    c3('all', 2, 80, major('CS-14')),
    c3('bot', 2, 80, major('CS-14')),
    c5('all', 2, 50, red('CS-08', 7), red('CS-07', 8)),
    c5('bot', 2, 100),
    c5(zhaolei, 2, 60, red('CS-08', 7)),
    c5(liuyang, 2, 70, red('CS-07', 8)),
    // C10: no 如实告知 reminder (CS-11, major): a red line by its check.
    c10('all', 2, 90, major('CS-11', 1)),
    c10('bot', 2, 90, major('CS-11', 1)),
    call('all', 2, 77),
    call(imported, 2, 77),
    lateCall('all', 2, 77),
  ];
  for (const score of automatic) await insertScore(db, score);

  const reviewed: ScoreSpec[] = [
    c1('all', 1, 100),
    // C2: the CS-08 red line is overturned.
    c2('all', 2, 85, minor('CS-02')),
    c2(liuyang, 2, 85),
    // C3: a missed CS-13 red line is added.
    c3('all', 2, 40, major('CS-14'), red('CS-13')),
    c3('bot', 2, 40, major('CS-14'), red('CS-13')),
  ];
  for (const score of reviewed) await insertReviewedScore(db, score, reviewer, bj(2, '09:00:00'));

  return {
    days: [date(-1), date(0), date(1)],
    conversations: { C0, C1, C2, C3, C4, C5, C6, C7, C8, C9, C10 },
  };
}

/** Score rows of one transcript; a transcript passes unless it has a critical finding (true of this dataset). */
function scoresOf(
  source: ScoreSpec['source'],
  ref: string,
  channel: string,
  startedAt: Date | null,
  scoredAt: Date,
) {
  return (subject: string, version: number, score: number, ...findings: Finding[]): ScoreSpec => ({
    source,
    ref,
    channel,
    subject: subject === 'all' || subject === 'bot' ? subject : 'agent',
    ...(subject === 'all' || subject === 'bot' ? {} : { agentId: subject }),
    version,
    score,
    findings,
    startedAt,
    scoredAt,
  });
}

async function insertStaff(db: DataSource): Promise<string> {
  const rows = (await db.query(
    `INSERT INTO agent (username, display_name, role, password_hash)
     VALUES ($1, '质检员 王静', 'qa', 'scrypt$16384$8$1$salt$hash') RETURNING id`,
    [`kpi-qa-${randomUUID().slice(0, 8)}`],
  )) as { id: string }[];
  return rows[0].id;
}

async function insertConversation(db: DataSource, spec: ConversationSpec): Promise<string> {
  const after = (seconds: number | undefined): Date | null =>
    seconds === undefined ? null : new Date(spec.openedAt.getTime() + seconds * 1000);
  const customer = (await db.query(
    `INSERT INTO customer (display_name) VALUES ('KPI 测试客户') RETURNING id`,
  )) as {
    id: string;
  }[];
  const rows = (await db.query(
    `INSERT INTO conversation (customer_id, channel, state, assigned_agent_id, last_seq, csat, opened_at,
       queued_at, assigned_at, closed_at, csat_invited_at, csat_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [
      customer[0].id,
      spec.channel,
      spec.state,
      spec.assignedAfter === undefined ? null : randomUUID(),
      spec.messages.length,
      spec.csat ?? null,
      spec.openedAt,
      after(spec.queuedAfter),
      after(spec.assignedAfter),
      after(spec.closedAfter),
      after(spec.csatInvitedAfter),
      spec.csat === undefined ? null : after((spec.csatInvitedAfter ?? 0) + 30),
    ],
  )) as { id: string }[];
  const id = rows[0].id;
  let seq = 0;
  for (const [t, role, text, payload] of spec.messages)
    await db.query(
      `INSERT INTO message (conversation_id, seq, role, text, payload, channel, created_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)`,
      [id, ++seq, role, text, JSON.stringify(payload ?? {}), spec.channel, after(t)],
    );
  return id;
}

async function insertScore(db: DataSource, spec: ScoreSpec): Promise<void> {
  await db.query(
    `INSERT INTO qa_score (source, conversation_id, transcript_ref, channel, subject, agent_id, standard_version,
       engine_version, score, passed, red_lines, findings, started_at, scored_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13, $14)`,
    [
      spec.source,
      spec.source === 'conversation' ? spec.ref : null,
      spec.ref,
      spec.channel,
      spec.subject,
      spec.agentId ?? '',
      spec.version,
      ENGINE,
      spec.score,
      !spec.findings.some((f) => f.severity === 'critical'),
      countRedLines(spec.findings),
      JSON.stringify(spec.findings),
      spec.startedAt,
      spec.scoredAt,
    ],
  );
}

async function insertReviewedScore(
  db: DataSource,
  spec: ScoreSpec,
  reviewer: string,
  at: Date,
): Promise<void> {
  await db.query(
    `INSERT INTO qa_reviewed_score (source, transcript_ref, standard_version, engine_version, subject, agent_id,
       score, passed, red_lines, findings, reviewed_by, reviewed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12)`,
    [
      spec.source,
      spec.ref,
      spec.version,
      ENGINE,
      spec.subject,
      spec.agentId ?? '',
      spec.score,
      !spec.findings.some((f) => f.severity === 'critical'),
      countRedLines(spec.findings),
      JSON.stringify(spec.findings),
      reviewer,
      at,
    ],
  );
}
