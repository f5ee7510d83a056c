import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Set by global setup: a migrated server database that nobody connects to, cloned for every test app. */
export const TEMPLATE_ENV = 'ANXIN_TEST_TEMPLATE_DATABASE_URL';

export interface ClonedDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/** The server's maintenance database, for CREATE and DROP DATABASE. */
function adminUrl(url: string): string {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  return admin.toString();
}

async function withAdmin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl(url) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A private copy of the migrated template for one test app. Each app runs the handoff's queue and
 * lifecycle timers over the whole database it opens; on a shared database one app would serve
 * (and close) another suite's conversations, so every app on the server gets its own.
 */
export async function cloneServerDatabase(templateUrl: string): Promise<ClonedDatabase> {
  const template = decodeURIComponent(new URL(templateUrl).pathname.slice(1));
  const name = `${template.replace(/_tpl$/, '')}_${randomBytes(4).toString('hex')}`;
  await withAdmin(templateUrl, async (client) => {
    // Two clones of one template at the same moment are refused ("being accessed"): retry briefly.
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        return;
      } catch (error) {
        if (attempt >= 40 || !/being accessed by other users/.test((error as Error).message)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
      }
    }
  });
  const url = new URL(templateUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      withAdmin(templateUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}

/** Creates the template beside the test database (same name + _tpl) and returns its URL. */
export async function createTemplateDatabase(url: string): Promise<string> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const template = `${name}_tpl`;
  await withAdmin(url, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${template}"`);
  });
  const templateUrl = new URL(url);
  templateUrl.pathname = `/${template}`;
  return templateUrl.toString();
}
