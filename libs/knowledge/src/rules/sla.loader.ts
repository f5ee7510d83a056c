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
import {
  PRODUCT_LINES,
  SLA_BASIS_KINDS,
  SLA_BOUNDS,
  SLA_UNITS,
  type ServiceTimers,
  type SlaEntry,
} from './rules.types';

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

/** The keys of sla.yaml `service`, each required, and the ServiceTimers field each fills. */
export const SERVICE_TIMER_KEYS = {
  offer_accept: 'offerAcceptSeconds',
  queue_timeout: 'queueTimeoutSeconds',
  queue_update: 'queueUpdateSeconds',
  average_handle: 'averageHandleSeconds',
  agent_first_response: 'agentFirstResponseSeconds',
  agent_reconnect_grace: 'agentReconnectGraceSeconds',
  bot_idle_close: 'botIdleCloseSeconds',
  customer_idle_reminder: 'customerIdleReminderSeconds',
  customer_idle_close: 'customerIdleCloseSeconds',
} as const satisfies Record<string, keyof ServiceTimers>;
type ServiceTimerKey = keyof typeof SERVICE_TIMER_KEYS;

const serviceTimerSchema = mapOf(
  { seconds: positiveInt, title: nonEmptyText, basis: textList },
  'a YAML map with seconds, title and basis',
);

const serviceSchema = mapOf(
  Object.fromEntries(Object.keys(SERVICE_TIMER_KEYS).map((key) => [key, serviceTimerSchema])) as Record<
    ServiceTimerKey,
    typeof serviceTimerSchema
  >,
  `a YAML map with ${Object.keys(SERVICE_TIMER_KEYS).join(', ')}`,
);

const slaSchema = mapOf(
  {
    version: positiveInt,
    effectiveDate: isoDate,
    description: nonEmptyText,
    entries: z
      .array(slaEntrySchema, mustBe('a list of entries'))
      .min(1, 'must be a non-empty list of entries'),
    service: serviceSchema,
  },
  'a YAML map with version, effectiveDate, description, entries and service',
);

/** The time limits the bot may state (sla.yaml), by key, and the operational timers of the service. */
export class SlaTable {
  private readonly byKey: ReadonlyMap<string, SlaEntry>;

  constructor(
    readonly version: number,
    readonly effectiveDate: string,
    readonly entries: readonly SlaEntry[],
    /** Handoff and idle timers (sla.yaml `service`); not limits the bot states. */
    readonly service: ServiceTimers,
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
  const service = Object.fromEntries(
    (Object.keys(SERVICE_TIMER_KEYS) as ServiceTimerKey[]).map((key) => [
      SERVICE_TIMER_KEYS[key],
      data.service[key].seconds,
    ]),
  ) as unknown as ServiceTimers;
  return new SlaTable(data.version, data.effectiveDate, entries, service);
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
