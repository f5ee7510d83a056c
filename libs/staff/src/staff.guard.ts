import {
  applyDecorators,
  type CanActivate,
  createParamDecorator,
  type ExecutionContext,
  Inject,
  Injectable,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { StaffAuth } from './staff-auth';
import { StaffException, unauthenticated } from './staff.exception';
import type { StaffRole, StaffUser } from './staff.types';

const ROLES_KEY = 'anxin:staff-roles';

/** The signed-in staff user of each request the guard let through. */
const signedIn = new WeakMap<object, StaffUser>();

/**
 * Lets a request through when it carries `Authorization: Bearer <staff token>` of an enabled
 * account whose role is one of those required (401 STAFF.UNAUTHENTICATED, 403 STAFF.FORBIDDEN).
 * Use it through @RequireRoles; StaffModule (global) provides what it needs.
 */
@Injectable()
export class StaffGuard implements CanActivate {
  constructor(
    @Inject(StaffAuth) private readonly auth: StaffAuth,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http')
      throw new Error('StaffGuard guards HTTP handlers; sockets use StaffAuth.verifySocket');
    const roles =
      this.reflector.getAllAndOverride<readonly StaffRole[] | undefined>(ROLES_KEY, [
        context.getHandler(),
        context.getClass(),
      ]) ?? [];
    const request = context.switchToHttp().getRequest<Request>();
    // @RequireRoles on both the class and the handler runs the guard twice: authenticate once.
    const user =
      signedIn.get(request) ?? (await this.auth.verifyAuthorization(request.headers.authorization));
    signedIn.set(request, user);
    if (roles.length > 0 && !roles.includes(user.role))
      throw new StaffException('STAFF.FORBIDDEN', '当前账号无权使用此功能', { required: [...roles] });
    return true;
  }
}

/**
 * Requires a signed-in staff user with one of the roles (none given: any role). On a controller
 * class or a handler; the handler's roles win over the class's.
 *
 *   @RequireRoles('qa', 'supervisor', 'admin')
 *   @Get('reviews')
 *   list(@CurrentStaff() user: StaffUser) { … }
 */
export function RequireRoles(...roles: StaffRole[]): ClassDecorator & MethodDecorator {
  return applyDecorators(SetMetadata(ROLES_KEY, roles), UseGuards(StaffGuard));
}

/** The staff user the guard attached to this request; STAFF.UNAUTHENTICATED without one. */
export function currentStaff(request: object): StaffUser {
  const user = signedIn.get(request);
  if (!user) throw unauthenticated();
  return user;
}

/** Handler parameter: the signed-in staff user (needs @RequireRoles on the handler or class). */
export const CurrentStaff = createParamDecorator((_data: unknown, context: ExecutionContext): StaffUser =>
  currentStaff(context.switchToHttp().getRequest<Request>()),
);
