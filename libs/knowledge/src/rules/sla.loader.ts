import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { STAGES } from '../knowledge.types';
import type { ProblemList } from '../loading/problem.list';
import { mustBe, nonEmptyText, SCRIPT_ID_PATTERN } from '../loading/script.schema';
import {
  enumOf,
  isoDate,
  listOf,
  mapOf,
  positiveInt,
  positiveNumber,
  snakeKey,
  textList,
} from './rule-fields.schema';
import { lineHint, parseRuleFile } from './rule-file.reader';
import { PRODUCT_LINES, SLA_BASIS_KINDS, SLA_BOUNDS, SLA_UNITS, type SlaEntry } from './rules.types';

export const SLA_FILE = 'sla.yaml';

const slaEntrySchema = mapOf({
  key: snakeKey,
  title: nonEmptyText,
  value: positiveNumber,
  upTo: positiveNumber.optional(),
  unit: enumOf(SLA_UNITS),
  bound: enumOf(SLA_BOUNDS),
  limits: nonEmptyText,
  startsAt: nonEmptyText,
  appliesTo: mapOf({
    lines: listOf(enumOf(PRODUCT_LINES), `product lines (${PRODUCT_LINES.join('|')})`),
    stages: listOf(enumOf(STAGES), `stages (${STAGES.join('|')})`),
  }),
  contractMayDiffer: z.boolean(mustBe('true or false')),
  maxAmountYuan: positiveInt.optional(),
  cues: textList,
  basisKind: enumOf(SLA_BASIS_KINDS),
  basis: textList,
  scripts: listOf(
    z.string(mustBe('a script id')).regex(SCRIPT_ID_PATTERN, 'must be a script id like "claims-time-limits"'),
    'script ids',
  ).optional(),
}).superRefine((value, ctx) => {
  if (value.upTo !== undefined && value.upTo <= value.value)
    ctx.addIssue({ code: 'custom', path: ['upTo'], message: 'must be greater than value' });
});

const slaSchema = mapOf(
  {
    version: positiveInt,
    effectiveDate: isoDate,
    description: nonEmptyText,
    entries: z
      .array(slaEntrySchema, mustBe('a list of entries'))
      .min(1, 'must be a non-empty list of entries'),
  },
  'a YAML map with version, effectiveDate, description and entries',
);

/** The time limits the bot may state (sla.yaml), by key. */
export class SlaTable {
  private readonly byKey: ReadonlyMap<string, SlaEntry>;

  constructor(
    readonly version: number,
    readonly effectiveDate: string,
    readonly entries: readonly SlaEntry[],
  ) {
    this.byKey = new Map(entries.map((entry) => [entry.key, entry]));
  }

  get(key: string): SlaEntry | undefined {
    return this.byKey.get(key);
  }

  keys(): string[] {
    return this.entries.map((entry) => entry.key);
  }
}

/**
 * Parses sla.yaml. `scriptIds`, when given, are the ids of the scripts in the knowledge folder: an entry
 * naming another script is an error.
 */
export function parseSla(
  text: string,
  problems: ProblemList,
  scriptIds?: ReadonlySet<string>,
): SlaTable | undefined {
  const file = parseRuleFile(SLA_FILE, text, slaSchema, problems);
  if (!file) return undefined;
  const { data, yaml, report } = file;
  const before = problems.count;
  const seen = new Map<string, number>();
  const entries = data.entries.map((entry, i): SlaEntry => {
    const first = seen.get(entry.key);
    if (first !== undefined)
      report(
        ['entries', i, 'key'],
        `"${entry.key}" is already used by entries[${first}]${lineHint(yaml, ['entries', first])}`,
      );
    seen.set(entry.key, i);
    entry.scripts?.forEach((id, j) => {
      if (scriptIds && !scriptIds.has(id))
        report(['entries', i, 'scripts', j], `no script "${id}" in scripts/`);
    });
    const { appliesTo, scripts, ...rest } = entry;
    return { ...rest, lines: appliesTo.lines, stages: appliesTo.stages, scripts: scripts ?? [] };
  });
  if (problems.count > before) return undefined;
  return new SlaTable(data.version, data.effectiveDate, entries);
}

/** Ids of scripts/<stage>/<id>.md; undefined when there is no scripts folder. */
export async function listScriptIds(knowledgeDir: string): Promise<ReadonlySet<string> | undefined> {
  const stages = await readdir(join(knowledgeDir, 'scripts'), { withFileTypes: true }).catch(
    (error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    },
  );
  if (!stages) return undefined;
  const ids = new Set<string>();
  for (const stage of stages.filter((entry) => entry.isDirectory())) {
    const files = await readdir(join(knowledgeDir, 'scripts', stage.name));
    files.filter((name) => name.endsWith('.md')).forEach((name) => ids.add(name.slice(0, -3)));
  }
  return ids;
}
