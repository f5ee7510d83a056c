import type { DataSource } from 'typeorm';
import { type NewStaffRecord, type StaffRecord, StaffRepository } from './staff.repository.port';
import type { StaffRole, StaffUser } from './staff.types';

const COLUMNS = `id, username, display_name, role, skills, max_concurrent, disabled, created_at,
  password_changed_at`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Row = Record<string, unknown>;

const date = (value: unknown): Date => (value instanceof Date ? value : new Date(value as string));

function toUser(row: Row): StaffUser {
  return {
    id: row.id as string,
    username: row.username as string,
    displayName: row.display_name as string,
    role: row.role as StaffRole,
    skills: row.skills as string[],
    maxConcurrent: Number(row.max_concurrent),
    disabled: row.disabled as boolean,
    createdAt: date(row.created_at),
    passwordChangedAt: row.password_changed_at === null ? null : date(row.password_changed_at),
  };
}

/** Staff accounts in the `agent` table, through raw SQL on the shared DataSource. */
export class TypeOrmStaffRepository extends StaffRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async insert(record: NewStaffRecord): Promise<StaffUser | null> {
    const rows = (await this.dataSource.query(
      `INSERT INTO agent (username, display_name, role, skills, max_concurrent, password_hash,
         created_at, password_changed_at)
       VALUES ($1, $2, $3, $4::text[], $5, $6, $7, $7)
       ON CONFLICT (username) DO NOTHING
       RETURNING ${COLUMNS}`,
      [
        record.username,
        record.displayName,
        record.role,
        [...record.skills],
        record.maxConcurrent,
        record.passwordHash,
        record.createdAt,
      ],
    )) as Row[];
    return rows[0] ? toUser(rows[0]) : null;
  }

  async findByUsername(username: string): Promise<StaffRecord | null> {
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS}, password_hash FROM agent WHERE username = $1`,
      [username],
    )) as Row[];
    return rows[0] ? { ...toUser(rows[0]), passwordHash: rows[0].password_hash as string } : null;
  }

  async findById(id: string): Promise<StaffUser | null> {
    if (!UUID.test(id)) return null;
    const rows = (await this.dataSource.query(`SELECT ${COLUMNS} FROM agent WHERE id = $1`, [id])) as Row[];
    return rows[0] ? toUser(rows[0]) : null;
  }

  async list(): Promise<StaffUser[]> {
    const rows = (await this.dataSource.query(`SELECT ${COLUMNS} FROM agent ORDER BY username`)) as Row[];
    return rows.map(toUser);
  }

  async existingUsernames(usernames: readonly string[]): Promise<string[]> {
    if (usernames.length === 0) return [];
    const rows = (await this.dataSource.query(
      `SELECT username FROM agent WHERE username = ANY($1::text[]) ORDER BY username`,
      [[...usernames]],
    )) as { username: string }[];
    return rows.map((row) => row.username);
  }

  async setDisabled(username: string, disabled: boolean): Promise<StaffUser | null> {
    // A CTE so the driver returns plain rows (a bare UPDATE comes back as [rows, count]).
    const rows = (await this.dataSource.query(
      `WITH changed AS (UPDATE agent SET disabled = $2 WHERE username = $1 RETURNING ${COLUMNS})
       SELECT * FROM changed`,
      [username, disabled],
    )) as Row[];
    return rows[0] ? toUser(rows[0]) : null;
  }
}
