import { findingsOf, notAssessedKeys } from './__fixtures__/result.helpers';
import { realRulebook } from './__fixtures__/real-rulebook.fixture';
import { bot, cleanBotConversation, customer } from './__fixtures__/transcript.factory';
import { QualityEngine } from './quality.engine';
import type { QaMessage, QaResult } from './quality.types';
import { documentItems, sameDocument } from './requested-documents';
import { normalizeText } from './text.util';

describe('slot detectors (real behaviour standard and sla.yaml)', () => {
  let sut: QualityEngine;

  beforeAll(async () => {
    sut = new QualityEngine(await realRulebook());
  });

  const conversation = (...middle: QaMessage[]): Promise<QaResult> => sut.score(cleanBotConversation(middle));
  const botStates = (text: string): Promise<QaResult> => conversation(customer(10, '要多久'), bot(11, text));

  describe('matches_sla: CS-13 stated time limits', () => {
    it('accepts limits that agree with sla.yaml, in Arabic or Chinese numerals', async () => {
      for (const text of [
        '复杂案件会在30日内作出核定。',
        '达成协议后十日内支付赔款。',
        '退保款一般7个工作日内到账。',
      ])
        expect(findingsOf(await botStates(text), 'CS-13')).toEqual([]);
    });

    it('flags a wrong number, alone in its sentence, without a judge', async () => {
      const result = await botStates('复杂案件会在45天内作出核定。');

      expect(findingsOf(result, 'CS-13')).toEqual([
        expect.objectContaining({
          detector: 'stated_limit_matches_sla',
          severity: 'major',
          deduction: 10,
          evidence: '45天',
          explanation: expect.stringContaining('复杂理赔案件核定时限：30天'),
        }),
      ]);
    });

    it('flags a wrong unit (days for working days)', async () => {
      expect(findingsOf(await botStates('退保款一般7天内到账。'), 'CS-13')).toEqual([
        expect.objectContaining({ evidence: '7天' }),
      ]);
    });

    it('ignores durations in sentences no sla.yaml cue ties to a limit', async () => {
      expect(findingsOf(await botStates('我们会在2天后给您回电。'), 'CS-13')).toEqual([]);
    });

    it('leaves a mismatch among several limits in one sentence to the judge', async () => {
      const result = await botStates('犹豫期15天，宽限期30天。');

      expect(findingsOf(result, 'CS-13')).toEqual([]);
      expect(result.notAssessed).toContainEqual({
        check: 'CS-13',
        detector: 'stated_limit_matches_sla',
        reason: expect.stringContaining('命中“30天”'),
      });
    });
  });

  describe('reasked_after_filled: CS-18', () => {
    it('flags asking again for a mobile number the customer gave', async () => {
      const result = await conversation(
        customer(10, '我的手机号是13812345678'),
        bot(11, '好的，已记录。'),
        customer(20, '然后呢'),
        bot(21, '请提供您的手机号，方便联系。'),
      );

      expect(findingsOf(result, 'CS-18', 'reasked_slot')).toEqual([
        expect.objectContaining({ messageIndex: 5, role: 'bot', evidence: '请提供您的手机号' }),
      ]);
    });

    it('does not flag the first ask, or a mention that is not a question', async () => {
      const result = await conversation(
        customer(10, '我要改地址'),
        bot(11, '请提供您的手机号'),
        customer(20, '13812345678'),
        bot(21, '验证码已发送到您的手机号。'),
      );

      expect(findingsOf(result, 'CS-18', 'reasked_slot')).toEqual([]);
    });

    it('reports the slots a plain transcript cannot show as not assessed', async () => {
      const result = await conversation(customer(10, '你好'), bot(11, '您好'));

      expect(result.notAssessed).toContainEqual({
        check: 'CS-18',
        detector: 'reasked_slot',
        reason:
          '槽位claim_no、complaint_no、customer_name、accident_date、product_name的取值无法从对话文本可靠识别，未评估',
      });
    });
  });

  describe('set_grows_after_complete: CS-12 documents told at once', () => {
    const LIST = '请准备以下材料：理赔申请书、身份证复印件、诊断证明、医疗费用发票。';

    it('flags a document added after the complete list', async () => {
      const result = await conversation(
        customer(10, '理赔要什么材料'),
        bot(11, LIST),
        customer(20, '好的'),
        bot(21, '另外还需要提供病历。'),
      );

      expect(findingsOf(result, 'CS-12')).toEqual([
        expect.objectContaining({
          messageIndex: 5,
          evidence: '病历',
          explanation: '材料一次性告知：首次列明材料后又追加“病历”',
        }),
      ]);
    });

    it('allows a new document for a new reason, and restating listed ones', async () => {
      const result = await conversation(
        customer(10, '理赔要什么材料'),
        bot(11, LIST),
        customer(20, '我是出车祸受的伤'),
        bot(21, '由于您刚才提到是交通事故，还需要提供交通事故认定书。'),
        customer(30, '好'),
        bot(31, '还需要提供的是身份证复印件和医疗发票，前面已列明。'),
      );

      expect(findingsOf(result, 'CS-12')).toEqual([]);
    });

    it('reads document names from list items and matches variants of one document', () => {
      expect(documentItems(normalizeText(LIST))).toEqual([
        '理赔申请书',
        '身份证复印件',
        '诊断证明',
        '医疗费用发票',
      ]);
      expect(sameDocument('身份证复印件', '被保险人有效身份证件')).toBe(true);
      expect(sameDocument('医疗发票', '医疗费用发票')).toBe(true);
      expect(sameDocument('诊断证明', '死亡证明')).toBe(false);
    });
  });

  it('reports numbers_in_citations not assessed: a transcript carries no citations (CS-20)', async () => {
    expect(notAssessedKeys(await botStates('保费每年1200元。'))).toContain('CS-20.numbers_in_citations');
  });
});
