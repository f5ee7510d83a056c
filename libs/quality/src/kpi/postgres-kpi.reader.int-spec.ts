import { randomInt } from 'node:crypto';
import { Database } from '@anxin/persistence';
import { databaseTargets } from '@anxin/testing';
import { KPI_AGENTS, type KpiDataset, seedKpiDataset } from './kpi-fixtures';
import { emptyKpis, type KpiGroupBy, type KpiQuery, type Kpis } from './kpi.reader';
import { PostgresKpiReader } from './postgres-kpi.reader';

/*
 * Expected values are computed by hand from the table in kpi-fixtures.ts. The server database is
 * shared by parallel suites and runs, and KPIs aggregate everything in a period: the dataset lives
 * on a random Beijing day far in the future that nothing else uses.
 */

const rt = (avgSec: number | null, p50Sec: number | null, n: number) => ({ avgSec, p50Sec, n });
/** requested, queued, assigned, answered (a human wrote after the request), ticketed (callback), answered ÷ requested. */
const explicit = (
  requested: number,
  queued: number,
  assigned: number,
  answered: number,
  ticketed: number,
  honouredRate: number | null,
) => ({ requested, queued, assigned, answered, ticketed, honouredRate });
const qa = (
  scored: number,
  average: number | null,
  passRate: number | null,
  redLines: Record<string, number> = {},
) => ({
  scored,
  average,
  passRate,
  redLines,
  redLineTotal: Object.values(redLines).reduce((sum, n) => sum + n, 0),
});
const csat = (invited: number, responses: number, average: number | null, responseRate: number | null) => ({
  invited,
  responses,
  average,
  responseRate,
});
const complaints = (count: number, per1000: number | null) => ({ count, per1000 });
const kpis = (overrides: Partial<Kpis>): Kpis => ({ ...emptyKpis(), ...overrides });
const NO_RESPONSE = rt(null, null, 0);

/** Totals of D-1 … D+1 (C1–C6, C8–C10 and one imported call). */
const TOTALS = kpis({
  conversations: 9,
  closed: 7,
  // C1 2, C9 3, C2 1, C3 4, C4 3, C5 6, C8 2, C10 2.
  firstResponseBot: rt(2.9, 2.5, 8),
  firstResponseHuman: rt(43.3, 30, 3),
  // Contained: C1 and C10 only; C3 (left the queue), C8 (ticket) and C9 (back to the bot) were handed off.
  containmentRate: 0.2857,
  handoffRate: 0.6667,
  // 转人工: C2 answered, C4 never queued, C8 queued and then ticketed, never answered.
  explicitHandoff: explicit(3, 2, 1, 1, 1, 0.3333),
  qa: qa(6, 72, 0.6667, { 'CS-07': 1, 'CS-08': 1, 'CS-11': 1, 'CS-13': 1 }),
  csat: csat(4, 3, 3.7, 0.75),
  complaints: complaints(2, 222.2),
});

const WEB = kpis({
  conversations: 5,
  closed: 4,
  firstResponseBot: rt(2, 2, 5),
  firstResponseHuman: rt(30, 30, 1),
  containmentRate: 0.5,
  handoffRate: 0.6,
  explicitHandoff: explicit(3, 2, 1, 1, 1, 0.3333),
  qa: qa(3, 88.3, 1, { 'CS-11': 1 }),
  csat: csat(2, 2, 4.5, 1),
  complaints: complaints(0, 0),
});

describe.each(databaseTargets())('PostgresKpiReader on $name PostgreSQL', (target) => {
  let database: Database;
  let sut: PostgresKpiReader;
  let data: KpiDataset;
  let day: string;

  beforeAll(async () => {
    database = await Database.open(target.config, target.options);
    sut = new PostgresKpiReader(database.dataSource);
    const pad = (n: number) => String(n).padStart(2, '0');
    day = `${2100 + randomInt(800)}-${pad(1 + randomInt(12))}-${pad(1 + randomInt(28))}`;
    data = await seedKpiDataset(database.dataSource, day);
  });
  afterAll(() => database.close());

  const period = (groupBy: KpiGroupBy, channel: string | null = null): KpiQuery => ({
    from: data.days[0],
    to: data.days[2],
    groupBy,
    channel,
  });

  it('buckets by Beijing day around midnight, with the reviewed score over the automatic one', async () => {
    const report = await sut.read(period('day'));

    expect(report).toEqual({
      from: data.days[0],
      to: data.days[2],
      groupBy: 'day',
      channel: null,
      timezone: 'Asia/Shanghai',
      totals: TOTALS,
      groups: [
        {
          key: data.days[0],
          ...kpis({
            conversations: 2,
            closed: 2,
            firstResponseBot: rt(2.5, 2.5, 2),
            // C1 contained; C9 was handed off (returned to the bot later).
            containmentRate: 0.5,
            handoffRate: 0.5,
            // The v1 score (60, CS-08) and its review are superseded by standard v2.
            qa: qa(1, 90, 1),
            csat: csat(1, 1, 5, 1),
            complaints: complaints(0, 0),
          }),
        },
        {
          key: data.days[1],
          ...kpis({
            conversations: 3,
            closed: 2,
            firstResponseBot: rt(2.7, 3, 3),
            firstResponseHuman: rt(30, 30, 1),
            containmentRate: 0,
            handoffRate: 1,
            explicitHandoff: explicit(2, 1, 1, 1, 0, 0.5),
            // C2's CS-08 was overturned (85), C3 got a CS-13 red line added (40).
            qa: qa(2, 62.5, 0.5, { 'CS-13': 1 }),
            csat: csat(2, 1, 4, 0.5),
            complaints: complaints(1, 333.3),
          }),
        },
        {
          key: data.days[2],
          ...kpis({
            conversations: 4,
            closed: 3,
            firstResponseBot: rt(3.3, 2, 3),
            firstResponseHuman: rt(50, 50, 2),
            containmentRate: 0.3333,
            handoffRate: 0.5,
            explicitHandoff: explicit(1, 1, 0, 0, 1, 0),
            qa: qa(3, 72.3, 0.6667, { 'CS-07': 1, 'CS-08': 1, 'CS-11': 1 }),
            csat: csat(1, 1, 2, 1),
            complaints: complaints(1, 250),
          }),
        },
      ],
    });
  });

  it('groups by channel, imported transcripts under the channel the import named', async () => {
    const report = await sut.read(period('channel'));

    expect(report.totals).toEqual(TOTALS);
    expect(report.groups).toEqual([
      {
        key: 'app',
        ...kpis({
          conversations: 3,
          closed: 2,
          firstResponseBot: rt(3.5, 3.5, 2),
          firstResponseHuman: rt(10, 10, 1),
          containmentRate: 0,
          handoffRate: 0.6667,
          qa: qa(1, 40, 0, { 'CS-13': 1 }),
          csat: csat(1, 0, null, 0),
          complaints: complaints(1, 333.3),
        }),
      },
      { key: 'phone', ...kpis({ qa: qa(1, 77, 1) }) },
      { key: 'web', ...WEB },
      {
        key: 'wechat-oa',
        ...kpis({
          conversations: 1,
          closed: 1,
          firstResponseBot: rt(6, 6, 1),
          firstResponseHuman: rt(90, 90, 1),
          containmentRate: 0,
          handoffRate: 1,
          qa: qa(1, 50, 0, { 'CS-07': 1, 'CS-08': 1 }),
          csat: csat(1, 1, 2, 1),
          complaints: complaints(1, 1000),
        }),
      },
    ]);
  });

  it('groups by agent: the bot, then each human agent by the conversations they wrote in', async () => {
    const report = await sut.read(period('agent'));

    expect(report.totals).toEqual(TOTALS);
    expect(report.groups).toEqual([
      {
        key: 'bot',
        ...kpis({
          conversations: 8,
          closed: 7,
          firstResponseBot: rt(2.9, 2.5, 8),
          firstResponseHuman: NO_RESPONSE,
          containmentRate: 0.2857,
          handoffRate: 0.75,
          explicitHandoff: explicit(3, 2, 1, 1, 1, 0.3333),
          // Bot subject scores: 90, 95, 40 (reviewed, CS-13 added), 100, 90 (CS-11 major, a red line).
          qa: qa(5, 83, 0.8, { 'CS-11': 1, 'CS-13': 1 }),
          csat: csat(4, 3, 3.7, 0.75),
          complaints: complaints(2, 250),
        }),
      },
      { key: KPI_AGENTS.imported, ...kpis({ qa: qa(1, 77, 1) }) },
      {
        key: KPI_AGENTS.liuyang,
        ...kpis({
          conversations: 2,
          closed: 2,
          // C5 was answered first by zhaolei.
          firstResponseHuman: rt(30, 30, 1),
          handoffRate: 1,
          explicitHandoff: explicit(1, 1, 1, 1, 0, 1),
          qa: qa(2, 77.5, 0.5, { 'CS-07': 1 }),
          csat: csat(2, 2, 3, 1),
          complaints: complaints(1, 500),
        }),
      },
      {
        key: KPI_AGENTS.zhaolei,
        ...kpis({
          conversations: 2,
          closed: 1,
          firstResponseHuman: rt(50, 50, 2),
          handoffRate: 0.5,
          qa: qa(1, 60, 0, { 'CS-08': 1 }),
          csat: csat(1, 1, 2, 1),
          complaints: complaints(1, 500),
        }),
      },
    ]);
  });

  it('counts a 转人工 answered only when a human wrote, and no handed-off conversation as contained', async () => {
    const day = (offset: -1 | 1, channel: string) =>
      sut.read({ from: data.days[offset + 1], to: data.days[offset + 1], groupBy: 'day', channel });

    // D+1 web: C8 (转人工 → queued → callback ticket, no human) and C10 (bot only, contained).
    const ticketed = (await day(1, 'web')).totals;
    expect(ticketed.explicitHandoff).toEqual(explicit(1, 1, 0, 0, 1, 0));
    expect(ticketed.containmentRate).toBe(0.5);
    // D-1 app: C9, handed off, returned to the bot, closed without a human.
    expect((await day(-1, 'app')).totals).toMatchObject({ closed: 1, handoffRate: 1, containmentRate: 0 });
  });

  it('counts a major finding of a red-line check (CS-11) as a red line', async () => {
    const report = await sut.read({ from: data.days[2], to: data.days[2], groupBy: 'agent', channel: 'web' });

    // C10 (90, passed): a red line that does not fail the transcript (only critical findings do).
    expect(report.totals.qa).toEqual(qa(1, 90, 1, { 'CS-11': 1 }));
    expect(report.groups.map((g) => [g.key, g.qa.redLines])).toEqual([['bot', { 'CS-11': 1 }]]);
  });

  it('filters by channel', async () => {
    const report = await sut.read(period('channel', 'web'));

    expect(report.channel).toBe('web');
    expect(report.totals).toEqual(WEB);
    expect(report.groups).toEqual([{ key: 'web', ...WEB }]);
  });

  it('reports every day of a period without data, with zero counts and null rates', async () => {
    const empty = await sut.read({ from: shift(day, 3), to: shift(day, 4), groupBy: 'day', channel: null });

    expect(empty.totals).toEqual(emptyKpis());
    expect(empty.groups).toEqual([
      { key: shift(day, 3), ...emptyKpis() },
      { key: shift(day, 4), ...emptyKpis() },
    ]);
    expect((await sut.read({ ...period('agent'), channel: 'no-such-channel' })).groups).toEqual([]);
  });

  it('places a re-scored transcript without a start time on its newest scoring day only', async () => {
    const [first, second] = [shift(day, 10), shift(day, 12)];
    const ref = `kpi-rescored-${randomInt(1_000_000_000)}`;
    for (const [version, scoredOn, score] of [
      [1, first, 60],
      [2, second, 95],
    ] as const)
      await database.dataSource.query(
        `INSERT INTO qa_score (source, transcript_ref, channel, subject, standard_version, engine_version,
           score, passed, started_at, scored_at)
         VALUES ('import', $1, 'phone', 'all', $2, 'test', $3, true, NULL, $4::date + time '12:00')`,
        [ref, version, score, scoredOn],
      );
    const qaOn = async (date: string) =>
      (await sut.read({ from: date, to: date, groupBy: 'day', channel: 'phone' })).totals.qa;

    expect(await qaOn(first)).toMatchObject({ scored: 0, average: null });
    expect(await qaOn(second)).toMatchObject({ scored: 1, average: 95 });
  });

  it('never counts a conversation that entered the human queue as contained, even without a handoff event', async () => {
    const date = shift(day, 20);
    const [customer] = (await database.dataSource.query(
      `INSERT INTO customer DEFAULT VALUES RETURNING id`,
    )) as {
      id: string;
    }[];
    for (const queued of [true, false])
      await database.dataSource.query(
        `INSERT INTO conversation (customer_id, channel, state, opened_at, queued_at, closed_at)
         VALUES ($1, 'kpi-queue', 'closed', $2::date + time '04:00', $3, $2::date + time '05:00')`,
        [customer.id, date, queued ? `${date}T04:30:00Z` : null],
      );
    const report = await sut.read({ from: date, to: date, groupBy: 'day', channel: 'kpi-queue' });

    expect(report.totals).toMatchObject({ closed: 2, containmentRate: 0.5 });
  });

  it('counts a single day inclusively: from = to', async () => {
    const report = await sut.read({
      from: data.days[1],
      to: data.days[1],
      groupBy: 'channel',
      channel: null,
    });

    expect(report.totals.conversations).toBe(3);
    expect(report.groups.map((g) => [g.key, g.conversations, g.qa.scored])).toEqual([
      ['app', 1, 1],
      ['web', 2, 1],
    ]);
  });
});

function shift(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
