export { StaffModule } from './staff.module';
export { StaffService, AuthenticationError, type AuthenticationFailure } from './staff.service';
export { StaffAuth, type LoginResult } from './staff-auth';
export { StaffGuard, RequireRoles, CurrentStaff, currentStaff } from './staff.guard';
export { StaffTokenSigner, type StaffTokenClaims } from './staff-token.signer';
export { StaffException, type StaffErrorCode } from './staff.exception';
export {
  PasswordHasher,
  passwordPolicyProblem,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
} from './password.hasher';
export { LoginAttemptLimiter, DEFAULT_LOCKOUT, type LoginLockoutPolicy } from './login-attempts.limiter';
export { StaffRepository, type NewStaffRecord, type StaffRecord } from './staff.repository.port';
export { TypeOrmStaffRepository } from './typeorm-staff.repository';
export { createStaffService } from './staff.factory';
export { DEMO_USERS } from './demo-users.data';
export { USERNAME_PATTERN } from './staff-input.schemas';
export {
  STAFF_ROLES,
  type NewStaffUser,
  type StaffProfile,
  type StaffRole,
  type StaffUser,
  toStaffProfile,
} from './staff.types';
export { InMemoryStaffRepository } from './testing/in-memory-staff.repository';
