import { randomUUID } from 'node:crypto';
import { Database } from '@anxin/persistence';
import { databaseTargets } from '@anxin/testing';
import type { NewStaffRecord } from './staff.repository.port';
import { TypeOrmStaffRepository } from './typeorm-staff.repository';

const AT = new Date('2026-11-25T08:00:00.123Z');

describe.each(databaseTargets())('TypeOrmStaffRepository on $name PostgreSQL', (target) => {
  let database: Database;
  let sut: TypeOrmStaffRepository;

  beforeAll(async () => {
    database = await Database.open(target.config, target.options);
    sut = new TypeOrmStaffRepository(database.dataSource);
  });
  afterAll(() => database.close());

  // The server database is shared by parallel suites and runs: unique usernames per test.
  const username = (): string => `t${randomUUID().slice(0, 8)}`;
  const record = (overrides: Partial<NewStaffRecord> = {}): NewStaffRecord => ({
    username: username(),
    displayName: '质检员 王静',
    role: 'qa',
    skills: ['general', 'claims'],
    maxConcurrent: 5,
    passwordHash: 'scrypt$16384$8$1$salt$hash',
    createdAt: AT,
    ...overrides,
  });

  it('inserts and reads back every column, the hash only by username', async () => {
    const input = record();
    const created = await sut.insert(input);

    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      username: input.username,
      displayName: '质检员 王静',
      role: 'qa',
      skills: ['general', 'claims'],
      maxConcurrent: 5,
      disabled: false,
      createdAt: AT,
      passwordChangedAt: AT,
    });
    expect(created).not.toHaveProperty('passwordHash');
    expect(await sut.findById(created!.id)).toEqual(created);
    expect(await sut.findByUsername(input.username)).toEqual({
      ...created,
      passwordHash: input.passwordHash,
    });
  });

  it('stores an empty skill list', async () => {
    const created = await sut.insert(record({ skills: [] }));
    expect(created?.skills).toEqual([]);
  });

  it('returns null for a taken username, also under concurrent inserts', async () => {
    const name = username();
    const results = await Promise.all([1, 2, 3].map(() => sut.insert(record({ username: name }))));

    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect(await sut.existingUsernames([name, username()])).toEqual([name]);
  });

  it('finds nothing for unknown or malformed ids and usernames', async () => {
    expect(await sut.findById(randomUUID())).toBeNull();
    expect(await sut.findById('not-a-uuid')).toBeNull();
    expect(await sut.findByUsername(username())).toBeNull();
    expect(await sut.existingUsernames([])).toEqual([]);
  });

  it('disables and re-enables by username', async () => {
    const created = await sut.insert(record());

    expect(await sut.setDisabled(created!.username, true)).toMatchObject({ id: created!.id, disabled: true });
    expect((await sut.findById(created!.id))?.disabled).toBe(true);
    expect(await sut.setDisabled(created!.username, false)).toMatchObject({ disabled: false });
    expect(await sut.setDisabled(username(), true)).toBeNull();
  });

  it('lists accounts ordered by username', async () => {
    const [b, a] = [`zz-b-${randomUUID().slice(0, 6)}`, `zz-a-${randomUUID().slice(0, 6)}`];
    await sut.insert(record({ username: b }));
    await sut.insert(record({ username: a }));

    const names = (await sut.list()).map((user) => user.username);
    expect(names.indexOf(a)).toBeLessThan(names.indexOf(b));
  });

  it.each([
    ['an upper-case username', { username: 'WangJing' }],
    ['an unknown role', { role: 'root' as never }],
    ['a blank display name', { displayName: '  ' }],
  ])('is protected by the table constraints against %s', async (_case, overrides) => {
    await expect(sut.insert(record(overrides))).rejects.toThrow(/violates check constraint/);
  });
});
