import type { QaFinding, QaMessage } from '../engine/quality.types';
import { applyReview, findingKey, type ReviewBasis, type ReviewStandard } from './review.calculator';
import type { ReviewAction, ReviewEntry } from './review.types';

const standard: ReviewStandard = {
  scoring: { passScore: 80, deductions: { minor: 3, major: 10 } },
  checks: [
    { id: 'CS-07', title: '服务态度', dimension: 'attitude', redLine: false },
    { id: 'CS-08', title: '理赔预判', dimension: null, redLine: true },
    { id: 'CS-11', title: '提示如实告知', dimension: 'accuracy', redLine: true },
    { id: 'CS-19', title: '结束语', dimension: 'closing', redLine: false },
  ],
};

const messages: QaMessage[] = [
  { role: 'customer', t: 0, text: '我的理赔能赔吗？' },
  { role: 'bot', t: 2, text: '您好，我是AI助手。', id: 'm1' },
  { role: 'customer', t: 10, text: '转人工' },
  { role: 'agent', t: 20, text: '这个肯定能赔，放心吧。', agentId: 'A1024', id: 'm3' },
  { role: 'agent', t: 30, text: '这不归我管。', agentId: 'A1024', id: 'm4' },
];

function finding(overrides: Partial<QaFinding>): QaFinding {
  return {
    check: 'CS-07',
    detector: 'forbidden_phrase',
    severity: 'major',
    deduction: 10,
    dimension: 'attitude',
    redLine: false,
    messageIndex: 4,
    role: 'agent',
    agentId: 'A1024',
    evidence: '这不归我管',
    explanation: '客服使用了禁用语',
    source: 'rule',
    ...overrides,
  };
}

const redLine = finding({
  check: 'CS-08',
  detector: 'prejudgement',
  severity: 'critical',
  deduction: 0,
  dimension: 'red_line',
  redLine: true,
  messageIndex: 3,
  evidence: '肯定能赔',
});
const attitude = finding({});

const basis: ReviewBasis = {
  findings: [redLine, attitude],
  dimensions: [
    { key: 'attitude', title: '服务态度', weight: 20 },
    { key: 'closing', title: '结束', weight: 10 },
    { key: 'accuracy', title: '准确与披露', weight: 30 },
  ],
  messages,
  subjects: [
    { subject: 'all', agentId: '' },
    { subject: 'bot', agentId: '' },
    { subject: 'agent', agentId: 'A1024' },
  ],
};

let seq = 0;
function entry(action: ReviewAction, overrides: Partial<ReviewEntry> = {}): ReviewEntry {
  seq += 1;
  return {
    id: `r${seq}`,
    action,
    findingKey: null,
    check: null,
    messageIndex: null,
    severity: null,
    evidence: null,
    comment: '',
    by: { id: 'u1', username: 'qa', displayName: '质检员', role: action === 'dispute' ? 'agent' : 'qa' },
    at: new Date(Date.UTC(2026, 10, 25, 8, 0, seq)),
    ...overrides,
  };
}

describe('applyReview', () => {
  it('keys a finding by check, detector and turn', () => {
    expect(findingKey(redLine)).toBe('CS-08|prejudgement|3');
    expect(findingKey({ check: 'CS-19', detector: 'survey', messageIndex: null })).toBe(
      'CS-19|survey|session',
    );
  });

  it('has no reviewed score until a verdict or an addition; comments and disputes alone do not make one', () => {
    const sut = applyReview(
      basis,
      [entry('comment', { comment: '整体不错' }), entry('dispute', { findingKey: findingKey(attitude) })],
      standard,
    );
    expect(sut.reviewed).toBeNull();
    expect(sut.findings.get(findingKey(attitude))).toMatchObject({ verdict: null, disputeOpen: true });
  });

  it('drops an overturned red line: the transcript and the agent pass after review', () => {
    const sut = applyReview(
      basis,
      [entry('overturn', { findingKey: findingKey(redLine), comment: '客户原话被引用' })],
      standard,
    );
    const [all, bot, agent] = sut.reviewed!;
    expect(all).toMatchObject({ subject: 'all', score: 90, passed: true, redLines: 0 });
    expect(all.findings.map((f) => f.check)).toEqual(['CS-07']);
    expect(bot).toMatchObject({ subject: 'bot', score: 100, passed: true, redLines: 0 });
    expect(agent).toMatchObject({ subject: 'agent', agentId: 'A1024', score: 90, passed: true });
    expect(sut.findings.get(findingKey(redLine))?.verdict).toBe('overturned');
  });

  it('confirming keeps the automatic result; the latest verdict counts and closes a dispute', () => {
    const key = findingKey(redLine);
    const sut = applyReview(
      basis,
      [
        entry('overturn', { findingKey: key, comment: '误判' }),
        entry('dispute', { findingKey: key, comment: '我没有承诺' }),
        entry('confirm', { findingKey: key }),
      ],
      standard,
    );
    expect(sut.reviewed![0]).toMatchObject({ score: 90, passed: false, redLines: 1 });
    expect(sut.findings.get(key)).toMatchObject({ verdict: 'confirmed', disputeOpen: false });
    expect(sut.findings.get(key)?.disputes).toHaveLength(1);
  });

  it('scores an added finding on its check dimension and charges the responder in charge', () => {
    const sut = applyReview(
      basis,
      [
        entry('add', {
          check: 'CS-19',
          severity: 'minor',
          messageIndex: 2,
          comment: '未询问是否还有其他问题',
        }),
      ],
      standard,
    );
    const [all, bot] = sut.reviewed!;
    // The customer turn 2 follows the bot's turn 1: the bot is in charge there.
    expect(sut.added[0]).toMatchObject({
      check: 'CS-19',
      dimension: 'closing',
      deduction: 3,
      role: 'bot',
      evidence: '转人工',
      source: 'review',
    });
    expect(all).toMatchObject({ score: 87, passed: false, redLines: 1 });
    expect(bot).toMatchObject({ score: 97, passed: true });
  });

  it('an added red line fails the transcript; a session-wide addition is charged to nobody', () => {
    const sut = applyReview(
      { ...basis, findings: [] },
      [
        entry('add', { check: 'CS-08', severity: 'critical', messageIndex: 3, comment: '承诺赔付' }),
        entry('add', { check: 'CS-07', severity: 'major', messageIndex: null, comment: '整体语气生硬' }),
      ],
      standard,
    );
    const [all, bot, agent] = sut.reviewed!;
    expect(all).toMatchObject({ score: 90, passed: false, redLines: 1 });
    expect(bot).toMatchObject({ score: 100, redLines: 0 });
    expect(agent).toMatchObject({ agentId: 'A1024', score: 100, passed: false, redLines: 1 });
    expect(sut.added[1].role).toBeUndefined();
  });

  it('counts red lines by the rule: a critical finding, or a finding of a red-line check whatever its severity', () => {
    const gated = finding({
      check: 'CS-11',
      detector: 'truthful_reminder',
      dimension: 'accuracy',
      redLine: true,
    });
    const criticalAbuse = finding({ severity: 'critical', deduction: 0, messageIndex: 3 });
    const sut = applyReview(
      { ...basis, findings: [gated, criticalAbuse, attitude] },
      [
        entry('confirm', { findingKey: findingKey(gated) }),
        entry('add', { check: 'CS-11', severity: 'minor', messageIndex: 1, comment: '未提示如实告知' }),
      ],
      standard,
    );
    const [all, bot, agent] = sut.reviewed!;

    // CS-11 (agent, major), CS-07 critical (agent), the added CS-11 minor (bot); CS-07 major is not one.
    expect(all).toMatchObject({ redLines: 3, passed: false });
    expect(bot).toMatchObject({ redLines: 1, passed: true, score: 97 });
    expect(agent).toMatchObject({ redLines: 2 });
    expect(sut.added[0]).toMatchObject({ check: 'CS-11', severity: 'minor', redLine: true });
  });
});
