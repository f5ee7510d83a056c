import { randomBytes, scrypt, type ScryptOptions, timingSafeEqual } from 'node:crypto';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

export interface ScryptParameters {
  /** CPU/memory cost, a power of two. */
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly saltBytes: number;
  readonly keyBytes: number;
}

/** N=2^14, r=8, p=1: about 16 MiB and a few tens of milliseconds per hash. */
export const DEFAULT_SCRYPT: ScryptParameters = { N: 16_384, r: 8, p: 1, saltBytes: 16, keyBytes: 32 };

const ENCODED = /^scrypt\$(\d{1,8})\$(\d{1,3})\$(\d{1,3})\$([A-Za-z0-9_-]{11,128})\$([A-Za-z0-9_-]{22,128})$/;

/**
 * The password policy: 10–128 characters (code points, so a Chinese character or an emoji
 * counts once). Returns the problem in staff-facing Chinese, or null when the password is fine.
 */
export function passwordPolicyProblem(password: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `密码至少需要 ${PASSWORD_MIN_LENGTH} 个字符`;
  if (length > PASSWORD_MAX_LENGTH) return `密码不能超过 ${PASSWORD_MAX_LENGTH} 个字符`;
  return null;
}

function derive(password: string, salt: Buffer, keyBytes: number, params: ScryptParameters): Promise<Buffer> {
  const options: ScryptOptions = {
    N: params.N,
    r: params.r,
    p: params.p,
    // Node's default maxmem (32 MiB) is just enough for N=2^14 r=8; leave room for stored parameters.
    maxmem: 256 * params.N * params.r + 1024 * 1024,
  };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyBytes, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/**
 * scrypt password hashes encoded as `scrypt$N$r$p$salt$hash` (salt and hash base64url), so
 * the parameters can be raised later while old hashes still verify.
 */
export class PasswordHasher {
  private readonly dummySalt = randomBytes(DEFAULT_SCRYPT.saltBytes);

  constructor(private readonly params: ScryptParameters = DEFAULT_SCRYPT) {}

  async hash(password: string): Promise<string> {
    const salt = randomBytes(this.params.saltBytes);
    const key = await derive(password, salt, this.params.keyBytes, this.params);
    const { N, r, p } = this.params;
    return `scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
  }

  /** False for a wrong password and for anything that is not a hash this class wrote. */
  async verify(password: string, encoded: string): Promise<boolean> {
    const parsed = parse(encoded);
    if (!parsed) return false;
    const key = await derive(password, parsed.salt, parsed.hash.length, parsed.params);
    return timingSafeEqual(key, parsed.hash);
  }

  /**
   * Spends the work of one verification and returns false: used for unknown usernames, so the
   * response time does not tell which usernames exist.
   */
  async verifyNothing(password: string): Promise<false> {
    await derive(password, this.dummySalt, this.params.keyBytes, this.params);
    return false;
  }
}

function parse(encoded: string): { params: ScryptParameters; salt: Buffer; hash: Buffer } | null {
  const match = ENCODED.exec(encoded);
  if (!match) return null;
  const [N, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const powerOfTwo = N >= 2 && N <= 1_048_576 && (N & (N - 1)) === 0;
  if (!powerOfTwo || r < 1 || r > 32 || p < 1 || p > 16) return null;
  const salt = Buffer.from(match[4], 'base64url');
  const hash = Buffer.from(match[5], 'base64url');
  if (salt.length < 8 || hash.length < 16 || hash.length > 64) return null;
  return { params: { N, r, p, saltBytes: salt.length, keyBytes: hash.length }, salt, hash };
}
