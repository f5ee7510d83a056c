import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { ChannelException } from '../channel.exception';

/** What the insurer's app backend vouches for in a login ticket. */
export interface AppLoginClaims {
  /** The customer's reference in the insurer's core system (e.g. C000101). */
  readonly ref: string;
  /** The customer's name as the insurer holds it. */
  readonly name: string;
  /** Expiry, seconds since the epoch; tickets are meant to live for minutes. */
  readonly exp: number;
}

const claimsSchema = z.strictObject({
  ref: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  name: z.string().trim().min(1).max(64),
  exp: z.number().int().positive(),
});

/** Tickets living longer than this are refused whatever they say (a leaked ticket must die soon). */
const MAX_TICKET_LIFETIME_S = 600;

/**
 * Login tickets from the insurer's app, which embeds the web chat for logged-in customers:
 * base64url(JSON claims) "." base64url(HMAC-SHA256(APP_LOGIN_SECRET, first part)). A valid
 * ticket counts as the identity check (kyc_passed, method app_login). Without a secret the
 * feature is off and every ticket is refused.
 */
export class AppLoginVerifier {
  constructor(private readonly secret: string | null) {}

  get enabled(): boolean {
    return this.secret !== null;
  }

  /** For the insurer's backend (and tests): the ticket for these claims. */
  static sign(claims: AppLoginClaims, secret: string): string {
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
  }

  verify(ticket: string, nowMs: number): AppLoginClaims {
    if (this.secret === null)
      throw new ChannelException('CHANNEL.APP_LOGIN_DISABLED', '当前未开通App登录核验，请直接开始咨询');
    const [body, signature, extra] = ticket.split('.');
    if (!body || !signature || extra !== undefined) throw invalid('malformed');
    const expected = Buffer.from(createHmac('sha256', this.secret).update(body).digest('base64url'));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalid('signature');
    let raw: unknown;
    try {
      raw = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      throw invalid('malformed');
    }
    const parsed = claimsSchema.safeParse(raw);
    if (!parsed.success) throw invalid('claims');
    const nowS = nowMs / 1000;
    if (parsed.data.exp <= nowS) throw invalid('expired');
    if (parsed.data.exp > nowS + MAX_TICKET_LIFETIME_S) throw invalid('lifetime');
    return parsed.data;
  }
}

function invalid(reason: string): ChannelException {
  return new ChannelException(
    'CHANNEL.APP_LOGIN_INVALID',
    'App登录凭证无效或已过期，请在App内重新进入在线客服',
    {
      reason,
    },
  );
}
