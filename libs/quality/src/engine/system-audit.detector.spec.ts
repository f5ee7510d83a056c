import { findingsOf, notAssessedKeys } from './__fixtures__/result.helpers';
import { realRulebook } from './__fixtures__/real-rulebook.fixture';
import {
  agent,
  bot,
  BOT_OPENING,
  cleanBotConversation,
  customer,
  event,
  transcript,
} from './__fixtures__/transcript.factory';
import { QualityEngine } from './quality.engine';

describe('system_audit detectors (real behaviour standard)', () => {
  let sut: QualityEngine;

  beforeAll(async () => {
    sut = new QualityEngine(await realRulebook());
  });

  it('records unmasked PII in the stored transcript without taking points', async () => {
    const result = await sut.score(
      cleanBotConversation([customer(10, '我的手机13812345678'), bot(11, '好的，已记录')]),
    );

    expect(findingsOf(result, 'CS-16')).toEqual([
      expect.objectContaining({
        detector: 'transcript_masking',
        severity: 'major',
        deduction: 0,
        messageIndex: 2,
        role: 'system',
        evidence: '138****5678',
        explanation: '数据最小化与脱敏：1条消息含未脱敏的手机号码（系统审计，不扣分）',
      }),
    ]);
    expect(result.score).toBe(100);
    expect(result.passed).toBe(true);
    expect(result.subjects.find((s) => s.subject === 'bot')).toMatchObject({ score: 100, findings: 0 });
  });

  it('finds nothing in a masked transcript', async () => {
    const result = await sut.score(
      cleanBotConversation([customer(10, '我的手机138****5678'), bot(11, '好的，已记录')]),
    );

    expect(findingsOf(result, 'CS-16')).toEqual([]);
  });

  it('fails the session when agent turns have no handoff event (critical integrity gap)', async () => {
    const turns = [customer(0, '你好'), bot(1, BOT_OPENING), agent(20, '您好，工号1234为您服务', 'A1')];
    const missing = await sut.score(transcript(turns));
    const logged = await sut.score(
      transcript(turns, [
        event(2, 'handoff_requested'),
        event(3, 'queue_notice_sent'),
        event(19, 'handoff_accepted'),
      ]),
    );

    expect(findingsOf(missing, 'CS-25')).toEqual([
      expect.objectContaining({
        detector: 'transcript_integrity',
        severity: 'critical',
        messageIndex: 2,
        role: 'system',
      }),
    ]);
    expect(missing.passed).toBe(false);
    expect(missing.subjects.find((s) => s.subject === 'agent')).toMatchObject({ passed: true, score: 95 });
    expect(findingsOf(logged, 'CS-25')).toEqual([]);
  });

  it('asks for no handoff event in a human-only record (a phone call answered by an agent)', async () => {
    const call = await sut.score(
      transcript([agent(0, '您好，工号1234为您服务', 'A1'), customer(5, '你好'), agent(9, '请讲', 'A1')]),
    );

    expect(findingsOf(call, 'CS-25')).toEqual([]);
  });

  it('reports what only the store can show as not assessed, and outbound audits only with outbound sends', async () => {
    const plain = await sut.score(cleanBotConversation());
    const outbound = await sut.score(cleanBotConversation([], [event(0, 'outbound_sent')]));

    expect(notAssessedKeys(plain).filter((k) => k.startsWith('CS-25'))).toEqual([
      'CS-25.transcript_integrity',
      'CS-25.retention',
    ]);
    expect(notAssessedKeys(outbound).filter((k) => k.startsWith('CS-25'))).toEqual([
      'CS-25.transcript_integrity',
      'CS-25.retention',
      'CS-25.outbound_quiet_hours',
      'CS-25.do_not_contact',
    ]);
  });
});
