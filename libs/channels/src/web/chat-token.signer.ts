import { createHmac, timingSafeEqual } from 'node:crypto';
import { ChannelException } from '../channel.exception';

export interface ChatTokenClaims {
  /** Customer id. */
  readonly sub: string;
  /** Web visitor id (the channel identity). */
  readonly vid: string;
  /** Expiry, seconds since the epoch. */
  readonly exp: number;
}

/**
 * Compact HMAC-SHA256 tokens for the web chat: base64url(claims).base64url(signature).
 * The secret comes from config (generated per installation in embedded mode).
 */
export class ChatTokenSigner {
  constructor(
    private readonly secret: string,
    private readonly ttlSeconds: number,
  ) {}

  sign(claims: Omit<ChatTokenClaims, 'exp'>, nowMs: number): string {
    const body = Buffer.from(
      JSON.stringify({ ...claims, exp: Math.floor(nowMs / 1000) + this.ttlSeconds }),
    ).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  verify(token: unknown, nowMs: number): ChatTokenClaims {
    if (typeof token !== 'string' || token.length > 1024) throw invalid();
    const [body, signature, extra] = token.split('.');
    if (!body || !signature || extra !== undefined) throw invalid();
    const expected = Buffer.from(this.mac(body));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalid();
    let claims: Partial<ChatTokenClaims>;
    try {
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<ChatTokenClaims>;
    } catch {
      throw invalid();
    }
    if (typeof claims.sub !== 'string' || typeof claims.vid !== 'string' || typeof claims.exp !== 'number')
      throw invalid();
    if (claims.exp * 1000 <= nowMs)
      throw new ChannelException('CHANNEL.TOKEN_EXPIRED', '会话已过期，请刷新页面');
    return { sub: claims.sub, vid: claims.vid, exp: claims.exp };
  }

  private mac(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}

function invalid(): ChannelException {
  return new ChannelException('CHANNEL.TOKEN_INVALID', '身份凭证无效，请刷新页面');
}
