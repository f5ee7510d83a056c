import type { DocumentCues, Rulebook } from '@anxin/knowledge';
import { findingsOf, notAssessedKeys } from './__fixtures__/result.helpers';
import { realRulebook } from './__fixtures__/real-rulebook.fixture';
import { agent, bot, cleanBotConversation, customer, transcript } from './__fixtures__/transcript.factory';
import type { ScriptLookup } from './detector.types';
import { QualityEngine } from './quality.engine';
import type { QaMessage, QaResult } from './quality.types';
import { documentItems, sameDocument } from './requested-documents';
import { normalizeText } from './text.util';

/** Two approved scripts, as the knowledge base would hand them out. */
const SCRIPTS: Readonly<Record<string, { title: string; body: string }>> = {
  'presale-hesitation-period': {
    title: '犹豫期是多久',
    body: '长期人身保险产品的犹豫期一般为签收合同次日起15日，扣除不超过10元的工本费后退还保费。',
  },
  'presale-medical-insurance-intro': {
    title: '百万医疗险介绍',
    body: '免赔额（即需要您自己先承担的费用）一般为1万元；疾病责任一般有30天等待期；保额最高300万。',
  },
};
const LOOKUP: ScriptLookup = { getScript: (id) => SCRIPTS[id] };

describe('slot detectors (real behaviour standard and sla.yaml)', () => {
  let rules: Rulebook;
  let sut: QualityEngine;

  beforeAll(async () => {
    rules = await realRulebook();
    sut = new QualityEngine(rules, null, LOOKUP);
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

    it('compares a cue-less limit with the topic the customer asked about or disputed (上文所谈)', async () => {
      const asked = await conversation(customer(10, '犹豫期到底是几天?'), bot(11, '一般是10天。'));
      const restated = await sut.score(
        transcript([
          customer(0, '犹豫期到底几天?'),
          agent(5, '犹豫期是10天，从签收合同当天开始算。'),
          customer(10, '可是机器人说20天'),
          agent(15, '以我说的为准，是10天。'),
        ]),
      );
      const right = await conversation(customer(10, '犹豫期是几天?'), bot(11, '签收合同次日起15日。'));

      expect(findingsOf(asked, 'CS-13')).toEqual([
        expect.objectContaining({
          messageIndex: 3,
          evidence: '10天',
          explanation: expect.stringContaining('犹豫期：15天；上文所谈'),
        }),
      ]);
      expect(findingsOf(restated, 'CS-13').map((f) => f.messageIndex)).toEqual([1, 3]);
      expect(findingsOf(right, 'CS-13')).toEqual([]);
    });

    it('carries no topic to a limit the customer did not ask about, nor from a greeting’s service list', async () => {
      const unasked = await conversation(customer(10, '我要退保'), bot(11, '我们会在3个工作日内给您回电。'));
      const greeting = await sut.score(
        transcript([
          bot(0, '您好，我是安心保险智能客服小安，可以为您办理理赔报案、续保和投诉。'),
          customer(5, '保费晚交几天有没有事'),
          bot(6, '年满60周岁的客户可一键转接人工。'),
        ]),
      );

      expect(findingsOf(unasked, 'CS-13')).toEqual([]);
      expect(findingsOf(greeting, 'CS-13')).toEqual([]);
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

    it('flags asking again for a name and a case number the customer gave (slot-cues readers)', async () => {
      const result = await conversation(
        customer(10, '查理赔进度，案件号LP2026063000123，被保险人是我本人张倩'),
        bot(11, '请提供投保人或被保险人的姓名，以及其身份证号码的后四位。'),
        customer(20, '772014'),
        bot(21, '身份核验已通过。请提供您要查询的理赔案件号。'),
      );

      expect(findingsOf(result, 'CS-18', 'reasked_slot')).toEqual([
        expect.objectContaining({
          messageIndex: 3,
          evidence: '请提供投保人或被保险人的姓名',
          explanation: '不让客户重复：客户已提供姓名，机器人再次询问',
        }),
        expect.objectContaining({ messageIndex: 5, evidence: '请提供您要查询的理赔案件号' }),
      ]);
    });

    it('counts a slot value the transcript carries as given', async () => {
      const result = await conversation(
        { ...customer(10, '帮我查投诉进度'), slots: { complaint_no: 'TK202607150031' } },
        bot(11, '请告诉我您的投诉工单号。'),
      );

      expect(findingsOf(result, 'CS-18', 'reasked_slot')).toEqual([
        expect.objectContaining({ messageIndex: 3, evidence: '请告诉我您的投诉工单号' }),
      ]);
    });

    it('reports the slots it cannot read from text, and has no label for, as not assessed', async () => {
      const result = await conversation(customer(10, '你好'), bot(11, '您好'));

      expect(result.notAssessed).toContainEqual({
        check: 'CS-18',
        detector: 'reasked_slot',
        reason: '槽位accident_date、product_name的取值无法从对话文本可靠识别，未评估',
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

    it('reads a numbered list split into sentences (；) as one list, so a later addition is seen', async () => {
      const result = await sut.score(
        transcript([
          agent(0, '您好，工号A2061为您服务。'),
          customer(5, '家财险理赔要什么材料？'),
          agent(
            15,
            '理赔一般需要以下材料：1. 理赔申请书；2. 被保险人身份证件；3. 受损财产的照片；4. 维修费用清单或发票。是否属于保险责任以审核结论为准。',
          ),
          customer(40, '好的'),
          agent(50, '另外还需要物业出具的事故证明。'),
        ]),
      );

      expect(findingsOf(result, 'CS-12')).toEqual([
        expect.objectContaining({ messageIndex: 4, evidence: '物业出具的事故证明' }),
      ]);
    });

    it('reads document names from list items and matches variants of one document', () => {
      const cues = rules.slotCues?.documents as DocumentCues;

      expect(documentItems(normalizeText(LIST), cues)).toEqual([
        '理赔申请书',
        '身份证复印件',
        '诊断证明',
        '医疗费用发票',
      ]);
      const split = normalizeText(
        '请准备：\n1.理赔申请书；\n2.被保险人身份证件；\n是否赔付以审核为准；\n3.照片',
      );
      expect(documentItems(split, cues)).toEqual(['理赔申请书', '被保险人身份证件']);
      expect(sameDocument('身份证复印件', '被保险人有效身份证件', cues)).toBe(true);
      expect(sameDocument('医疗发票', '医疗费用发票', cues)).toBe(true);
      expect(sameDocument('诊断证明', '死亡证明', cues)).toBe(false);
    });
  });

  describe('numbers_in_citations: CS-20 figures grounded in the cited scripts', () => {
    const cites = (t: number, text: string, citations: string[]): QaMessage => ({
      ...bot(t, text),
      citations,
    });

    it('flags a figure the cited script does not hold', async () => {
      const result = await conversation(
        customer(10, '犹豫期是几天'),
        cites(11, '犹豫期（即冷静期）一般为签收合同次日起20日。', ['presale-hesitation-period']),
      );

      expect(findingsOf(result, 'CS-20')).toEqual([
        expect.objectContaining({
          detector: 'numbers_in_citations',
          messageIndex: 3,
          severity: 'major',
          evidence: '20日',
          explanation: '回答有据、准确：机器人陈述的“20日”不在所引用的话术（presale-hesitation-period）中',
        }),
      ]);
    });

    it('compares figures by meaning, and accepts what the customer said before', async () => {
      const result = await conversation(
        customer(10, '我今年45岁，免赔额多少'),
        cites(11, '45岁也可以投保。免赔额一般为10000元，疾病等待期三十天，保额最高300万。', [
          'presale-medical-insurance-intro',
        ]),
      );

      expect(findingsOf(result, 'CS-20')).toEqual([]);
    });

    it('flags a figure in a turn citing nothing, once the transcript records citations', async () => {
      const result = await conversation(
        customer(10, '犹豫期多久'),
        cites(11, '犹豫期为签收合同次日起15日。', ['presale-hesitation-period']),
        customer(20, '投诉多久答复'),
        bot(21, '我们会在7个工作日内处理并答复您。'),
      );

      expect(findingsOf(result, 'CS-20')).toEqual([
        expect.objectContaining({
          messageIndex: 5,
          evidence: '7个工作日',
          explanation: '回答有据、准确：机器人陈述“7个工作日”，未引用含此数字的话术',
        }),
      ]);
    });

    it('does not read dates, service hours, digit counts or the customer’s own records as figures', async () => {
      const result = await conversation(
        customer(10, '查保单'),
        cites(11, '报案电话7×24小时受理。请提供身份证号码的后四位。', []),
        customer(20, '好'),
        bot(21, '您名下的重疾险（保单号AXCI********2281）下一期保费应交日为2026年8月15日，保费3000元。'),
      );

      expect(findingsOf(result, 'CS-20')).toEqual([]);
    });

    it('reports not assessed what it cannot check: no citations recorded, unknown scripts, no library', async () => {
      const unrecorded = await botStates('保费每年1200元。');
      const unknownScript = await conversation(
        customer(10, '保费多少'),
        cites(11, '保费每年1200元。', ['presale-retired-script']),
      );
      const noLibrary = await new QualityEngine(rules).score(
        cleanBotConversation([
          customer(10, '犹豫期'),
          cites(11, '犹豫期20日。', ['presale-hesitation-period']),
        ]),
      );

      expect(findingsOf(unrecorded, 'CS-20')).toEqual([]);
      expect(unrecorded.notAssessed).toContainEqual({
        check: 'CS-20',
        detector: 'numbers_in_citations',
        reason: '对话记录未包含机器人回复引用的话术（citations），无法核对数字，未评估',
      });
      expect(unknownScript.notAssessed).toContainEqual({
        check: 'CS-20',
        detector: 'numbers_in_citations',
        reason: '消息#3引用的话术presale-retired-script不在话术库中，无法核对“1200元”，未评估',
      });
      expect(findingsOf(noLibrary, 'CS-20')).toEqual([]);
      expect(notAssessedKeys(noLibrary)).toContain('CS-20.numbers_in_citations');
    });
  });
});
