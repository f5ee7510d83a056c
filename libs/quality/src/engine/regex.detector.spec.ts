import { findingsOf, notAssessedKeys } from './__fixtures__/result.helpers';
import { realRulebook } from './__fixtures__/real-rulebook.fixture';
import {
  agent,
  bot,
  BOT_ASK_MORE,
  BOT_GOODBYE,
  BOT_OPENING,
  cleanBotConversation,
  customer,
  event,
  transcript,
} from './__fixtures__/transcript.factory';
import { QualityEngine } from './quality.engine';
import type { QaMessage, QaResult, QaTranscript } from './quality.types';

describe('regex detectors (real behaviour standard)', () => {
  let sut: QualityEngine;

  beforeAll(async () => {
    sut = new QualityEngine(await realRulebook());
  });

  const score = (t: QaTranscript): Promise<QaResult> => sut.score(t);
  const at = (result: QaResult, check: string, detector: string): (number | null)[] =>
    findingsOf(result, check, detector).map((f) => f.messageIndex);

  describe('require, first_turn: CS-01 AI disclosure and CS-02 opening', () => {
    const opening = (first: string): QaTranscript =>
      transcript([customer(0, '你好'), bot(1, first), customer(5, '没事了'), bot(6, BOT_ASK_MORE)]);

    it('passes a first reply that names the AI assistant and greets', async () => {
      const result = await score(opening(BOT_OPENING));

      expect(at(result, 'CS-01', 'ai_disclosure')).toEqual([]);
      expect(at(result, 'CS-02', 'greeting_and_name')).toEqual([]);
    });

    it('flags a first reply without AI disclosure, charged to the bot', async () => {
      const [finding] = findingsOf(await score(opening('您好，我是小安，请问有什么可以帮您?')), 'CS-01');

      expect(finding).toMatchObject({
        detector: 'ai_disclosure',
        severity: 'major',
        deduction: 10,
        dimension: 'opening_identity',
        messageIndex: 1,
        role: 'bot',
        source: 'rule',
      });
      expect(finding.explanation).toContain('告知AI身份');
    });

    it('accepts the AI label event logged before the first reply instead', async () => {
      const t = opening('您好，我是小安，请问有什么可以帮您?');
      const result = await score({ ...t, events: [event(0, 'ai_label_shown')] });

      expect(at(result, 'CS-01', 'ai_disclosure')).toEqual([]);
    });

    it('needs every pattern of match: all (greeting and self-introduction)', async () => {
      expect(
        at(await score(opening('智能客服为您解答，请问有什么问题?')), 'CS-02', 'greeting_and_name'),
      ).toEqual([1]);
      expect(at(await score(opening('您好，这里是智能客服，请讲')), 'CS-02', 'greeting_and_name')).toEqual([
        1,
      ]);
    });

    it('judges CS-01 in every responder segment, CS-02 in each responder’s first reply only', async () => {
      const t = transcript(
        [
          customer(0, '转人工'),
          bot(1, `${BOT_OPENING}正在为您转接人工客服`),
          agent(10, '您好，工号1234为您服务', 'A1'),
          agent(20, '稍后由同事继续为您处理', 'A1'),
          agent(30, '已经帮您登记好了', 'A2'),
          bot(40, '请问还有其他可以帮您的吗?'),
        ],
        [event(1, 'handoff_requested', 1), event(9, 'handoff_accepted'), event(35, 'handoff_returned')],
      );
      const result = await score(t);

      // agent A2 never greeted; the bot greeted at 1 and is not judged again when it takes over at 5
      expect(at(result, 'CS-02', 'greeting_and_name')).toEqual([4]);
      expect(at(result, 'CS-01', 'ai_disclosure')).toEqual([5]);
      expect(
        at(
          await score({ ...t, events: [...t.events, event(36, 'ai_label_shown')] }),
          'CS-01',
          'ai_disclosure',
        ),
      ).toEqual([]);
    });
  });

  describe('require, after_trigger: CS-06 and CS-17', () => {
    it('flags a bot reply that does not offer a human after the customer struggles', async () => {
      const result = await score(
        cleanBotConversation([
          customer(10, '这个页面我看不懂'),
          bot(11, '您可以在App首页点击“我的保单”查看。'),
        ]),
      );

      expect(findingsOf(result, 'CS-06')).toEqual([
        expect.objectContaining({ detector: 'difficulty_cue_offer', messageIndex: 3, role: 'bot' }),
      ]);
      expect(findingsOf(result, 'CS-06')[0].explanation).toContain('客户“看不懂”后，机器人随后1条回复');
    });

    it('passes an offer of a human, or a logged handoff offer', async () => {
      const offered = cleanBotConversation([customer(10, '我看不懂'), bot(11, '我为您转人工客服，请稍候')]);
      const logged = cleanBotConversation(
        [customer(10, '我看不懂'), bot(11, '好的，马上安排')],
        [event(11, 'handoff_offered', 3)],
      );

      expect(findingsOf(await score(offered), 'CS-06')).toEqual([]);
      expect(findingsOf(await score(logged), 'CS-06')).toEqual([]);
    });

    it('ignores the cue in a bot turn (the trigger reads customer turns only)', async () => {
      const result = await score(cleanBotConversation([bot(10, '如果您看不懂条款，可以随时问我')]));

      expect(findingsOf(result, 'CS-06')).toEqual([]);
    });

    it('uses the detector severity over the check (CS-17 negative emotion is minor)', async () => {
      const cold = await score(
        cleanBotConversation([customer(10, '怎么还没到账，急死了'), bot(11, '到账时间以银行为准。')]),
      );
      const warm = await score(
        cleanBotConversation([
          customer(10, '怎么还没到账，急死了'),
          bot(11, '非常理解您的心情，我帮您看看。'),
        ]),
      );

      expect(findingsOf(cold, 'CS-17')).toEqual([
        expect.objectContaining({ detector: 'negative_emotion_empathy', severity: 'minor', deduction: 3 }),
      ]);
      expect(findingsOf(warm, 'CS-17')).toEqual([]);
    });

    it('finds each pattern of match: all anywhere in the n-turn window (CS-14)', async () => {
      const answered = cleanBotConversation(
        [
          customer(10, '我要投诉你们理赔太慢'),
          bot(11, '非常抱歉给您带来不便，已为您登记投诉。'),
          bot(12, '我们会在15日内答复您，如有异议可申请调解。'),
        ],
        [event(11, 'ticket_created', 3)],
      );
      const half = cleanBotConversation(
        [customer(10, '我要投诉你们理赔太慢'), bot(11, '非常抱歉，已为您登记投诉，15日内答复您。')],
        [event(11, 'ticket_created', 3)],
      );

      expect(findingsOf(await score(answered), 'CS-14')).toEqual([]);
      expect(at(await score(half), 'CS-14', 'limit_and_routes_stated')).toEqual([3]);
    });

    it('does not judge a trigger nobody answered', async () => {
      const result = await score(transcript([customer(0, '我看不懂'), customer(5, '算了')]));

      expect(findingsOf(result, 'CS-06')).toEqual([]);
    });
  });

  describe('require, after_trigger on slots: CS-10 key terms, CS-06 stated age', () => {
    const KEY_TERMS = '请留意责任免除、等待期（即合同生效后一段时间内出险不赔的期间）和犹豫期。';

    it('reads a product intent from the customer’s words and flags a window without the key terms', async () => {
      const result = await score(
        cleanBotConversation([
          customer(10, '想买份百万医疗险，有合适的吗？'),
          bot(11, '部分医疗险产品接受较高年龄投保。'),
          customer(20, '保费多少'),
          bot(21, '保费与年龄、健康状况有关。'),
        ]),
      );

      expect(findingsOf(result, 'CS-10')).toEqual([
        expect.objectContaining({ detector: 'key_terms_disclosed', messageIndex: 3, role: 'bot' }),
      ]);
      expect(findingsOf(result, 'CS-10')[0].explanation).toContain('客户“想买份百万医疗险,有合适的吗?”后');
      expect(notAssessedKeys(result)).not.toContain('CS-10.key_terms_disclosed');
    });

    it('passes a window that discloses the key terms, and asks for surrender loss only on long-term lines', async () => {
      const medical = await score(
        cleanBotConversation([customer(10, '想了解一下你们的百万医疗险'), bot(11, KEY_TERMS)]),
      );
      const annuity = await score(
        cleanBotConversation([customer(10, '想了解一下你们的年金险'), bot(11, KEY_TERMS)]),
      );

      expect(findingsOf(medical, 'CS-10')).toEqual([]);
      expect(at(annuity, 'CS-10', 'surrender_loss_disclosed')).toEqual([3]);
    });

    it('opens no window for a question about one feature, or the same product asked about again', async () => {
      const feature = await score(
        cleanBotConversation([customer(10, '你们的百万医疗险免赔额是多少？'), bot(11, '一般为1万元。')]),
      );
      const again = await score(
        cleanBotConversation([
          customer(10, '想了解一下你们的年金险'),
          bot(11, `${KEY_TERMS}退保可能损失现金价值。`),
          customer(20, '这个年金险收益怎么样？'),
          bot(21, '收益以合同约定为准。'),
        ]),
      );

      expect(findingsOf(feature, 'CS-10')).toEqual([]);
      expect(findingsOf(again, 'CS-10')).toEqual([]);
    });

    it('takes slot values an imported transcript carries over the text', async () => {
      const carried = (reply: string): QaTranscript =>
        cleanBotConversation([
          {
            ...customer(10, '那个产品给我说说'),
            slots: { intent: 'product_overview', product_line: 'life' },
          },
          bot(11, reply),
        ]);

      expect(at(await score(carried('这款产品保障终身。')), 'CS-10', 'key_terms_disclosed')).toEqual([3]);
      expect(at(await score(carried(KEY_TERMS)), 'CS-10', 'surrender_loss_disclosed')).toEqual([3]);
    });

    it('flags no human offered after a stated age of 60 or more (customer_age), not a relative’s age', async () => {
      const aged = await score(
        cleanBotConversation([
          { ...customer(10, '保费怎么交'), slots: { customer_age: 72 } },
          bot(11, '您可以在App中交费。'),
        ]),
      );
      const asText = await score(
        cleanBotConversation([
          { ...customer(10, '保费怎么交'), slots: { customer_age: '65' } },
          bot(11, '您可以在App中交费。'),
        ]),
      );
      const parent = await score(
        cleanBotConversation([customer(10, '我60岁的妈妈想买保险'), bot(11, '您可以在App中查看产品。')]),
      );

      expect(at(aged, 'CS-06', 'elderly_age_offer')).toEqual([3]);
      expect(at(asText, 'CS-06', 'elderly_age_offer')).toEqual([3]);
      expect(findingsOf(parent, 'CS-06')).toEqual([]);
    });

    it('reports slot triggers not assessed when nothing can show the slot (no slot-cues, no values)', async () => {
      const rules = await realRulebook();
      const blind = new QualityEngine(Object.create(rules, { slotCues: { value: undefined } }));
      const result = await blind.score(
        cleanBotConversation([customer(10, '想买份百万医疗险，有合适的吗？'), bot(11, '好的。')]),
      );

      expect(findingsOf(result, 'CS-10')).toEqual([]);
      expect(result.notAssessed).toContainEqual({
        check: 'CS-10',
        detector: 'key_terms_disclosed',
        reason: '触发条件依赖会话槽位（intent），对话记录未提供，未评估',
      });
    });
  });

  describe('require and at_most, last_n_turns / every_turn: CS-22 closing', () => {
    const ending = (turns: readonly QaMessage[]): QaTranscript =>
      transcript([customer(0, '你好'), bot(1, BOT_OPENING), ...turns]);

    it('flags a conversation that ends without asking for further needs', async () => {
      const result = await score(ending([customer(5, '好的'), bot(6, BOT_GOODBYE)]));

      expect(findingsOf(result, 'CS-22')).toEqual([
        expect.objectContaining({ detector: 'follow_up_question', messageIndex: 3, deduction: 3 }),
      ]);
    });

    it('lets a logged survey stand for the rating invitation', async () => {
      const t = ending([
        customer(5, '好的'),
        bot(6, BOT_ASK_MORE),
        customer(8, '没有了'),
        bot(9, '祝您生活愉快'),
      ]);

      expect(at(await score(t), 'CS-22', 'survey_invited')).toEqual([5]);
      expect(
        at(await score({ ...t, events: [event(10, 'survey_sent')] }), 'CS-22', 'survey_invited'),
      ).toEqual([]);
    });

    it('flags the second rating invitation (at most one)', async () => {
      const result = await score(
        ending([
          bot(5, '请对本次服务评价'),
          customer(8, '嗯'),
          bot(9, BOT_ASK_MORE),
          bot(10, '麻烦给个满意度评分'),
        ]),
      );

      expect(findingsOf(result, 'CS-22')).toEqual([
        expect.objectContaining({ detector: 'survey_repeated', messageIndex: 5, deduction: 5 }),
      ]);
    });
  });

  describe('forbid: customer cues and confirmWith', () => {
    it('reads a customer complaint about repeating as a finding charged to the responder', async () => {
      const result = await score(
        cleanBotConversation([customer(10, '保单号我刚才说过了'), bot(11, '抱歉，我这就为您核对。')]),
      );

      expect(findingsOf(result, 'CS-18', 'customer_repeat_cue')).toEqual([
        expect.objectContaining({ messageIndex: 2, role: 'bot', evidence: '我刚才说过' }),
      ]);
    });

    it('does not read the cue in a bot turn', async () => {
      const result = await score(cleanBotConversation([customer(10, '嗯'), bot(11, '我刚才说过了哦')]));

      expect(findingsOf(result, 'CS-18', 'customer_repeat_cue')).toEqual([]);
    });

    it('leaves a bundling candidate to the judge: without one it is not assessed, never a silent pass', async () => {
      const result = await score(
        cleanBotConversation([customer(10, '我想买意外险'), bot(11, '意外险必须同时购买附加险。')]),
      );

      expect(findingsOf(result, 'CS-23')).toEqual([]);
      expect(result.notAssessed).toContainEqual({
        check: 'CS-23',
        detector: 'bundling_phrase',
        reason: expect.stringContaining('消息#3命中“必须同时购买”'),
      });
    });

    it('drops negated and quoted bundling phrases before they become candidates', async () => {
      const result = await score(
        cleanBotConversation([
          customer(10, '会不会默认开通附加险'),
          bot(11, '不会默认开通，也没有捆绑。您说的“必须同时购买”并不存在。'),
        ]),
      );

      expect(notAssessedKeys(result)).not.toContain('CS-23.bundling_phrase');
    });
  });
});
