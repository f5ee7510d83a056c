import { findingsOf, keys, notAssessedKeys } from './__fixtures__/result.helpers';
import { realRulebook } from './__fixtures__/real-rulebook.fixture';
import { notViolated, ScriptedJudge, violated } from './__fixtures__/scripted-judge.fake';
import { bot, cleanBotConversation, customer, event } from './__fixtures__/transcript.factory';
import type { Rulebook } from '@anxin/knowledge';
import { QualityEngine } from './quality.engine';
import type { QaTranscript } from './quality.types';

const JUDGE_RUBRICS = [
  'judge:qa-attitude-tone',
  'judge:qa-grounded-answer',
  'judge:qa-coverage-accuracy',
  'judge:qa-plain-language',
];

describe('llm_judge detectors through the QualityJudge port', () => {
  let rules: Rulebook;

  beforeAll(async () => {
    rules = await realRulebook();
  });

  const rude: QaTranscript = cleanBotConversation([customer(10, '怎么还没好'), bot(11, '催什么催，等着吧')]);
  const promotion = (text: string): QaTranscript =>
    cleanBotConversation([customer(10, '这个产品怎么样'), bot(11, text)]);

  describe('without a judge', () => {
    it('reports every judge-mode detector not assessed', async () => {
      const sut = new QualityEngine(rules, null);
      const result = await sut.score(rude);

      expect(
        result.notAssessed
          .filter((n) => n.reason === '未配置大模型，未评估')
          .map((n) => `${n.check}.${n.detector}`),
      ).toEqual([
        'CS-07.attitude_judge',
        'CS-20.grounded_answer',
        'CS-20.coverage_misstated',
        'CS-21.plain_language',
      ]);
    });

    it('reports an event-triggered judge only when its event happened', async () => {
      const sut = new QualityEngine(rules);
      const sold = await sut.score(cleanBotConversation([], [event(5, 'application_submitted')]));

      expect(notAssessedKeys(sold)).toContain('CS-10.sale_without_disclosure');
      expect(notAssessedKeys(await sut.score(cleanBotConversation()))).not.toContain(
        'CS-10.sale_without_disclosure',
      );
    });

    it('reports a slot-triggered judge only when the slot was read (CS-10 product intent)', async () => {
      const sut = new QualityEngine(rules);
      const asked = await sut.score(
        cleanBotConversation([customer(10, '想了解一下你们的重疾险'), bot(11, '重疾险保障重大疾病。')]),
      );

      expect(asked.notAssessed).toContainEqual({
        check: 'CS-10',
        detector: 'disclosure_adequacy',
        reason: '未配置大模型，未评估',
      });
      expect(notAssessedKeys(await sut.score(cleanBotConversation()))).not.toContain(
        'CS-10.disclosure_adequacy',
      );
    });
  });

  describe('mode judge', () => {
    it('asks each applicable rubric once with the masked, indexed transcript', async () => {
      const judge = new ScriptedJudge();
      const sut = new QualityEngine(rules, judge);
      await sut.score(
        cleanBotConversation([customer(10, '手机13812345678'), bot(11, '收到')], [event(20, 'survey_sent')]),
      );

      expect(judge.rubrics()).toEqual(JUDGE_RUBRICS);
      const [request] = judge.requests;
      expect(request).toMatchObject({
        mode: 'judge',
        detector: 'attitude_judge',
        check: { id: 'CS-07', title: '不使用服务禁用语' },
        roles: ['bot', 'agent'],
        evidence: ['judged_turn', 'preceding_customer_turn'],
      });
      expect(request.transcript.split('\n')[2]).toBe('[2] customer (10s): 手机138****5678');
      expect(request.transcript).not.toContain('13812345678');
      expect(request.transcript.split('\n').at(-1)).toBe('[event] survey_sent 发送满意度邀请 (20s)');
    });

    it('turns a violation quoting the transcript into a finding from the judge', async () => {
      const judge = new ScriptedJudge({
        'qa-attitude-tone': () => violated(3, '「催什么催」', '客服语气不耐烦'),
      });
      const result = await new QualityEngine(rules, judge).score(rude);

      expect(findingsOf(result, 'CS-07')).toEqual([
        expect.objectContaining({
          detector: 'attitude_judge',
          severity: 'major',
          deduction: 10,
          messageIndex: 3,
          role: 'bot',
          evidence: '催什么催',
          explanation: '不使用服务禁用语：客服语气不耐烦',
          source: 'judge',
        }),
      ]);
    });

    it('does not use a verdict whose evidence is not in the transcript, or names no real turn', async () => {
      const invented = new ScriptedJudge({ 'qa-attitude-tone': () => violated(3, '你烦不烦') });
      const outOfRange = new ScriptedJudge({ 'qa-attitude-tone': () => violated(42, '催什么催') });
      const a = await new QualityEngine(rules, invented).score(rude);
      const b = await new QualityEngine(rules, outOfRange).score(rude);

      expect(findingsOf(a, 'CS-07')).toEqual([]);
      expect(a.notAssessed).toContainEqual({
        check: 'CS-07',
        detector: 'attitude_judge',
        reason: '大模型给出的证据不是对话原文，未采用',
      });
      expect(findingsOf(b, 'CS-07')).toEqual([]);
      expect(notAssessedKeys(b)).toContain('CS-07.attitude_judge');
    });

    it('leaves the detector not assessed when the judge fails, and still scores the rest', async () => {
      const judge = new ScriptedJudge({ 'qa-plain-language': () => new Error('timeout after 20s') });
      const result = await new QualityEngine(rules, judge).score(rude);

      expect(result.notAssessed).toContainEqual({
        check: 'CS-21',
        detector: 'plain_language',
        reason: '大模型评估失败（timeout after 20s），未评估',
      });
      expect(keys(result)).toEqual(['CS-17.negative_emotion_empathy@3']);
      expect(result.score).toBe(97);
    });

    it('charges a session-wide verdict to the responder in charge at its quote', async () => {
      const judge = new ScriptedJudge({
        'qa-coverage-accuracy': () => violated(null, '等着吧', '保障范围表述错误'),
      });
      const result = await new QualityEngine(rules, judge).score(rude);

      expect(findingsOf(result, 'CS-20')).toEqual([
        expect.objectContaining({
          detector: 'coverage_misstated',
          severity: 'critical',
          messageIndex: null,
          role: 'bot',
        }),
      ]);
      expect(result.passed).toBe(false);
    });
  });

  describe('mode confirm (rule candidates)', () => {
    it('makes a candidate a finding only when the judge confirms it', async () => {
      const yes = new ScriptedJudge({ 'qa-misleading-promotion-context': () => violated(null, '') });
      const no = new ScriptedJudge({ 'qa-misleading-promotion-context': () => notViolated() });
      const confirmed = await new QualityEngine(rules, yes).score(promotion('这款产品保本。'));
      const rejected = await new QualityEngine(rules, no).score(promotion('这款产品保本。'));

      expect(findingsOf(confirmed, 'CS-08')).toEqual([
        expect.objectContaining({
          detector: 'promotion_phrase',
          severity: 'critical',
          messageIndex: 3,
          evidence: '保本',
          source: 'judge',
          explanation: expect.stringMatching(/（大模型复核确认）$/u),
        }),
      ]);
      expect(confirmed.passed).toBe(false);
      expect(findingsOf(rejected, 'CS-08')).toEqual([]);
      expect(notAssessedKeys(rejected)).not.toContain('CS-08.promotion_phrase');
      expect(rejected.passed).toBe(true);
    });

    it('sends the candidate and the entry note to the confirm rubric', async () => {
      const judge = new ScriptedJudge();
      await new QualityEngine(rules, judge).score(promotion('这款产品保本。'));
      const request = judge.requests.find((r) => r.mode === 'confirm');

      expect(request).toMatchObject({
        rubric: 'qa-misleading-promotion-context',
        detector: 'promotion_context',
        check: { id: 'CS-08' },
        candidate: { messageIndex: 3, evidence: '保本' },
        criteria: [expect.stringContaining('不保本')],
      });
    });

    it('asks the judge even for an entry that would be clear without one', async () => {
      const judge = new ScriptedJudge();
      const result = await new QualityEngine(rules, judge).score(promotion('放心，这款产品稳赚。'));

      expect(judge.rubrics()).toContain('confirm:qa-misleading-promotion-context');
      expect(findingsOf(result, 'CS-08')).toEqual([]);
    });

    it('confirms a regex candidate: concealment inducement fails the session (CS-11)', async () => {
      const judge = new ScriptedJudge({ 'qa-concealment-inducement': () => violated(null, '') });
      const result = await new QualityEngine(rules, judge).score(
        cleanBotConversation([
          customer(10, '我有高血压要告诉你们吗'),
          bot(11, '如实告知即可，不过小毛病保险公司查不到的。'),
        ]),
      );

      expect(findingsOf(result, 'CS-11')).toEqual([
        expect.objectContaining({
          detector: 'concealment_inducement',
          severity: 'critical',
          source: 'judge',
        }),
      ]);
      expect(result.passed).toBe(false);
    });

    it('reports a candidate not assessed when the confirm call fails', async () => {
      const judge = new ScriptedJudge({ 'qa-misleading-promotion-context': () => new Error('503') });
      const result = await new QualityEngine(rules, judge).score(promotion('放心，这款产品稳赚。'));

      expect(findingsOf(result, 'CS-08')).toEqual([]);
      expect(result.notAssessed).toContainEqual({
        check: 'CS-08',
        detector: 'promotion_phrase',
        reason: '消息#3的候选“稳赚”大模型评估失败（503），未评估',
      });
    });
  });
});
