import type { Conversation, Message } from '@anxin/conversation';
import { factory } from '@anxin/testing';
import { assembleTranscript } from './transcript.assembler';

const OPENED = new Date('2026-11-25T08:00:00Z');
const at = (seconds: number): Date => new Date(OPENED.getTime() + seconds * 1000);

function message(seq: number, role: Message['role'], text: string, seconds: number, payload = {}): Message {
  return {
    id: `m${seq}`,
    conversationId: 'c1',
    seq,
    role,
    text,
    citations: [],
    payload,
    channel: 'web',
    channelMessageId: null,
    createdAt: at(seconds),
  };
}

describe(assembleTranscript.name, () => {
  const conversation: Conversation = factory.conversation({
    id: 'c1',
    customerId: 'u1',
    state: 'closed',
    openedAt: OPENED,
    closedAt: at(120),
  });

  it('keeps turns in order with seconds from the opening, and turns system events into events', () => {
    const sut = assembleTranscript(conversation, [
      message(1, 'bot', '您好，我是安心保险AI智能客服小安。', 0),
      message(2, 'customer', '查保单', 5.25),
      message(3, 'system', '客户身份核验通过', 30, { event: 'kyc_passed' }),
      message(4, 'system', '开始查询保单', 30, { event: 'flow_started' }),
      message(5, 'agent', '您好，工号1024为您服务。', 60, { agentId: 'A1024' }),
    ]);

    expect(sut.messages).toEqual([
      { role: 'bot', t: 0, text: '您好，我是安心保险AI智能客服小安。', id: 'm1', citations: [] },
      { role: 'customer', t: 5.3, text: '查保单', id: 'm2' },
      { role: 'agent', t: 60, text: '您好，工号1024为您服务。', id: 'm5', agentId: 'A1024' },
    ]);
    expect(sut.events).toEqual([
      { t: 0, type: 'conversation_opened' },
      { t: 0, type: 'ai_label_shown' },
      { t: 30, type: 'kyc_passed', messageIndex: 1 },
      { t: 120, type: 'conversation_closed' },
    ]);
  });

  it('passes the scripts a bot turn cited, by id', () => {
    const cited = {
      ...message(2, 'bot', '犹豫期为签收合同次日起15日。', 3),
      citations: [
        { scriptId: 'presale-hesitation-period', version: 2, title: '犹豫期' },
        { scriptId: 'presale-annuity-cash-value', version: 1, title: '年金险现金价值' },
      ],
    };
    const sut = assembleTranscript(conversation, [message(1, 'customer', '犹豫期多久', 1), cited]);

    expect(sut.messages.map((m) => m.citations)).toEqual([
      undefined,
      ['presale-hesitation-period', 'presale-annuity-cash-value'],
    ]);
  });

  it('claims no AI label on a channel whose window shows none', () => {
    const sut = assembleTranscript({ ...conversation, channel: 'wechat-oa', closedAt: null }, []);
    expect(sut.events).toEqual([{ t: 0, type: 'conversation_opened' }]);
  });
});
