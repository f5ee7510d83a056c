import { randomUUID } from 'node:crypto';
import { Database } from '@anxin/persistence';
import { databaseTargets } from '@anxin/testing';
import type { QaFinding, QaResult, QaTranscript } from '../engine/quality.types';
import { PostgresQaScoreStore } from '../scoring/postgres-qa-score.store';
import type { NewReviewEntry, ScoredVersion } from './qa-review.store';
import { PostgresQaReviewStore } from './postgres-qa-review.store';
import { applyReview, findingKey } from './review.calculator';

const AT = new Date('2026-11-24T17:30:00Z'); // 2026-11-25 01:30 in Beijing
const STANDARD = {
  scoring: { passScore: 80, deductions: { minor: 3, major: 10 } },
  checks: [{ id: 'CS-16', title: '敏感信息', dimension: null, redLine: true }],
};

function transcript(id: string, agentId: string): QaTranscript {
  return {
    id,
    channel: 'phone',
    messages: [
      { role: 'agent', t: 0, text: '您好，工号1024为您服务。', agentId },
      { role: 'customer', t: 5, text: '查一下理赔进度' },
      { role: 'agent', t: 9, text: '请把短信验证码告诉我。', agentId },
    ],
    events: [],
  };
}

function result(id: string, agentId: string, redLine: boolean): QaResult {
  const findings: QaFinding[] = redLine
    ? [
        {
          check: 'CS-16',
          detector: 'secret_request',
          severity: 'critical',
          deduction: 0,
          dimension: 'red_line',
          redLine: true,
          messageIndex: 2,
          role: 'agent',
          agentId,
          evidence: '验证码告诉我',
          explanation: '索要验证码',
          source: 'rule',
        },
      ]
    : [];
  return {
    transcriptId: id,
    standardVersion: 2,
    engineVersion: 'qa-engine/1',
    score: 100,
    passed: !redLine,
    dimensions: [{ key: 'attitude', title: '服务态度', weight: 20, lost: 0 }],
    findings,
    notAssessed: [],
    subjects: [
      { subject: 'all', score: 100, passed: !redLine, findings: findings.length },
      { subject: 'agent', agentId, score: 100, passed: !redLine, findings: findings.length },
    ],
  };
}

describe.each(databaseTargets())('PostgresQaReviewStore on $name PostgreSQL', (target) => {
  let database: Database;
  let scores: PostgresQaScoreStore;
  let sut: PostgresQaReviewStore;
  let staffId: string;
  // The server database is shared by parallel suites and runs: every test filters on its own agent id.
  const agent = `A${randomUUID().slice(0, 8)}`;
  const failing = `call-${randomUUID()}`;
  const clean = `call-${randomUUID()}`;

  beforeAll(async () => {
    database = await Database.open(target.config, target.options);
    scores = new PostgresQaScoreStore(database.dataSource);
    sut = new PostgresQaReviewStore(database.dataSource);
    const rows = (await database.dataSource.query(
      `INSERT INTO agent (username, display_name, role, password_hash) VALUES ($1, '质检员', 'qa', 'x') RETURNING id`,
      [`qa${randomUUID().slice(0, 8)}`],
    )) as { id: string }[];
    staffId = rows[0].id;
    for (const [ref, redLine] of [
      [failing, true],
      [clean, false],
    ] as const)
      await scores.save(
        {
          source: 'import',
          conversationId: null,
          transcriptRef: ref,
          channel: 'phone',
          startedAt: null,
          transcript: transcript(ref, agent),
          result: result(ref, agent, redLine),
        },
        AT,
      );
  });
  afterAll(() => database.close());

  const entry = (overrides: Partial<NewReviewEntry>): NewReviewEntry => ({
    action: 'comment',
    findingKey: null,
    check: null,
    messageIndex: null,
    severity: null,
    evidence: null,
    comment: '已复核',
    staffId,
    staffRole: 'qa',
    at: AT,
    ...overrides,
  });

  it('reads the newest scoring with the transcript as scored', async () => {
    const scored = await sut.scored({ source: 'import', transcriptRef: failing });

    expect(scored?.version).toEqual({
      source: 'import',
      transcriptRef: failing,
      standardVersion: 2,
      engineVersion: 'qa-engine/1',
    });
    expect(scored?.scores.map((s) => [s.subject, s.agentId, s.redLines])).toEqual([
      ['all', '', 1],
      ['agent', agent, 1],
    ]);
    expect(scored?.transcript?.messages[2].text).toBe('请把短信验证码告诉我。');
    expect(await sut.scored({ source: 'conversation', transcriptRef: failing })).toBeNull();
  });

  it('records actions in order, keeps the reviewed score beside the automatic one, and lists by the reviewed result', async () => {
    const scored = (await sut.scored({ source: 'import', transcriptRef: failing }))!;
    const basis = {
      findings: scored.scores[0].findings,
      dimensions: scored.scores[0].dimensions,
      messages: scored.transcript!.messages,
      subjects: scored.scores.map((s) => ({ subject: s.subject, agentId: s.agentId })),
    };
    const key = findingKey(scored.scores[0].findings[0]);
    const version: ScoredVersion = scored.version;
    const rescore = (log: Parameters<typeof applyReview>[1]) => applyReview(basis, log, STANDARD).reviewed;

    const before = await sut.list({ agent, failed: true, limit: 10, offset: 0 });
    expect(before.items.map((i) => [i.ref, i.reviewed])).toEqual([[failing, null]]);

    await sut.record(
      version,
      entry({ action: 'dispute', findingKey: key, check: 'CS-16', staffRole: 'agent' }),
      rescore,
    );
    expect(
      (await sut.list({ agent, disputed: true, limit: 10, offset: 0 })).items.map((i) => i.disputes),
    ).toEqual([1]);

    const log = await sut.record(
      version,
      entry({ action: 'overturn', findingKey: key, check: 'CS-16' }),
      rescore,
    );
    expect(log.map((e) => e.action)).toEqual(['dispute', 'overturn']);
    expect(log[1].by).toMatchObject({ id: staffId, displayName: '质检员', role: 'qa' });

    expect((await sut.list({ agent, failed: true, limit: 10, offset: 0 })).total).toBe(0);
    const passed = await sut.list({ agent, failed: false, reviewed: true, limit: 10, offset: 0 });
    expect(passed.items.map((i) => [i.ref, i.passed, i.reviewed?.passed, i.disputes])).toEqual([
      [failing, false, true, 0],
    ]);
    expect((await sut.list({ agent, limit: 1, offset: 1 })).total).toBe(2);
    expect(
      (await sut.list({ agent, from: '2026-11-25', to: '2026-11-25', limit: 10, offset: 0 })).total,
    ).toBe(2);
    expect((await sut.list({ agent, to: '2026-11-24', limit: 10, offset: 0 })).total).toBe(0);
    expect((await sut.list({ agent, check: 'CS-16', limit: 10, offset: 0 })).total).toBe(0);

    const automatic = (await database.dataSource.query(
      `SELECT passed FROM qa_score WHERE transcript_ref = $1 AND subject = 'all'`,
      [failing],
    )) as { passed: boolean }[];
    expect(automatic).toEqual([{ passed: false }]);
  });

  it('counts each finding once by its latest verdict, additions and disputes per check', async () => {
    const scored = (await sut.scored({ source: 'import', transcriptRef: clean }))!;
    const none = () => null;
    await sut.record(
      scored.version,
      entry({ action: 'add', check: 'CS-99', severity: 'minor', messageIndex: 2, comment: '漏检' }),
      none,
    );

    const counts = await sut.counts({ from: '2026-11-25', to: '2026-11-25' });
    expect(counts.find((c) => c.check === 'CS-99')).toEqual({
      check: 'CS-99',
      confirmed: 0,
      overturned: 0,
      added: 1,
      disputes: 0,
    });
    expect(await sut.counts({ to: '2026-11-24' })).not.toContainEqual(
      expect.objectContaining({ check: 'CS-99' }),
    );
  });

  it('counts a major finding of a red-line check as a red line, also on rows stored before the rule', async () => {
    const gatedAgent = `A${randomUUID().slice(0, 8)}`;
    const ref = `call-${randomUUID()}`;
    const base = result(ref, gatedAgent, false);
    const cs11: QaFinding = {
      check: 'CS-11',
      detector: 'truthful_reminder',
      severity: 'major',
      deduction: 10,
      dimension: 'accuracy_disclosure',
      redLine: true,
      messageIndex: 2,
      role: 'agent',
      agentId: gatedAgent,
      evidence: '请把短信验证码告诉我。',
      explanation: '涉及健康告知未提示如实告知',
      source: 'rule',
    };
    await scores.save(
      {
        source: 'import',
        conversationId: null,
        transcriptRef: ref,
        channel: 'phone',
        startedAt: null,
        transcript: transcript(ref, gatedAgent),
        result: {
          ...base,
          score: 90,
          passed: true,
          findings: [cs11],
          subjects: base.subjects.map((s) => ({ ...s, score: 90, findings: 1 })),
        },
      },
      AT,
    );
    const stored = () =>
      database.dataSource.query(
        `SELECT subject, red_lines FROM qa_score WHERE transcript_ref = $1 ORDER BY subject`,
        [ref],
      ) as Promise<{ subject: string; red_lines: number }[]>;
    expect(await stored()).toEqual([
      { subject: 'agent', red_lines: 1 },
      { subject: 'all', red_lines: 1 },
    ]);
    // A row saved by the old code counted critical findings only.
    await database.dataSource.query(`UPDATE qa_score SET red_lines = 0 WHERE transcript_ref = $1`, [ref]);

    const listed = await sut.list({ agent: gatedAgent, redLine: true, limit: 10, offset: 0 });
    expect(listed.items.map((i) => [i.ref, i.passed, i.redLines])).toEqual([[ref, true, 1]]);
    expect((await sut.list({ agent: gatedAgent, redLine: false, limit: 10, offset: 0 })).total).toBe(0);
    expect(
      (await sut.scored({ source: 'import', transcriptRef: ref }))?.scores.map((s) => s.redLines),
    ).toEqual([1, 1]);
  });
});
