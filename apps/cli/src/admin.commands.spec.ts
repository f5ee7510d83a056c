import { Database } from '@anxin/persistence';
import { createStaffService, type StaffService } from '@anxin/staff';
import { embeddedTarget } from '@anxin/testing';
import { ADMIN_USAGE, executeAdminCommand } from './admin.commands';

const PASSWORD = 'a-strong-password-2026';

describe(executeAdminCommand.name, () => {
  let database: Database;
  let staff: StaffService;
  let passwordsRead: number;

  beforeEach(async () => {
    const target = embeddedTarget();
    database = await Database.open(target.config, target.options);
    staff = createStaffService(database.dataSource);
    passwordsRead = 0;
  });
  afterEach(() => database.close());

  const run = (args: string[], password = PASSWORD) =>
    executeAdminCommand(args, {
      staff: async () => {
        return staff;
      },
      readPassword: async () => {
        passwordsRead += 1;
        return password;
      },
    });
  const createWang = (...extra: string[]) =>
    run(['create-user', '--username', 'wangjing', '--name', '王静', '--role', 'qa', ...extra]);

  it('create-user stores an account that then authenticates with the password from stdin', async () => {
    const sut = await createWang('--skills', 'general, claims');

    expect(sut.exitCode).toBe(0);
    expect(sut.stdout).toMatch(/^created wangjing \(qa, 王静\) id [0-9a-f-]{36}\n$/);
    expect(sut.stdout).not.toContain(PASSWORD);
    expect(passwordsRead).toBe(1);
    await expect(staff.authenticate('wangjing', PASSWORD)).resolves.toMatchObject({
      role: 'qa',
      displayName: '王静',
      skills: ['general', 'claims'],
    });
  });

  it('refuses a duplicate username with exit code 1 and a clear message', async () => {
    await createWang();

    const sut = await run([
      'create-user',
      '--username',
      'wangjing',
      '--name',
      '另一个王静',
      '--role',
      'admin',
    ]);

    expect(sut).toEqual({ exitCode: 1, stdout: '', stderr: '用户名「wangjing」已存在\n' });
    await expect(staff.authenticate('wangjing', PASSWORD)).resolves.toMatchObject({ role: 'qa' });
  });

  it('refuses a password that breaks the policy with exit code 1', async () => {
    const sut = await run(
      ['create-user', '--username', 'liqiang', '--name', '李强', '--role', 'supervisor'],
      'short',
    );

    expect(sut.exitCode).toBe(1);
    expect(sut.stderr).toContain('password: 密码至少需要 10 个字符');
    expect(await staff.list()).toEqual([]);
  });

  it('refuses an invalid username with exit code 1', async () => {
    const sut = await run(['create-user', '--username', 'Li Qiang', '--name', '李强', '--role', 'agent']);

    expect(sut.exitCode).toBe(1);
    expect(sut.stderr).toContain('username: 须为 2–64 位小写字母');
  });

  it('list-users prints a table and JSON lines without password hashes', async () => {
    await createWang();
    await run([
      'create-user',
      '--username',
      'liuyang',
      '--name',
      '刘洋',
      '--role',
      'agent',
      '--skills',
      'claims',
    ]);

    const table = await run(['list-users']);
    expect(table.exitCode).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^username +role +name +skills +max +status +created$/);
    expect(lines[1]).toMatch(/^liuyang +agent +刘洋 +claims +3 +active +\d{4}-\d\d-\d\d$/);
    expect(lines[2]).toMatch(/^wangjing +qa +王静 +- +3 +active/);

    const json = await run(['list-users', '--json']);
    const users = json.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(users.map((u) => u.username)).toEqual(['liuyang', 'wangjing']);
    expect(json.stdout).not.toContain('scrypt');
  });

  it('disable-user disables the account, which then cannot sign in', async () => {
    await createWang();

    const sut = await run(['disable-user', '--username', 'wangjing']);

    expect(sut.exitCode).toBe(0);
    expect(sut.stdout).toMatch(/^disabled wangjing \(qa, 王静\)/);
    await expect(staff.authenticate('wangjing', PASSWORD)).rejects.toMatchObject({
      code: 'STAFF.INVALID_CREDENTIALS',
    });
    expect((await run(['disable-user', '--username', 'nobody'])).exitCode).toBe(1);
  });
});

describe('admin command line', () => {
  let touched: string[];
  const run = (args: string[]) =>
    executeAdminCommand(args, {
      staff: () => {
        touched.push('database');
        return Promise.reject(new Error('the database must not be opened'));
      },
      readPassword: () => {
        touched.push('stdin');
        return Promise.reject(new Error('stdin must not be read'));
      },
    });
  beforeEach(() => {
    touched = [];
  });

  it.each([
    [[], 'no command given'],
    [['frobnicate'], 'unknown command "frobnicate"'],
    [['create-user', '--name', '王静', '--role', 'qa'], 'create-user needs --username <u>'],
    [['create-user', '--username', 'wangjing', '--role', 'qa'], 'create-user needs --name <显示名>'],
    [
      ['create-user', '--username', 'wangjing', '--name', '王静'],
      'create-user needs --role agent|qa|supervisor|admin',
    ],
    [
      ['create-user', '--username', 'w', '--name', 'n', '--role', 'root'],
      '--role must be one of agent|qa|supervisor|admin, got "root"',
    ],
    [
      ['create-user', '--username', 'w', '--name', 'n', '--role', 'qa', '--skills', ' , '],
      '--skills needs at least one skill',
    ],
    [
      ['create-user', '--username', 'w', '--name', 'n', '--role', 'qa', '--max-concurrent', 'x'],
      '--max-concurrent must be',
    ],
    [
      ['create-user', '--username', 'w', '--name', 'n', '--role', 'qa', '--password', 'p'],
      "Unknown option '--password'",
    ],
    [['list-users', '--username', 'x'], 'option --username does not apply to this command'],
    [['disable-user'], 'disable-user needs --username <u>'],
    [['list-users', 'extra'], 'unexpected argument "extra"'],
  ])(
    'refuses %j as wrong usage (exit code 2) without touching the database or stdin',
    async (args, message) => {
      const sut = await run(args);

      expect(sut.exitCode).toBe(2);
      expect(sut.stderr).toContain(message);
      expect(sut.stderr).toContain(ADMIN_USAGE);
      expect(touched).toEqual([]);
    },
  );
});
