import { DEFAULT_SCRYPT, PasswordHasher, passwordPolicyProblem } from './password.hasher';

describe(PasswordHasher.name, () => {
  const sut = new PasswordHasher();

  it('encodes scrypt$N$r$p$salt$hash with the default parameters, a 16-byte salt and a 32-byte key', async () => {
    const encoded = await sut.hash('correct horse battery');

    const [scheme, N, r, p, salt, hash] = encoded.split('$');
    expect([scheme, N, r, p]).toEqual(['scrypt', '16384', '8', '1']);
    expect(Buffer.from(salt, 'base64url')).toHaveLength(16);
    expect(Buffer.from(hash, 'base64url')).toHaveLength(32);
    expect(encoded).not.toContain('correct horse battery');
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const encoded = await sut.hash('correct horse battery');

    await expect(sut.verify('correct horse battery', encoded)).resolves.toBe(true);
    await expect(sut.verify('correct horse batterY', encoded)).resolves.toBe(false);
    await expect(sut.verify('', encoded)).resolves.toBe(false);
  });

  it('salts every hash', async () => {
    expect(await sut.hash('same password')).not.toBe(await sut.hash('same password'));
  });

  it('treats composed and decomposed Unicode as the same password', async () => {
    const encoded = await sut.hash('密码café-2026!');
    await expect(sut.verify('密码cafe\u0301-2026!', encoded)).resolves.toBe(true);
  });

  it('verifies hashes written with other parameters (so they can be raised later)', async () => {
    const light = new PasswordHasher({ ...DEFAULT_SCRYPT, N: 1024, keyBytes: 64 });
    const encoded = await light.hash('an older hash');

    expect(encoded.startsWith('scrypt$1024$8$1$')).toBe(true);
    await expect(sut.verify('an older hash', encoded)).resolves.toBe(true);
  });

  it.each([
    '',
    'plaintext-password',
    'bcrypt$10$abc',
    'scrypt$16384$8$1$c2FsdHNhbHRzYWx0c2FsdA$',
    'scrypt$1000$8$1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2g',
    'scrypt$4194304$8$1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2g',
  ])('refuses the malformed stored hash %p without throwing', async (encoded) => {
    await expect(sut.verify('whatever password', encoded)).resolves.toBe(false);
  });

  it('spends a verification on unknown users and answers false', async () => {
    await expect(sut.verifyNothing('any password')).resolves.toBe(false);
  });
});

describe(passwordPolicyProblem.name, () => {
  it.each([
    ['123456789', '密码至少需要 10 个字符'],
    ['x'.repeat(129), '密码不能超过 128 个字符'],
    ['😀'.repeat(9), '密码至少需要 10 个字符'],
  ])('refuses %p', (password, problem) => {
    expect(passwordPolicyProblem(password)).toBe(problem);
  });

  it.each(['1234567890', 'x'.repeat(128), '安心客服系统的密码很长'])('accepts %p', (password) => {
    expect(passwordPolicyProblem(password)).toBeNull();
  });
});
