import { readFileSync } from 'node:fs';
import type { DatabaseConfig } from '@anxin/common';
import type { OpenDatabaseOptions } from '@anxin/persistence';
import { assertTestDatabaseUrl } from './test-database.guard';

export const SNAPSHOT_ENV = 'ANXIN_TEST_PGLITE_SNAPSHOT';

export interface DatabaseTarget {
  readonly name: 'embedded' | 'server';
  readonly config: DatabaseConfig;
  readonly options: OpenDatabaseOptions;
}

let snapshot: Blob | undefined;

/** A fresh in-memory PGlite, cloned from the migrated snapshot made in global setup (≈0.7 s). */
export function embeddedTarget(): DatabaseTarget {
  const file = process.env[SNAPSHOT_ENV];
  if (file) snapshot ??= new Blob([readFileSync(file)]);
  return { name: 'embedded', config: { kind: 'embedded', dataDir: null }, options: { seed: snapshot } };
}

/**
 * Persistence and e2e specs run against every target: the embedded database always, and the
 * PostgreSQL server at TEST_DATABASE_URL when it is set (npm test creates a throw-away one).
 */
export function databaseTargets(): DatabaseTarget[] {
  const targets = [embeddedTarget()];
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    assertTestDatabaseUrl(url);
    targets.push({ name: 'server', config: { kind: 'server', url }, options: {} });
  }
  return targets;
}
