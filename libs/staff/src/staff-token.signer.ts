import { createHmac, timingSafeEqual } from 'node:crypto';
import { type StaffException, unauthenticated } from './staff.exception';
import { STAFF_ROLES, type StaffRole } from './staff.types';

export interface StaffTokenClaims {
  /** Staff user id. */
  readonly sub: string;
  /** The role at sign-in; a token whose role no longer matches the account is refused. */
  readonly role: StaffRole;
  /** Issued at, seconds since the epoch. */
  readonly iat: number;
  /** Expiry, seconds since the epoch. */
  readonly exp: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Compact HMAC-SHA256 tokens for staff sessions: base64url(claims).base64url(signature).
 * Its own secret (STAFF_TOKEN_SECRET), so a web-chat token can never pass as a staff token.
 */
export class StaffTokenSigner {
  constructor(
    private readonly secret: string,
    readonly ttlSeconds: number,
  ) {}

  sign(claims: Pick<StaffTokenClaims, 'sub' | 'role'>, nowMs: number): string {
    const iat = Math.floor(nowMs / 1000);
    const body = Buffer.from(
      JSON.stringify({ sub: claims.sub, role: claims.role, iat, exp: iat + this.ttlSeconds }),
    ).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  verify(token: unknown, nowMs: number): StaffTokenClaims {
    if (typeof token !== 'string' || token.length > 1024) throw invalid();
    const [body, signature, extra] = token.split('.');
    if (!body || !signature || extra !== undefined) throw invalid();
    const expected = Buffer.from(this.mac(body));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalid();
    let claims: Partial<Record<keyof StaffTokenClaims, unknown>>;
    try {
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as typeof claims;
    } catch {
      throw invalid();
    }
    const { sub, role, iat, exp } = claims ?? {};
    if (
      typeof sub !== 'string' ||
      !UUID.test(sub) ||
      typeof role !== 'string' ||
      !(STAFF_ROLES as readonly string[]).includes(role) ||
      typeof iat !== 'number' ||
      typeof exp !== 'number'
    )
      throw invalid();
    if (exp * 1000 <= nowMs) throw unauthenticated('登录已过期，请重新登录');
    return { sub, role: role as StaffRole, iat, exp };
  }

  private mac(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}

function invalid(): StaffException {
  return unauthenticated('登录凭证无效，请重新登录');
}
