import type { QaEvent, QaMessage, QaTranscript } from '../quality.types';

/** Small builders for transcripts in specs. */
export const customer = (t: number, text: string): QaMessage => ({ role: 'customer', t, text });
export const bot = (t: number, text: string): QaMessage => ({ role: 'bot', t, text });
/** An agent turn; agentId null leaves it out (counted as agent "unknown"). */
export const agent = (t: number, text: string, agentId: string | null = 'A007'): QaMessage =>
  agentId === null ? { role: 'agent', t, text } : { role: 'agent', t, text, agentId };
export const system = (t: number, text: string): QaMessage => ({ role: 'system', t, text });
export const event = (t: number, type: string, messageIndex?: number): QaEvent =>
  messageIndex === undefined ? { t, type } : { t, type, messageIndex };

export function transcript(messages: readonly QaMessage[], events: readonly QaEvent[] = []): QaTranscript {
  return { id: 'T-1', channel: 'web', messages, events };
}

/** Bot opening that discloses AI identity and greets with a name (CS-01, CS-02). */
export const BOT_OPENING = '您好，我是安心保险智能客服小安，很高兴为您服务。';
/** Bot closing that asks for further needs and invites a rating once (CS-22). */
export const BOT_ASK_MORE = '请问还有其他可以帮您的吗?';
export const BOT_GOODBYE = '感谢您的咨询，请您对本次服务进行评价，祝您生活愉快!';

/**
 * A short bot conversation that breaks no rule: opening, one answer, closing. `middle` turns are inserted
 * after the opening (times continue from 10 s); the closing follows them.
 */
export function cleanBotConversation(
  middle: readonly QaMessage[] = [],
  events: readonly QaEvent[] = [],
): QaTranscript {
  const last = middle.reduce((t, m) => Math.max(t, m.t), 10);
  return transcript(
    [
      customer(0, '你好，我想咨询一下'),
      bot(1, `${BOT_OPENING}请问有什么可以帮您?`),
      ...middle,
      bot(last + 1, BOT_ASK_MORE),
      customer(last + 5, '没有了'),
      bot(last + 6, BOT_GOODBYE),
    ],
    events,
  );
}
