import { type Clock, SystemClock } from '@anxin/common';
import type { DataSource } from 'typeorm';
import { PasswordHasher } from './password.hasher';
import { StaffService } from './staff.service';
import { TypeOrmStaffRepository } from './typeorm-staff.repository';

/** A StaffService on an open database, for tools outside the Nest container (the admin CLI). */
export function createStaffService(dataSource: DataSource, clock: Clock = new SystemClock()): StaffService {
  return new StaffService(new TypeOrmStaffRepository(dataSource), new PasswordHasher(), clock);
}
