import { Body, Controller, Get, Header, HttpCode, Inject, Post } from '@nestjs/common';
import { type LoginResult, StaffAuth } from './staff-auth';
import { CurrentStaff, RequireRoles } from './staff.guard';
import { type StaffProfile, type StaffUser, toStaffProfile } from './staff.types';

/** Staff sign-in for the consoles. */
@Controller('api/auth')
export class StaffAuthController {
  constructor(@Inject(StaffAuth) private readonly auth: StaffAuth) {}

  /** { username, password } → { token, user }; the token goes in `Authorization: Bearer …`. */
  @Post('login')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  login(@Body() body: unknown): Promise<LoginResult> {
    return this.auth.login(body);
  }

  @Get('me')
  @RequireRoles()
  @Header('Cache-Control', 'no-store')
  me(@CurrentStaff() user: StaffUser): StaffProfile {
    return toStaffProfile(user);
  }
}
