import { errorCodeOf } from '@anxin/testing';
import { ChannelException } from '../channel.exception';
import { messageSendSchema, normaliseText, parsePayload } from './web-chat.schemas';

describe('web chat input rules', () => {
  it('trims and accepts 1 to 2000 characters, counting an emoji once', () => {
    expect(normaliseText('  你好  ')).toBe('你好');
    expect(normaliseText('😀'.repeat(2000))).toHaveLength(4000);
    expect(errorCodeOf(() => normaliseText('   \n '))).toBe('CHANNEL.TEXT_EMPTY');
    expect(errorCodeOf(() => normaliseText('保'.repeat(2001)))).toBe('CHANNEL.TEXT_TOO_LONG');
  });

  it.each([
    [null, 'clientMsgId'],
    [{ text: 'hi' }, 'clientMsgId'],
    [{ clientMsgId: 'a', text: 7 }, 'text'],
    [{ clientMsgId: 'bad id!', text: 'hi' }, 'clientMsgId'],
    [{ clientMsgId: 'a', text: 'hi', extra: 1 }, 'extra'],
    ['just a string', 'payload'],
  ])('refuses %p naming %s', (payload, field) => {
    try {
      parsePayload(messageSendSchema, payload);
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(ChannelException);
      expect((error as ChannelException).code).toBe('CHANNEL.INVALID_PAYLOAD');
      expect((error as ChannelException).message).toContain(field);
    }
  });
});
