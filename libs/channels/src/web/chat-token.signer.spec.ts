import { type ChannelException } from '../channel.exception';
import { ChatTokenSigner } from './chat-token.signer';

const NOW = Date.parse('2026-11-25T08:00:00Z');
const codeOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    return (error as ChannelException).code;
  }
  return 'no error';
};

describe(ChatTokenSigner.name, () => {
  const sut = new ChatTokenSigner('a'.repeat(32), 3600);

  it('round-trips the claims', () => {
    const token = sut.sign({ sub: 'customer-1', vid: 'visitor-1' }, NOW);
    expect(sut.verify(token, NOW + 1000)).toEqual({
      sub: 'customer-1',
      vid: 'visitor-1',
      exp: NOW / 1000 + 3600,
    });
  });

  it('refuses a token signed with another secret', () => {
    const forged = new ChatTokenSigner('b'.repeat(32), 3600).sign({ sub: 'x', vid: 'y' }, NOW);
    expect(codeOf(() => sut.verify(forged, NOW))).toBe('CHANNEL.TOKEN_INVALID');
  });

  it('refuses tampered claims', () => {
    const [, signature] = sut.sign({ sub: 'customer-1', vid: 'v' }, NOW).split('.');
    const body = Buffer.from(
      JSON.stringify({ sub: 'customer-2', vid: 'v', exp: NOW / 1000 + 3600 }),
    ).toString('base64url');
    expect(codeOf(() => sut.verify(`${body}.${signature}`, NOW))).toBe('CHANNEL.TOKEN_INVALID');
  });

  it('refuses an expired token', () => {
    const token = sut.sign({ sub: 'c', vid: 'v' }, NOW);
    expect(codeOf(() => sut.verify(token, NOW + 3600 * 1000))).toBe('CHANNEL.TOKEN_EXPIRED');
  });

  it.each([undefined, 42, '', 'abc', 'a.b.c', 'x'.repeat(2000)])('refuses malformed token %p', (token) => {
    expect(codeOf(() => sut.verify(token, NOW))).toBe('CHANNEL.TOKEN_INVALID');
  });
});
