#!/usr/bin/env node
// `npm test`: lint, typecheck, then every jest suite (unit, integration, e2e, browser) against the
// embedded database and a throw-away PostgreSQL server database. Ends with one line:
//   tests: N passed, N failed
// computed from jest's JSON result. Exits non-zero if anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import pg from 'pg';

const env = { ...process.env };
const failures = [];

function run(label, command, args, extraEnv = {}) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...env, ...extraEnv } });
  if (result.status !== 0) failures.push(label);
  return result.status === 0;
}

function findChromium() {
  for (const path of [env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean)) {
    if (existsSync(path)) return path;
  }
  return undefined;
}

// Headless Chromium for the widget test: Debian's package; installed here when we may.
if (!findChromium() && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
  console.log('▶ installing Debian chromium for the browser tests');
  spawnSync(
    'sh',
    ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null'],
    { stdio: 'inherit' },
  );
}
const chromium = findChromium();
if (chromium) env.CHROMIUM_PATH = chromium;

// A throw-away server database unless the caller gave one.
let dropDatabase;
if (!env.TEST_DATABASE_URL) {
  const adminUrl = env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `anxin_test_${Date.now()}_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    env.TEST_DATABASE_URL = url.toString();
    console.log(`▶ server database: ${name} (dropped afterwards)`);
    dropDatabase = async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      // The database, its template (_tpl) and any app clone a crashed test left behind.
      const { rows } = await client.query(`SELECT datname FROM pg_database WHERE starts_with(datname, $1)`, [
        name,
      ]);
      for (const row of rows) await client.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
      await client.end();
    };
  } catch (error) {
    await admin.end().catch(() => undefined);
    const message = `PostgreSQL server not reachable at ${adminUrl} (${error.message})`;
    if (env.CI) {
      console.error(`✖ ${message}: CI needs it.`);
      failures.push('server database');
    } else {
      console.warn(`⚠ ${message}: running the database suites on the embedded database only.`);
    }
  }
}

run('lint', 'npx', ['eslint', '--max-warnings', '0', '.']);
run('format', 'npx', ['prettier', '--check', '--log-level', 'warn', '.']);
run('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);

const resultsFile = '.jest-results.json';
rmSync(resultsFile, { force: true });
run('jest', 'npx', ['jest', '--json', `--outputFile=${resultsFile}`, ...process.argv.slice(2)], {
  NODE_OPTIONS: `${env.NODE_OPTIONS ?? ''} --experimental-vm-modules`.trim(),
});

await dropDatabase?.().catch((error) => console.warn(`⚠ could not drop the test database: ${error.message}`));

let passed = 0;
let failed = 0;
if (existsSync(resultsFile)) {
  const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  passed = results.numPassedTests;
  failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
  if (results.numTotalTests === 0) failures.push('no tests ran');
} else {
  failures.push('jest wrote no result');
}
if (failures.length > 0) console.log(`\n✖ failed: ${failures.join(', ')}`);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failures.length > 0 || failed > 0 ? 1 : 0);
