import { factory } from '@anxin/testing';
import { summarizeEscalation } from './escalation-summary';

const title = (reason: string) => ({ explicit_request: '明确要求人工服务' })[reason] ?? reason;

describe(summarizeEscalation.name, () => {
  it('says why the bot handed over, what the customer said before, and the flow it was running', () => {
    const sut = summarizeEscalation(
      [
        factory.message({ role: 'bot', text: '您好，我是AI智能客服' }),
        factory.message({ role: 'customer', text: '我要报案' }),
        factory.message({
          role: 'bot',
          text: '请问事故发生的时间？',
          payload: {
            state: { flow: { flow: 'claim-report', slots: { policy_no: 'AXMO202600001234', place: '' } } },
          },
        }),
        factory.message({ role: 'customer', text: '转人工' }),
        factory.message({
          role: 'system',
          text: '转人工',
          payload: { event: 'handoff_requested', reason: 'explicit_request' },
        }),
        factory.message({ role: 'bot', text: '好的', payload: { state: {} } }),
        factory.message({ role: 'customer', text: '快点' }),
      ],
      title,
    );

    expect(sut).toMatchObject({
      reason: 'explicit_request',
      reasonTitle: '明确要求人工服务',
      questions: ['我要报案', '转人工'],
      flow: { id: 'claim-report', slots: { policy_no: 'AXMO202600001234' } },
    });
    expect(sut.text).toContain('转人工原因：明确要求人工服务');
    expect(sut.text).toContain('「我要报案」');
  });

  it('keeps the last three customer messages, each clipped, and says so when there was no handoff', () => {
    const long = '很长的问题'.repeat(30);
    const sut = summarizeEscalation(
      ['一', '二', '三', long].map((text) => factory.message({ role: 'customer', text })),
      title,
    );

    expect(sut.reason).toBeNull();
    expect(sut.questions).toHaveLength(3);
    expect(sut.questions[2]).toHaveLength(81);
    expect(sut.text).toContain('客户尚未转人工');
  });
});
