import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// Global setup runs outside jest's module mapper, so it reaches the Database class by path.
// eslint-disable-next-line no-restricted-imports
import { Database } from '../../libs/persistence/src/database';
import { SNAPSHOT_ENV } from './database-targets';
import { createTemplateDatabase, TEMPLATE_ENV } from './server-database.clone';
import { assertTestDatabaseUrl } from './test-database.guard';

/**
 * Once per jest run: migrate an embedded database and dump it (suites clone it instead of
 * paying PGlite's 4–5 s initdb each), and migrate the server test database once, so parallel
 * suites never race on migrations, plus a migrated template of it that every test app clones.
 */
export default async function globalSetup(): Promise<void> {
  const embedded = await Database.open({ kind: 'embedded', dataDir: null });
  const file = join(tmpdir(), `anxin-pglite-${process.pid}.tgz`);
  writeFileSync(file, Buffer.from(await (await embedded.dump()).arrayBuffer()));
  await embedded.close();
  process.env[SNAPSHOT_ENV] = file;

  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    assertTestDatabaseUrl(url);
    const server = await Database.open({ kind: 'server', url });
    await server.close();
    // Test apps each get a clone of a migrated template (test-app.ts): it must have no connections.
    const templateUrl = await createTemplateDatabase(url);
    const template = await Database.open({ kind: 'server', url: templateUrl });
    await template.close();
    process.env[TEMPLATE_ENV] = templateUrl;
  }
}
