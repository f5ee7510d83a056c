import { type AppConfig, loadConfig } from '@anxin/common';
import { Database } from '@anxin/persistence';
import { createStaffService, type StaffService } from '@anxin/staff';
import { executeAdminCommand } from './admin.commands';

/**
 * `npm run admin -- <command>`: staff accounts (create-user, list-users, disable-user) on the
 * database the server uses (migrations run first). Exit codes: 0 ok, 1 refused or failed, 2
 * wrong usage.
 */
async function main(): Promise<void> {
  let database: Database | undefined;
  let config: AppConfig | undefined;
  const outcome = await executeAdminCommand(process.argv.slice(2), {
    staff: async (): Promise<StaffService> => {
      config ??= loadConfig();
      database ??= await Database.open(config.database);
      return createStaffService(database.dataSource);
    },
    readPassword,
  }).finally(() => database?.close());
  if (outcome.stdout) process.stdout.write(outcome.stdout);
  if (outcome.stderr) process.stderr.write(outcome.stderr);
  process.exitCode = outcome.exitCode;
}

/**
 * One line from stdin. On a terminal it prompts on stderr and does not echo what is typed;
 * piped (`< file`, `printf … |`) it takes the first line. The password is never an argument.
 */
async function readPassword(): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    let text = '';
    for await (const chunk of stdin) {
      text += String(chunk);
      if (text.includes('\n')) break;
    }
    return text.split(/\r?\n/)[0];
  }
  process.stderr.write('Password (not shown): ');
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  return new Promise((resolve) => {
    let typed = '';
    const done = (finish: () => void): void => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      finish();
    };
    const onData = (data: string): void => {
      for (const ch of data) {
        if (ch === '\r' || ch === '\n') return done(() => resolve(typed));
        if (ch === '\u0003') return done(() => process.exit(130));
        if (ch === '\u007f' || ch === '\b') typed = [...typed].slice(0, -1).join('');
        else typed += ch;
      }
    };
    stdin.on('data', onData);
    stdin.resume();
  });
}

void main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
