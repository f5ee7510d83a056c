import { errorCodeOf } from '@anxin/testing';
import { ChannelException } from '../channel.exception';
import {
  csatSubmitSchema,
  messageSendSchema,
  normaliseComment,
  normaliseText,
  parsePayload,
} from './web-chat.schemas';

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

  describe('csat:submit', () => {
    const conversationId = '0f6c2b1e-3f4a-4c5d-8e9f-0a1b2c3d4e5f';

    it('accepts 1 to 5 stars with an optional comment', () => {
      expect(parsePayload(csatSubmitSchema, { conversationId, score: 1 })).toEqual({
        conversationId,
        score: 1,
      });
      expect(parsePayload(csatSubmitSchema, { conversationId, score: 5, comment: '很好' })).toMatchObject({
        score: 5,
        comment: '很好',
      });
    });

    it.each([
      [{ conversationId, score: 0 }, 'score'],
      [{ conversationId, score: 6 }, 'score'],
      [{ conversationId, score: 4.5 }, 'score'],
      [{ conversationId, score: '5' }, 'score'],
      [{ conversationId: 'not-a-uuid', score: 5 }, 'conversationId'],
      [{ conversationId, score: 5, comment: 5 }, 'comment'],
      [{ conversationId, score: 5, extra: true }, 'extra'],
    ])('refuses %p naming %s', (payload, field) => {
      try {
        parsePayload(csatSubmitSchema, payload);
        throw new Error('accepted');
      } catch (error) {
        expect((error as ChannelException).code).toBe('CHANNEL.INVALID_PAYLOAD');
        expect((error as ChannelException).message).toContain(field);
      }
    });

    it('trims the comment, counts an emoji once, treats blank as none and refuses control characters', () => {
      expect(normaliseComment(undefined)).toBeNull();
      expect(normaliseComment('  \n ')).toBeNull();
      expect(normaliseComment('  服务很好  ')).toBe('服务很好');
      expect(normaliseComment('😀'.repeat(500))).toHaveLength(1000);
      expect(errorCodeOf(() => normaliseComment('好'.repeat(501)))).toBe('CHANNEL.INVALID_PAYLOAD');
      expect(errorCodeOf(() => normaliseComment('a\u0000b'))).toBe('CHANNEL.INVALID_PAYLOAD');
    });
  });
});
