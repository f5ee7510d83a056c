import { Database } from '@anxin/persistence';
import { databaseTargets } from '@anxin/testing';
import type { Severity } from '@anxin/knowledge';
import { isRedLine, redLineSql } from './score.calculator';

/** Stored findings as they come: redLine true/false, missing (older rows), every severity. */
const FINDINGS: { severity: Severity; redLine?: boolean }[] = [];
for (const severity of ['minor', 'major', 'critical'] as const)
  for (const redLine of [true, false, undefined])
    FINDINGS.push(redLine === undefined ? { severity } : { severity, redLine });

describe.each(databaseTargets())('redLineSql on $name PostgreSQL', (target) => {
  let database: Database;

  beforeAll(async () => {
    database = await Database.open(target.config, target.options);
  });
  afterAll(() => database.close());

  it('is the same rule as isRedLine', async () => {
    const rows = (await database.dataSource.query(
      `SELECT ${redLineSql('f')} AS red FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(f, n) ORDER BY n`,
      [JSON.stringify(FINDINGS)],
    )) as { red: boolean }[];

    expect(rows.map((r) => r.red)).toEqual(
      FINDINGS.map((f) => isRedLine({ severity: f.severity, redLine: f.redLine as boolean })),
    );
    expect(rows.filter((r) => r.red)).toHaveLength(5);
  });
});
