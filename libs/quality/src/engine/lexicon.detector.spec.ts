import { findingsOf, notAssessedKeys } from './__fixtures__/result.helpers';
import { realRulebook } from './__fixtures__/real-rulebook.fixture';
import {
  agent,
  bot,
  cleanBotConversation,
  customer,
  event,
  transcript,
} from './__fixtures__/transcript.factory';
import { QualityEngine } from './quality.engine';
import type { QaMessage, QaResult } from './quality.types';

describe('lexicon detectors (real lexicons)', () => {
  let sut: QualityEngine;

  beforeAll(async () => {
    sut = new QualityEngine(await realRulebook());
  });

  const botSays = (text: string, asked = '请问这个怎么回事'): Promise<QaResult> =>
    sut.score(cleanBotConversation([customer(10, asked), bot(11, text)]));
  const withAgent = (...turns: QaMessage[]): Promise<QaResult> =>
    sut.score(
      transcript(
        [customer(0, '转人工'), bot(1, '您好，我是智能客服小安，正在为您转接人工客服'), ...turns],
        [event(1, 'handoff_requested', 1), event(5, 'handoff_accepted')],
      ),
    );

  describe('forbid: CS-07 forbidden service phrases', () => {
    it('flags an agent brushing the customer off, charged to that agent', async () => {
      const result = await withAgent(agent(6, '您好，工号1234为您服务。这不归我管，您找别人吧', 'A9'));

      expect(findingsOf(result, 'CS-07')).toEqual([
        expect.objectContaining({
          detector: 'forbidden_phrase',
          severity: 'major',
          deduction: 10,
          messageIndex: 2,
          role: 'agent',
          agentId: 'A9',
          evidence: '这不归我管',
          explanation: '不使用服务禁用语：人工客服使用了“这不归我管”（推诿搪塞）',
        }),
      ]);
    });

    it('never flags the customer’s own words', async () => {
      const result = await sut.score(
        cleanBotConversation([
          customer(10, '这不归你管吗? 你们都是白痴'),
          bot(11, '非常抱歉，我马上为您核实。'),
        ]),
      );

      expect(findingsOf(result, 'CS-07')).toEqual([]);
    });

    it('drops a phrase the responder quotes', async () => {
      const result = await botSays('您反映客服说了“这不归我管”，我们深表歉意，已记录。');

      expect(findingsOf(result, 'CS-07')).toEqual([]);
    });

    it('escalates an insult to critical, which fails the session', async () => {
      const result = await withAgent(agent(6, '您好，工号1234为您服务。你有病吧', 'A9'));

      expect(findingsOf(result, 'CS-07')).toEqual([
        expect.objectContaining({ severity: 'critical', deduction: 0, evidence: '你有病吧' }),
      ]);
      expect(result.passed).toBe(false);
    });
  });

  describe('forbid with unless and confirmWith: CS-08, CS-09, CS-16 (no judge)', () => {
    it('drops a negated misleading word (「不保本」, 「不是存款」)', async () => {
      const result = await botSays('这款产品不保本，保险也不是存款。', '这个保本吗');

      expect(findingsOf(result, 'CS-08')).toEqual([]);
      expect(notAssessedKeys(result)).not.toContain('CS-08.promotion_phrase');
    });

    it('keeps an unambiguous entry as a critical red-line finding without a judge', async () => {
      const result = await botSays('放心，这款产品稳赚。', '这个能赚钱吗');

      expect(findingsOf(result, 'CS-08')).toEqual([
        expect.objectContaining({
          detector: 'promotion_phrase',
          severity: 'critical',
          deduction: 0,
          dimension: 'red_line',
          redLine: true,
          evidence: '稳赚',
          source: 'rule',
        }),
      ]);
      expect(result.passed).toBe(false);
    });

    it('reports a context-dependent entry (contextMatters) as not assessed without a judge', async () => {
      const result = await botSays('这款产品保本。', '这个保本吗');

      expect(findingsOf(result, 'CS-08')).toEqual([]);
      expect(result.notAssessed).toContainEqual({
        check: 'CS-08',
        detector: 'promotion_phrase',
        reason: expect.stringMatching(
          /^消息#3命中“保本”，须结合语境由大模型复核（promotion_context）；未配置大模型/u,
        ),
      });
      expect(result.passed).toBe(true);
    });

    it('flags a refusal in chat (CS-09) but not restating the customer’s question', async () => {
      expect(findingsOf(await botSays('这个不赔的。', '骨折能赔吗'), 'CS-09')).toEqual([
        expect.objectContaining({ severity: 'critical', evidence: '这个不赔' }),
      ]);
      expect(findingsOf(await botSays('能不能赔以审核结论为准。', '骨折能赔吗'), 'CS-09')).toEqual([]);
    });

    it('uses the detector’s own negation list and window (CS-16: 12 characters)', async () => {
      expect(findingsOf(await botSays('请把短信验证码发给我。'), 'CS-16', 'secret_request')).toEqual([
        expect.objectContaining({ severity: 'critical', evidence: '验证码发给我' }),
      ]);
      expect(findingsOf(await botSays('我们不会要求您提供验证码。'), 'CS-16', 'secret_request')).toEqual([]);
    });
  });

  describe('explain_on_first_use: CS-21 jargon', () => {
    it('flags terms used without a plain explanation, one finding naming them all', async () => {
      const result = await botSays('等待期内出险的不赔付。', '刚买的保险生病能赔吗');

      expect(findingsOf(result, 'CS-21')).toEqual([
        expect.objectContaining({
          detector: 'jargon_explained',
          severity: 'minor',
          deduction: 3,
          evidence: '等待期',
          explanation: '通俗易懂：机器人首次使用术语“等待期、出险”未紧接通俗解释',
        }),
      ]);
    });

    it('accepts an explanation cue right after the term, and judges only the first use', async () => {
      const result = await sut.score(
        cleanBotConversation([
          customer(10, '什么是等待期'),
          bot(11, '等待期(合同生效后的一段时间)内发生的疾病通常不赔。'),
          customer(20, '多久'),
          bot(21, '等待期以合同约定为准。'),
        ]),
      );

      expect(findingsOf(result, 'CS-21')).toEqual([]);
    });

    it('does not take a term inside a longer word of its notWithin (定损 in 一定损失) for a use', async () => {
      const disclosure = await botSays('犹豫期(签收合同后的一段时间)后退保会产生一定损失。');
      const use = await botSays('车辆维修前请先定损。');

      expect(findingsOf(disclosure, 'CS-21')).toEqual([]);
      expect(findingsOf(use, 'CS-21')).toEqual([expect.objectContaining({ evidence: '定损' })]);
    });

    it('does not count an explanation that starts beyond the window', async () => {
      const result = await botSays('等待期内如果您不幸确诊了合同约定的重大疾病，那么也就是说不能获得赔付。');

      expect(findingsOf(result, 'CS-21')).toEqual([expect.objectContaining({ evidence: '等待期' })]);
    });
  });
});
