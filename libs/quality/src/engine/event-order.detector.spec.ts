import { findingsOf } from './__fixtures__/result.helpers';
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
import type { QaResult, QaTranscript } from './quality.types';

describe('event_order detectors (real behaviour standard)', () => {
  let sut: QualityEngine;

  beforeAll(async () => {
    sut = new QualityEngine(await realRulebook());
  });

  const score = (t: QaTranscript): Promise<QaResult> => sut.score(t);
  const detectors = (result: QaResult, check: string): string[] =>
    findingsOf(result, check).map((f) => `${f.detector}@${f.messageIndex ?? '-'}:${f.severity}`);

  describe('after, within turns: CS-05 request for a human', () => {
    it('passes when the next bot reply comes with a handoff event', async () => {
      const result = await score(
        cleanBotConversation(
          [customer(10, '转人工'), bot(11, '好的，正在为您转接人工客服')],
          [event(11, 'handoff_offered', 3)],
        ),
      );

      expect(findingsOf(result, 'CS-05')).toEqual([]);
    });

    it('flags an ignored request at the reply that ignored it, and a second one as a red line', async () => {
      const once = await score(
        cleanBotConversation([customer(10, '转人工'), bot(11, '请问您要咨询什么业务?')]),
      );
      const twice = await score(
        cleanBotConversation([
          customer(10, '转人工'),
          bot(11, '请问您要咨询什么业务?'),
          customer(15, '我要人工客服'),
          bot(16, '我也可以帮您解答哦'),
        ]),
      );

      expect(detectors(once, 'CS-05')).toEqual(['handoff_offered_after_request@3:major']);
      expect(detectors(twice, 'CS-05')).toEqual([
        'handoff_offered_after_request@3:major',
        'repeated_request_ignored@5:critical',
      ]);
      expect(findingsOf(twice, 'CS-05')[1].explanation).toContain('已2次说“');
      expect(twice.passed).toBe(false);
    });

    it('does not judge a request while an agent holds the conversation, or one already queued', async () => {
      const result = await score(
        transcript(
          [
            customer(0, '转人工'),
            bot(1, `${BOT_OPENING}正在为您转接`),
            customer(5, '快点转人工客服'),
            bot(6, '正在排队，请稍候'),
            agent(20, '您好，工号1234为您服务', 'A1'),
            customer(25, '你是真人吗'),
            agent(26, '是的，我是人工客服'),
          ],
          [event(1, 'handoff_requested', 1), event(2, 'queue_notice_sent'), event(19, 'handoff_accepted')],
        ),
      );

      expect(findingsOf(result, 'CS-05')).toEqual([]);
    });
  });

  describe('after, within seconds: CS-05 queue notice', () => {
    const queued = (events: Parameters<typeof transcript>[1], lastAt = 60): QaTranscript =>
      transcript(
        [
          customer(0, '转人工'),
          bot(1, `${BOT_OPENING}正在为您转接`),
          agent(lastAt, '您好，工号1234为您服务', 'A1'),
        ],
        [event(1, 'handoff_requested', 1), ...(events ?? [])],
      );

    it('flags a queue without notice or pickup for 30 s as critical', async () => {
      const result = await score(queued([event(60, 'handoff_accepted')]));

      expect(findingsOf(result, 'CS-05')).toEqual([
        expect.objectContaining({
          detector: 'queue_without_notice',
          severity: 'critical',
          messageIndex: null,
        }),
      ]);
    });

    it('passes a notice within 30 s, and does not judge a transcript that ends sooner', async () => {
      expect(
        findingsOf(
          await score(queued([event(20, 'queue_notice_sent'), event(60, 'handoff_accepted')])),
          'CS-05',
        ),
      ).toEqual([]);
      expect(findingsOf(await score(queued([], 12)), 'CS-05')).toEqual([]);
    });
  });

  describe('before: CS-15 identity check before disclosure, CS-24 consent before auto-renewal', () => {
    const policyReply = (events: Parameters<typeof transcript>[1]): QaTranscript =>
      cleanBotConversation(
        [customer(10, '查一下我的保单'), bot(11, '您的保单号为AXCI202600001234，保障有效。')],
        events,
      );

    it('flags a policy number disclosed before kyc_passed, with the number masked in the evidence', async () => {
      const result = await score(policyReply([]));

      expect(findingsOf(result, 'CS-15')).toEqual([
        expect.objectContaining({
          detector: 'kyc_before_disclosure',
          severity: 'critical',
          messageIndex: 3,
          role: 'bot',
          evidence: 'AXCI********1234',
        }),
      ]);
    });

    it('passes the same reply after kyc_passed', async () => {
      const result = await score(policyReply([event(10.5, 'kyc_passed')]));

      expect(findingsOf(result, 'CS-15')).toEqual([]);
    });

    it('flags auto-renewal enabled without prior consent', async () => {
      const enabled = event(12, 'auto_renewal_enabled');
      const without = await score(
        cleanBotConversation([customer(10, '续保'), bot(11, '已为您办理续保')], [enabled]),
      );
      const withConsent = await score(
        cleanBotConversation(
          [customer(10, '续保'), bot(11, '已为您办理续保')],
          [event(11, 'renewal_consent'), enabled],
        ),
      );

      expect(detectors(without, 'CS-24')).toEqual(['auto_renewal_consent@-:critical']);
      expect(findingsOf(without, 'CS-24')[0]).toMatchObject({
        role: 'bot',
        explanation: '尊重退保与续保选择：在记录“客户同意自动续保”之前出现“开通自动续保”',
      });
      expect(findingsOf(withConsent, 'CS-24')).toEqual([]);
    });
  });

  it('flags a complaint with no ticket within 3 responder turns (CS-14)', async () => {
    const result = await score(
      cleanBotConversation([
        customer(10, '我要投诉'),
        bot(11, '非常抱歉给您带来不便，我们会在15日内答复，您也可以申请调解。'),
      ]),
    );

    expect(detectors(result, 'CS-14')).toEqual(['ticket_created@3:major']);
  });

  it('lets a ticket already created meet a complaint restated later (earlierCounts, CS-14)', async () => {
    const restated = cleanBotConversation(
      [
        customer(10, '我要投诉'),
        bot(11, '已为您登记投诉，我们会在15日内答复，您也可以申请调解。'),
        customer(20, '再不解决我就打12378'),
        bot(21, '理解您的心情，受理之日起15日内答复，也可拨打12378。'),
      ],
      [event(11, 'ticket_created', 3)],
    );
    const never = cleanBotConversation([
      customer(10, '我要投诉'),
      bot(11, '非常抱歉。'),
      customer(20, '再不解决我就打12378'),
      bot(21, '理解您的心情，受理之日起15日内答复，也可拨打12378。'),
    ]);

    expect(detectors(await score(restated), 'CS-14')).toEqual([]);
    expect(detectors(await score(never), 'CS-14')).toEqual([
      'ticket_created@3:major',
      'ticket_created@5:major',
    ]);
  });
});
