import { AppLoginVerifier } from './app-login.verifier';

const SECRET = 'app-login-secret-0123456789abcdef';
const NOW = Date.UTC(2026, 10, 25, 8, 0, 0);
const claims = (exp = NOW / 1000 + 300) => ({ ref: 'C000101', name: '张伟', exp });

describe(AppLoginVerifier.name, () => {
  const sut = new AppLoginVerifier(SECRET);

  it('reads the claims of a ticket the insurer signed', () => {
    expect(sut.verify(AppLoginVerifier.sign(claims(), SECRET), NOW)).toEqual(claims());
  });

  it.each([
    ['no dot', 'abc', 'malformed'],
    ['three parts', 'a.b.c', 'malformed'],
    ['a body that is not JSON', `${Buffer.from('{').toString('base64url')}.x`, 'signature'],
    ['a tampered body', AppLoginVerifier.sign(claims(), SECRET).replace(/^./, 'f'), 'signature'],
    ['a missing name', AppLoginVerifier.sign({ ...claims(), name: ' ' }, SECRET), 'claims'],
    ['an extra claim', AppLoginVerifier.sign({ ...claims(), role: 'admin' } as never, SECRET), 'claims'],
    ['an expired ticket', AppLoginVerifier.sign(claims(NOW / 1000), SECRET), 'expired'],
    [
      'a ticket for more than ten minutes',
      AppLoginVerifier.sign(claims(NOW / 1000 + 601), SECRET),
      'lifetime',
    ],
  ])('refuses %s', (_label, ticket, reason) => {
    expect(() => sut.verify(ticket, NOW)).toThrow(
      expect.objectContaining({ code: 'CHANNEL.APP_LOGIN_INVALID', details: { reason } }),
    );
  });

  it('refuses every ticket when no secret is configured', () => {
    const disabled = new AppLoginVerifier(null);
    expect(disabled.enabled).toBe(false);
    expect(() => disabled.verify(AppLoginVerifier.sign(claims(), SECRET), NOW)).toThrow(
      expect.objectContaining({ code: 'CHANNEL.APP_LOGIN_DISABLED' }),
    );
  });
});
