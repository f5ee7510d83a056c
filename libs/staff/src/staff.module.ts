import { AppConfig, Clock, LOGGER, type Logger } from '@anxin/common';
import { Global, Inject, Module, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DEMO_USERS } from './demo-users.data';
import { LoginAttemptLimiter } from './login-attempts.limiter';
import { PasswordHasher } from './password.hasher';
import { StaffAuth } from './staff-auth';
import { StaffAuthController } from './staff-auth.controller';
import { StaffTokenSigner } from './staff-token.signer';
import { StaffGuard } from './staff.guard';
import { StaffRepository } from './staff.repository.port';
import { StaffService } from './staff.service';
import { TypeOrmStaffRepository } from './typeorm-staff.repository';

/**
 * Staff accounts, login and role checks. Global, so any controller can use @RequireRoles
 * (the guard resolves StaffAuth from here). Seeds the demo users at boot when configured.
 */
@Global()
@Module({
  controllers: [StaffAuthController],
  providers: [
    { provide: PasswordHasher, useFactory: () => new PasswordHasher() },
    {
      provide: StaffRepository,
      inject: [DataSource],
      useFactory: (dataSource: DataSource) => new TypeOrmStaffRepository(dataSource),
    },
    {
      provide: StaffTokenSigner,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        new StaffTokenSigner(config.staff.tokenSecret, config.staff.tokenTtlSeconds),
    },
    {
      provide: StaffService,
      inject: [StaffRepository, PasswordHasher, Clock],
      useFactory: (repository: StaffRepository, hasher: PasswordHasher, clock: Clock) =>
        new StaffService(repository, hasher, clock),
    },
    { provide: LoginAttemptLimiter, useFactory: () => new LoginAttemptLimiter() },
    {
      provide: StaffAuth,
      inject: [StaffService, StaffTokenSigner, LoginAttemptLimiter, Clock, LOGGER],
      useFactory: (
        staff: StaffService,
        tokens: StaffTokenSigner,
        limiter: LoginAttemptLimiter,
        clock: Clock,
        logger: Logger,
      ) => new StaffAuth(staff, tokens, limiter, clock, logger),
    },
    StaffGuard,
  ],
  exports: [StaffService, StaffAuth, StaffGuard],
})
export class StaffModule implements OnModuleInit {
  constructor(
    @Inject(StaffService) private readonly staff: StaffService,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.staff.seedDemoUsers) return;
    const created = await this.staff.createMissing(DEMO_USERS);
    if (created.length > 0)
      this.logger.warn(
        { usernames: created },
        'demo staff accounts created (public demo passwords; see README "Staff accounts")',
      );
  }
}
