import { errorCodeOf } from '@anxin/testing';
import { StaffTokenSigner } from './staff-token.signer';

const NOW = Date.parse('2026-11-25T08:00:00Z');
const USER = '6f1c2f64-3b7a-4a43-9d53-0f5c1f7e9a10';

function errorOf(fn: () => unknown): { code?: string; message?: string } {
  try {
    fn();
  } catch (error) {
    return error as { code?: string; message?: string };
  }
  return {};
}

describe(StaffTokenSigner.name, () => {
  const sut = new StaffTokenSigner('s'.repeat(32), 43_200);

  it('round-trips the claims with issue and expiry times', () => {
    const token = sut.sign({ sub: USER, role: 'qa' }, NOW);

    expect(sut.verify(token, NOW + 1000)).toEqual({
      sub: USER,
      role: 'qa',
      iat: NOW / 1000,
      exp: NOW / 1000 + 43_200,
    });
  });

  it('refuses a token signed with another secret', () => {
    const forged = new StaffTokenSigner('t'.repeat(32), 43_200).sign({ sub: USER, role: 'admin' }, NOW);
    expect(errorCodeOf(() => sut.verify(forged, NOW))).toBe('STAFF.UNAUTHENTICATED');
  });

  it('refuses a token whose claims were changed (role escalation)', () => {
    const [, signature] = sut.sign({ sub: USER, role: 'agent' }, NOW).split('.');
    const body = Buffer.from(
      JSON.stringify({ sub: USER, role: 'admin', iat: NOW / 1000, exp: NOW / 1000 + 43_200 }),
    ).toString('base64url');

    expect(errorCodeOf(() => sut.verify(`${body}.${signature}`, NOW))).toBe('STAFF.UNAUTHENTICATED');
  });

  it('refuses an expired token with its own message', () => {
    const token = sut.sign({ sub: USER, role: 'qa' }, NOW);
    const error = errorOf(() => sut.verify(token, NOW + 43_200 * 1000));

    expect(error).toMatchObject({ code: 'STAFF.UNAUTHENTICATED', message: '登录已过期，请重新登录' });
    expect(sut.verify(token, NOW + 43_199 * 1000).sub).toBe(USER);
  });

  it.each([{ sub: 'not-a-uuid', role: 'qa' }, { sub: USER, role: 'root' }, { sub: USER }])(
    'refuses a well-signed token with bad claims %j',
    (claims) => {
      const body = Buffer.from(JSON.stringify({ ...claims, iat: NOW / 1000, exp: NOW / 1000 + 60 })).toString(
        'base64url',
      );
      const signer = sut as unknown as { mac(body: string): string };
      expect(errorCodeOf(() => sut.verify(`${body}.${signer.mac(body)}`, NOW))).toBe('STAFF.UNAUTHENTICATED');
    },
  );

  it.each([undefined, 42, '', 'abc', 'a.b.c', 'x'.repeat(2000)])('refuses malformed token %p', (token) => {
    expect(errorCodeOf(() => sut.verify(token, NOW))).toBe('STAFF.UNAUTHENTICATED');
  });
});
