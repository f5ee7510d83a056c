import { parseArgs } from 'node:util';
import { ConfigException } from '@anxin/common';
import { STAFF_ROLES, StaffException, type StaffRole, type StaffService, type StaffUser } from '@anxin/staff';

export const ADMIN_USAGE = `Usage: npm run admin -- <command> [options]

  create-user --username <u> --name <显示名> --role agent|qa|supervisor|admin [--skills a,b] [--max-concurrent 3]
                                   create a staff account; the password is read from stdin (one
                                   line), so it never appears in the shell history
  list-users [--json]              every staff account
  disable-user --username <u>      refuse the account's sign-in and its open sessions at once`;

/** Wrong command line: printed with the usage, exit code 2. */
export class UsageError extends Error {}

export interface AdminContext {
  /** Opens the database (migrations first) on first use. */
  staff: () => Promise<StaffService>;
  /** The new user's password: one line from stdin. */
  readPassword: () => Promise<string>;
}

export interface AdminOutcome {
  /** 0 ok, 1 refused or failed (taken username, invalid input, bad config), 2 wrong usage. */
  readonly exitCode: 0 | 1 | 2;
  readonly stdout: string;
  readonly stderr: string;
}

const OPTIONS = {
  username: { type: 'string' },
  name: { type: 'string' },
  role: { type: 'string' },
  skills: { type: 'string' },
  'max-concurrent': { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** Runs one command and says what to print and how to exit; unexpected errors are rethrown. */
export async function executeAdminCommand(
  argv: readonly string[],
  context: AdminContext,
): Promise<AdminOutcome> {
  try {
    const stdout = await runAdminCommand(argv, context);
    return { exitCode: 0, stdout: withNewline(stdout), stderr: '' };
  } catch (error) {
    if (error instanceof UsageError)
      return { exitCode: 2, stdout: '', stderr: `${error.message}\n\n${ADMIN_USAGE}\n` };
    if (error instanceof StaffException || error instanceof ConfigException)
      return { exitCode: 1, stdout: '', stderr: withNewline(error.message) };
    throw error;
  }
}

/** Runs one command and returns what it prints. Throws UsageError, StaffException or ConfigException. */
export async function runAdminCommand(argv: readonly string[], context: AdminContext): Promise<string> {
  let parsed: ReturnType<
    typeof parseArgs<{ args: string[]; options: typeof OPTIONS; allowPositionals: true }>
  >;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
  switch (command) {
    case 'create-user': {
      onlyOptions(values, ['username', 'name', 'role', 'skills', 'max-concurrent']);
      if (!values.username) throw new UsageError('create-user needs --username <u>');
      if (!values.name) throw new UsageError('create-user needs --name <显示名>');
      const role = roleOf(values.role);
      const skills = values.skills === undefined ? [] : skillsOf(values.skills);
      const maxConcurrent =
        values['max-concurrent'] === undefined ? undefined : maxConcurrentOf(values['max-concurrent']);
      const password = await context.readPassword();
      const staff = await context.staff();
      const user = await staff.create({
        username: values.username,
        displayName: values.name,
        role,
        skills,
        maxConcurrent,
        password,
      });
      return `created ${describe(user)}`;
    }
    case 'list-users': {
      onlyOptions(values, ['json']);
      const users = await (await context.staff()).list();
      if (values.json) return users.map((user) => JSON.stringify(user)).join('\n');
      return users.length === 0 ? 'no staff accounts' : formatUsers(users);
    }
    case 'disable-user': {
      onlyOptions(values, ['username']);
      if (!values.username) throw new UsageError('disable-user needs --username <u>');
      const user = await (await context.staff()).disable(values.username);
      return `disabled ${describe(user)}`;
    }
    case undefined:
      throw new UsageError('no command given');
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

function withNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

function onlyOptions(values: Record<string, unknown>, allowed: readonly string[]): void {
  const extra = Object.keys(values).find((key) => !allowed.includes(key));
  if (extra) throw new UsageError(`option --${extra} does not apply to this command`);
}

function roleOf(value: string | undefined): StaffRole {
  if (value === undefined) throw new UsageError(`create-user needs --role ${STAFF_ROLES.join('|')}`);
  if (!(STAFF_ROLES as readonly string[]).includes(value))
    throw new UsageError(`--role must be one of ${STAFF_ROLES.join('|')}, got "${value}"`);
  return value as StaffRole;
}

function skillsOf(value: string): string[] {
  const skills = value
    .split(',')
    .map((skill) => skill.trim())
    .filter((skill) => skill.length > 0);
  if (skills.length === 0)
    throw new UsageError('--skills needs at least one skill, e.g. --skills general,claims');
  return skills;
}

function maxConcurrentOf(value: string): number {
  if (!/^\d{1,2}$/.test(value)) throw new UsageError('--max-concurrent must be an integer from 0 to 50');
  return Number(value);
}

function describe(user: StaffUser): string {
  return `${user.username} (${user.role}, ${user.displayName}) id ${user.id}`;
}

function formatUsers(users: readonly StaffUser[]): string {
  const rows = users.map((user) => [
    user.username,
    user.role,
    user.displayName,
    user.skills.join(',') || '-',
    String(user.maxConcurrent),
    user.disabled ? 'disabled' : 'active',
    user.createdAt.toISOString().slice(0, 10),
  ]);
  const header = ['username', 'role', 'name', 'skills', 'max', 'status', 'created'];
  const all = [header, ...rows];
  // Chinese characters take two columns in a terminal.
  const width = (text: string): number =>
    [...text].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e7f ? 2 : 1), 0);
  const widths = header.map((_, i) => Math.max(...all.map((row) => width(row[i]))));
  return all
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(widths[i] - width(cell))))
        .join('  '),
    )
    .join('\n');
}
