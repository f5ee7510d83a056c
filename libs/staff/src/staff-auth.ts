import type { Clock, Logger } from '@anxin/common';
import { type LoginAttemptLimiter } from './login-attempts.limiter';
import { loginRequestSchema, parseStaffInput } from './staff-input.schemas';
import { type StaffTokenSigner } from './staff-token.signer';
import { AuthenticationError, type StaffService } from './staff.service';
import { unauthenticated } from './staff.exception';
import { type StaffProfile, type StaffUser, toStaffProfile } from './staff.types';

export interface LoginResult {
  readonly token: string;
  readonly user: StaffProfile;
}

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/;

/**
 * Sign-in and token checks for every staff entry point: HTTP (StaffGuard), socket.io handshakes
 * of the consoles (verifySocket) and the login endpoint. Plain TypeScript.
 */
export class StaffAuth {
  constructor(
    private readonly staff: StaffService,
    private readonly tokens: StaffTokenSigner,
    private readonly limiter: LoginAttemptLimiter,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** POST /api/auth/login: the body is validated here (STAFF.INVALID_INPUT). */
  async login(body: unknown): Promise<LoginResult> {
    const { username, password } = parseStaffInput(loginRequestSchema, body);
    this.limiter.assertAllowed(username, this.now());
    let user: StaffUser;
    try {
      user = await this.staff.authenticate(username, password);
    } catch (error) {
      if (error instanceof AuthenticationError) {
        const locked = this.limiter.recordFailure(username, this.now());
        this.logger.warn({ username, reason: error.reason, locked }, 'staff login failed');
      }
      throw error;
    }
    this.limiter.recordSuccess(username);
    this.logger.info({ staffId: user.id, username, role: user.role }, 'staff login');
    return {
      token: this.tokens.sign({ sub: user.id, role: user.role }, this.now()),
      user: toStaffProfile(user),
    };
  }

  /**
   * The current account behind a token, re-read from the database: a disabled account, a changed
   * role or a password changed after the token was issued all refuse it (STAFF.UNAUTHENTICATED).
   */
  async verifyToken(token: unknown): Promise<StaffUser> {
    const claims = this.tokens.verify(token, this.now());
    const user = await this.staff.getById(claims.sub);
    if (!user || user.disabled) throw unauthenticated('账号不可用，请联系管理员');
    if (user.role !== claims.role) throw unauthenticated('账号权限已变更，请重新登录');
    if (user.passwordChangedAt && claims.iat < Math.floor(user.passwordChangedAt.getTime() / 1000))
      throw unauthenticated('密码已修改，请重新登录');
    return user;
  }

  /** `Authorization: Bearer <token>` of an HTTP request. */
  verifyAuthorization(header: string | undefined): Promise<StaffUser> {
    const match = BEARER.exec(header?.trim() ?? '');
    if (!match) return Promise.reject(unauthenticated());
    return this.verifyToken(match[1]);
  }

  /** The token a console sends in its socket.io handshake (`auth: { token }`). */
  verifySocket(token: unknown): Promise<StaffUser> {
    return this.verifyToken(token);
  }

  private now(): number {
    return this.clock.now().getTime();
  }
}
