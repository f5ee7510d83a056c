import { errorCodeOf } from '@anxin/testing';
import { ChatTokenSigner } from './chat-token.signer';

const NOW = Date.parse('2026-11-25T08:00:00Z');

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
    expect(errorCodeOf(() => sut.verify(forged, NOW))).toBe('CHANNEL.TOKEN_INVALID');
  });

  it('refuses tampered claims', () => {
    const [, signature] = sut.sign({ sub: 'customer-1', vid: 'v' }, NOW).split('.');
    const body = Buffer.from(
      JSON.stringify({ sub: 'customer-2', vid: 'v', exp: NOW / 1000 + 3600 }),
    ).toString('base64url');
    expect(errorCodeOf(() => sut.verify(`${body}.${signature}`, NOW))).toBe('CHANNEL.TOKEN_INVALID');
  });

  it('refuses an expired token', () => {
    const token = sut.sign({ sub: 'c', vid: 'v' }, NOW);
    expect(errorCodeOf(() => sut.verify(token, NOW + 3600 * 1000))).toBe('CHANNEL.TOKEN_EXPIRED');
  });

  it.each([undefined, 42, '', 'abc', 'a.b.c', 'x'.repeat(2000)])('refuses malformed token %p', (token) => {
    expect(errorCodeOf(() => sut.verify(token, NOW))).toBe('CHANNEL.TOKEN_INVALID');
  });
});
