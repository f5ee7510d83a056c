import { findingsOf } from './__fixtures__/result.helpers';
import { realRulebook } from './__fixtures__/real-rulebook.fixture';
import {
  agent,
  bot,
  BOT_ASK_MORE,
  BOT_OPENING,
  cleanBotConversation,
  customer,
  event,
  transcript,
} from './__fixtures__/transcript.factory';
import { QualityEngine } from './quality.engine';
import type { QaResult, QaTranscript } from './quality.types';

describe('timing detectors (real behaviour standard)', () => {
  let sut: QualityEngine;

  beforeAll(async () => {
    sut = new QualityEngine(await realRulebook());
  });

  const score = (t: QaTranscript): Promise<QaResult> => sut.score(t);

  describe('CS-03 first response', () => {
    const firstReplyAfter = (seconds: number): QaTranscript =>
      transcript([
        customer(0, '你好'),
        bot(seconds, BOT_OPENING),
        customer(seconds + 5, '好的'),
        bot(seconds + 6, BOT_ASK_MORE),
      ]);

    it('passes a bot reply within 3 s', async () => {
      expect(findingsOf(await score(firstReplyAfter(3)), 'CS-03')).toEqual([]);
    });

    it('takes the highest threshold exceeded', async () => {
      expect(findingsOf(await score(firstReplyAfter(5)), 'CS-03')).toEqual([
        expect.objectContaining({
          detector: 'bot_first_response',
          severity: 'minor',
          deduction: 3,
          messageIndex: 1,
        }),
      ]);
      expect(findingsOf(await score(firstReplyAfter(150)), 'CS-03')).toEqual([
        expect.objectContaining({
          detector: 'bot_first_response',
          severity: 'major',
          deduction: 10,
          messageIndex: 1,
        }),
      ]);
    });

    it('times the agent from the handoff request', async () => {
      const handoff = (agentAt: number): QaTranscript =>
        transcript(
          [
            customer(0, '转人工'),
            bot(1, `${BOT_OPENING}正在为您转接人工客服`),
            agent(agentAt, '您好，工号1234为您服务', 'A1'),
          ],
          [
            event(1, 'handoff_requested', 1),
            event(2, 'queue_notice_sent'),
            event(agentAt, 'handoff_accepted'),
          ],
        );

      expect(findingsOf(await score(handoff(30)), 'CS-03')).toEqual([]);
      expect(findingsOf(await score(handoff(46)), 'CS-03')).toEqual([
        expect.objectContaining({
          detector: 'agent_first_response',
          severity: 'minor',
          messageIndex: 2,
          role: 'agent',
          agentId: 'A1',
          explanation: '首次响应时效：人工客服在“发起转人工”后45秒才回复（超过30秒）',
        }),
      ]);
    });

    it('treats a handoff no agent ever answered as exceeding every threshold', async () => {
      const result = await score(
        transcript(
          [customer(0, '转人工'), bot(1, `${BOT_OPENING}正在为您转接`), customer(200, '人呢')],
          [
            event(1, 'handoff_requested', 1),
            event(2, 'queue_notice_sent'),
            event(300, 'conversation_closed'),
          ],
        ),
      );

      expect(findingsOf(result, 'CS-03')).toEqual([
        expect.objectContaining({ detector: 'agent_first_response', severity: 'major', messageIndex: null }),
      ]);
      expect(findingsOf(result, 'CS-03')[0].role).toBeUndefined();
    });
  });

  describe('CS-04 long gap needs an apology (remedy)', () => {
    it('flags a reply over 180 s without an apology, measured from the earliest waiting turn', async () => {
      const result = await score(
        cleanBotConversation([customer(10, '在吗'), customer(100, '还在吗'), bot(200, '您的保单已经生效。')]),
      );

      expect(findingsOf(result, 'CS-04')).toEqual([
        expect.objectContaining({
          severity: 'major',
          messageIndex: 4,
          explanation: expect.stringContaining('190秒'),
        }),
      ]);
    });

    it('waives it when the late reply or one of the next turns apologises', async () => {
      const result = await score(
        cleanBotConversation([customer(10, '在吗'), bot(200, '您的保单已经生效。'), bot(201, '让您久等了')]),
      );

      expect(findingsOf(result, 'CS-04')).toEqual([]);
    });
  });

  describe('never-answered measurements', () => {
    it('flags a first customer message nobody answered (occurrence: first)', async () => {
      const result = await score(
        transcript([customer(0, '你好，有人吗')], [event(300, 'conversation_closed')]),
      );

      expect(findingsOf(result, 'CS-03')).toEqual([
        expect.objectContaining({ detector: 'bot_first_response', severity: 'major', messageIndex: null }),
      ]);
    });

    it('does not count the customer’s closing words as a wait', async () => {
      const result = await score(
        transcript(
          [customer(0, '你好'), bot(1, BOT_OPENING), bot(2, BOT_ASK_MORE), customer(10, '没有了，谢谢')],
          [event(600, 'conversation_closed')],
        ),
      );

      expect(findingsOf(result, 'CS-04')).toEqual([]);
    });
  });

  describe('CS-19 promised follow-up', () => {
    it('flags a bot follow-up later than 60 s', async () => {
      const late = await score(
        cleanBotConversation([
          customer(10, '理赔到哪一步了'),
          bot(11, '我帮您查询一下'),
          bot(90, '已经在审核中'),
        ]),
      );
      const onTime = await score(
        cleanBotConversation([
          customer(10, '理赔到哪一步了'),
          bot(11, '我帮您查询一下'),
          bot(40, '已经在审核中'),
        ]),
      );

      expect(findingsOf(late, 'CS-19')).toEqual([
        expect.objectContaining({ detector: 'bot_follow_up', messageIndex: 4, role: 'bot' }),
      ]);
      expect(findingsOf(onTime, 'CS-19')).toEqual([]);
    });

    it('flags a promise never kept before the conversation closed', async () => {
      const result = await score(
        transcript(
          [
            customer(0, '你好'),
            bot(1, BOT_OPENING),
            customer(5, '查下理赔'),
            bot(6, '请稍等，我帮您核实一下'),
          ],
          [event(30, 'conversation_closed')],
        ),
      );

      expect(findingsOf(result, 'CS-19')).toEqual([
        expect.objectContaining({ detector: 'bot_follow_up', messageIndex: null, role: 'bot' }),
      ]);
    });

    it('leaves the promise to the agent once the bot hands over', async () => {
      const result = await score(
        transcript(
          [
            customer(0, '转人工'),
            bot(1, `${BOT_OPENING}请稍等，马上为您转接人工`),
            agent(10, '您好，工号1234为您服务', 'A1'),
          ],
          [event(1, 'handoff_requested', 1), event(2, 'queue_notice_sent'), event(9, 'handoff_accepted')],
        ),
      );

      expect(findingsOf(result, 'CS-19')).toEqual([]);
    });
  });
});
