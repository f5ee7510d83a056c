import { findingsOf, keys } from './__fixtures__/result.helpers';
import { realRulebook } from './__fixtures__/real-rulebook.fixture';
import {
  agent,
  bot,
  BOT_OPENING,
  cleanBotConversation,
  customer,
  event,
  system,
  transcript,
} from './__fixtures__/transcript.factory';
import { QualityEngine } from './quality.engine';

describe(QualityEngine.name, () => {
  let sut: QualityEngine;

  beforeAll(async () => {
    sut = new QualityEngine(await realRulebook());
  });

  it('gives a clean conversation 100 with the standard and engine versions', async () => {
    const result = await sut.score(
      cleanBotConversation([customer(10, '怎么查理赔进度'), bot(11, '您可以在App的理赔页面查看。')]),
    );

    expect(result).toMatchObject({
      transcriptId: 'T-1',
      standardVersion: 4,
      engineVersion: 'qa-engine/1',
      score: 100,
      passed: true,
      findings: [],
      subjects: [
        { subject: 'all', score: 100, passed: true, findings: 0 },
        { subject: 'bot', score: 100, passed: true, findings: 0 },
      ],
    });
    expect(result.dimensions).toEqual([
      { key: 'opening_identity', title: '开场与身份', weight: 5, lost: 0 },
      { key: 'timeliness', title: '时效', weight: 15, lost: 0 },
      { key: 'language_attitude', title: '语言与态度', weight: 25, lost: 0 },
      { key: 'accuracy_disclosure', title: '准确与披露', weight: 30, lost: 0 },
      { key: 'resolution_routing', title: '解决与转接', weight: 15, lost: 0 },
      { key: 'closing', title: '结束语', weight: 10, lost: 0 },
    ]);
  });

  describe('scoring', () => {
    it('caps a dimension’s loss at its weight', async () => {
      const result = await sut.score(
        cleanBotConversation([
          customer(10, '在吗'),
          bot(11, '这不归我管'),
          customer(12, '那归谁管'),
          bot(13, '你找别人吧'),
          customer(14, '??'),
          bot(15, '我也没办法'),
        ]),
      );

      expect(findingsOf(result, 'CS-07').map((f) => f.deduction)).toEqual([10, 10, 10]);
      expect(result.dimensions.find((d) => d.key === 'language_attitude')?.lost).toBe(25);
      expect(result.score).toBe(75);
      expect(result.passed).toBe(false);
    });

    it('passes at exactly the pass score and fails below it', async () => {
      const eighty = cleanBotConversation([
        customer(10, '在吗'),
        bot(11, '这不归我管'),
        customer(12, '理赔多久'),
        bot(13, '复杂案件会在45天内作出核定。'),
      ]);
      const below = cleanBotConversation([
        customer(10, '在吗'),
        bot(11, '这不归我管'),
        customer(12, '理赔多久'),
        bot(13, '复杂案件会在45天内作出核定。'),
        customer(14, '真烦人'),
        bot(15, '核定结果会短信通知。'),
      ]);

      expect(await sut.score(eighty)).toMatchObject({ score: 80, passed: true });
      expect(await sut.score(below)).toMatchObject({ score: 77, passed: false });
    });

    it('fails the session on a critical finding whatever the score', async () => {
      const result = await sut.score(cleanBotConversation([customer(10, '能赔吗'), bot(11, '这个不赔的。')]));

      expect(result).toMatchObject({ score: 100, passed: false });
      expect(keys(result)).toEqual(['CS-09.prejudgement_phrase@3']);
    });

    it('keeps one finding per check per turn: the most severe', async () => {
      const result = await sut.score(
        cleanBotConversation([customer(10, '在吗'), bot(11, '这不归我管，白痴')]),
      );

      expect(findingsOf(result, 'CS-07')).toEqual([
        expect.objectContaining({ messageIndex: 3, severity: 'critical', evidence: '白痴' }),
      ]);
    });
  });

  describe('subjects', () => {
    const handedOver = transcript(
      [
        customer(0, '转人工'),
        bot(1, `${BOT_OPENING}正在为您转接人工客服`),
        system(5, '客服1001已接入'),
        agent(10, '您好，工号1001为您服务。这不归我管', 'A1'),
        customer(20, '我刚才说过了'),
        agent(30, '您好，工号1002为您服务。你去投诉吧', 'A2'),
        agent(40, '您好，我是客服，为您服务。请问还有其他问题吗?请对本次服务评价', null),
        customer(45, '没有了'),
      ],
      [event(1, 'handoff_requested', 1), event(2, 'queue_notice_sent'), event(5, 'handoff_accepted')],
    );

    it('scores the bot and each agent on the findings charged to them', async () => {
      const result = await sut.score(handedOver);

      expect(keys(result)).toEqual([
        'CS-07.forbidden_phrase@3',
        'CS-18.customer_repeat_cue@4',
        'CS-14.complaint_discouraged@5',
      ]);
      expect(result.subjects).toEqual([
        { subject: 'all', score: 80, passed: false, findings: 3 },
        { subject: 'bot', score: 100, passed: true, findings: 0 },
        { subject: 'agent', agentId: 'A1', score: 80, passed: true, findings: 2 },
        { subject: 'agent', agentId: 'A2', score: 100, passed: false, findings: 1 },
        { subject: 'agent', agentId: 'unknown', score: 100, passed: true, findings: 0 },
      ]);
    });

    it('charges a finding on a customer turn to the responder the customer was talking to', async () => {
      const [cue] = findingsOf(await sut.score(handedOver), 'CS-18');

      expect(cue).toMatchObject({ messageIndex: 4, role: 'agent', agentId: 'A1' });
    });

    it('gives the message id of the judged turn when it is known', async () => {
      const withIds = {
        ...handedOver,
        messages: handedOver.messages.map((m, i) => ({ ...m, id: `msg-${i}` })),
      };
      const [finding] = findingsOf(await sut.score(withIds), 'CS-07');

      expect(finding.messageId).toBe('msg-3');
    });
  });

  it('scores a typical 30-turn transcript in well under a millisecond of rule work', async () => {
    const turns = Array.from({ length: 10 }, (_, i) => [
      customer(i * 20, '我想问一下我的重疾险理赔进度，我住院了，太慢了'),
      bot(i * 20 + 1, '非常理解您的心情，我是智能客服小安。理赔核定一般在30日内完成，请问还有其他问题吗?'),
      customer(i * 20 + 5, '好的'),
    ]).flat();
    const t = transcript(turns, [event(0, 'ai_label_shown')]);
    for (let i = 0; i < 50; i++) await sut.score(t);
    const runs = 300;
    const started = process.hrtime.bigint();
    for (let i = 0; i < runs; i++) await sut.score(t);
    const perScoreMs = Number(process.hrtime.bigint() - started) / 1e6 / runs;

    // Generous bound for loaded CI machines; locally this is about 0.3 ms.
    expect(perScoreMs).toBeLessThan(3);
  });
});
