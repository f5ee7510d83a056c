import type { ProblemList } from '../loading/problem.list';
import { behaviourSchema, type Detector, type ParsedCheck, type ParsedDetector } from './behaviour.schema';
import { lineHint, parseRuleFile, type Reporter } from './rule-file.reader';
import {
  SEVERITIES,
  type BehaviourStandard,
  type Check,
  type Outcome,
  type PhraseLexicon,
  type PhraseLexiconKey,
  type Severity,
} from './rules.types';

export const BEHAVIOUR_FILE = 'standards/behaviour.yaml';
/** The standard has exactly these checks (research (d)). */
export const CHECK_IDS: readonly string[] = Array.from(
  { length: 25 },
  (_, i) => `CS-${String(i + 1).padStart(2, '0')}`,
);
const WEIGHT_TOTAL = 100;

/** What behaviour.yaml refers to in the other rule files; a file that failed to load is left out. */
export interface BehaviourContext {
  phraseLexicons: Partial<Record<PhraseLexiconKey, PhraseLexicon>>;
  /** PII kinds of pii-patterns.yaml; undefined when it failed to load (references then go unchecked). */
  piiKinds?: ReadonlySet<string>;
}

export function parseBehaviour(
  text: string,
  problems: ProblemList,
  context: BehaviourContext,
): BehaviourStandard | undefined {
  const file = parseRuleFile(BEHAVIOUR_FILE, text, behaviourSchema, problems);
  if (!file) return undefined;
  const { data, yaml, report } = file;
  const before = problems.count;

  const firstIndex = new Map<string, number>();
  data.checks.forEach((check, i) => {
    const first = firstIndex.get(check.id);
    if (!CHECK_IDS.includes(check.id)) report(['checks', i, 'id'], `${check.id} is not one of CS-01…CS-25`);
    else if (first !== undefined)
      report(
        ['checks', i, 'id'],
        `${check.id} is already defined by checks[${first}]${lineHint(yaml, ['checks', first])}`,
      );
    else firstIndex.set(check.id, i);
  });
  CHECK_IDS.filter((id) => !firstIndex.has(id)).forEach((id) => report(['checks'], `${id} is missing`));

  const dimensionKeys = new Map<string, number>();
  data.dimensions.forEach((dimension, i) => {
    if (dimensionKeys.has(dimension.key))
      report(['dimensions', i, 'key'], `"${dimension.key}" is used twice`);
    dimensionKeys.set(dimension.key, i);
  });
  const total = data.dimensions.reduce((sum, dimension) => sum + dimension.weight, 0);
  if (total !== WEIGHT_TOTAL) report(['dimensions'], `weights must sum to ${WEIGHT_TOTAL}, got ${total}`);
  const used = new Set(data.checks.map((check) => check.dimension));
  data.dimensions
    .filter((dimension) => !used.has(dimension.key))
    .forEach((dimension) =>
      report(['dimensions', dimensionKeys.get(dimension.key) as number], `"${dimension.key}" has no checks`),
    );

  const checks = data.checks.map((check, i) => {
    const at = (...path: PropertyKey[]): PropertyKey[] => ['checks', i, ...path];
    if (check.dimension !== null && !dimensionKeys.has(check.dimension))
      report(
        at('dimension'),
        `unknown dimension "${check.dimension}" (declared: ${[...dimensionKeys.keys()].join(', ')})`,
      );
    const outcome: Outcome = { severity: check.severity, deduction: check.deduction ?? null };
    const detectors = check.detectors.map((detector) => resolveDetector(detector, outcome));
    checkDetectors(check, detectors, (path, message) => report(at(...path), message), context);
    return {
      id: check.id,
      title: check.title,
      description: check.description,
      appliesTo: check.appliesTo,
      outcome,
      dimension: check.dimension,
      redLine: check.redLine,
      basis: check.basis,
      detectors,
    } satisfies Check;
  });

  if (problems.count > before) return undefined;
  return {
    version: data.version,
    effectiveDate: data.effectiveDate,
    scoring: data.scoring,
    dimensions: data.dimensions,
    checks: checks.sort((a, b) => a.id.localeCompare(b.id)),
  };
}

function resolveDetector(detector: ParsedDetector, checkOutcome: Outcome): Detector {
  if (detector.kind === 'timing') return detector;
  const { severity, deduction, ...rest } = detector;
  const outcome = severity === undefined ? checkOutcome : { severity, deduction: deduction ?? null };
  return { ...rest, outcome } as Detector;
}

/** Cross-field rules inside one check; paths are relative to the check. */
function checkDetectors(
  check: ParsedCheck,
  detectors: Detector[],
  report: Reporter,
  context: BehaviourContext,
): void {
  const ids = new Map<string, number>();
  check.detectors.forEach((detector, j) => {
    if (ids.has(detector.id)) report(['detectors', j, 'id'], `"${detector.id}" is used twice in this check`);
    ids.set(detector.id, j);
  });

  // confirmWith names a confirm judge of the same check; every confirm judge is named.
  const confirmers = new Set<string>();
  detectors.forEach((detector, j) => {
    if (!('confirmWith' in detector) || detector.confirmWith === undefined) return;
    const target = detectors[ids.get(detector.confirmWith) ?? -1];
    if (target?.kind !== 'llm_judge' || target.mode !== 'confirm')
      report(
        ['detectors', j, 'confirmWith'],
        `"${detector.confirmWith}" is not an llm_judge with mode confirm in this check`,
      );
    confirmers.add(detector.confirmWith);
  });
  detectors.forEach((detector, j) => {
    if (detector.kind === 'llm_judge' && detector.mode === 'confirm' && !confirmers.has(detector.id))
      report(['detectors', j, 'mode'], "a confirm judge must be named by a detector's confirmWith");
  });

  detectors.forEach((detector, j) =>
    checkReferences(detector, (path, message) => report(['detectors', j, ...path], message), context),
  );

  // Severity coverage: a null dimension needs critical-only scoring; a red line needs a critical outcome.
  const scored = detectors.flatMap((detector, j) =>
    detector.kind === 'system_audit'
      ? []
      : severitiesOf(detector, context).map((severity) => ({ j, severity })),
  );
  const notCritical = scored.find((s) => s.severity !== 'critical');
  if (check.dimension === null && notCritical)
    report(
      ['dimension'],
      `must name a dimension: detector "${detectors[notCritical.j].id}" can score ${notCritical.severity} (null is for checks whose scored findings are all critical)`,
    );
  const all = detectors.flatMap((detector) => severitiesOf(detector, context));
  if (check.redLine && !all.includes('critical'))
    report(['redLine'], 'a red-line check needs at least one critical outcome');
}

/** Every severity a detector's findings can have (lexicon entries can escalate above the detector's). */
function severitiesOf(detector: Detector, context: BehaviourContext): Severity[] {
  if (detector.kind === 'timing') return detector.thresholds.map((t) => t.severity);
  const own = detector.outcome.severity;
  if (detector.kind !== 'lexicon' || detector.rule !== 'forbid') return [own];
  const lexicon = context.phraseLexicons[detector.lexicon as PhraseLexiconKey];
  const entries = (lexicon?.entries ?? []).filter(
    (e) => !detector.categories || detector.categories.includes(e.category),
  );
  return [own, ...entries.map((entry) => maxSeverity(entry.severity, own))];
}

export function maxSeverity(a: Severity, b: Severity): Severity {
  return SEVERITIES.indexOf(a) >= SEVERITIES.indexOf(b) ? a : b;
}

function checkReferences(detector: Detector, report: Reporter, context: BehaviourContext): void {
  if (detector.kind === 'lexicon' && detector.categories) {
    const lexicon = context.phraseLexicons[detector.lexicon as PhraseLexiconKey];
    const known = new Set(lexicon?.categories.map((category) => category.key));
    detector.categories.forEach((category, k) => {
      if (lexicon && !known.has(category))
        report(['categories', k], `unknown category "${category}" in lexicon ${detector.lexicon}`);
    });
  }
  const piiLists: { path: PropertyKey[]; kinds?: readonly string[] }[] = [];
  if (detector.kind === 'system_audit' && detector.audit === 'pii_masking')
    piiLists.push({ path: ['pii'], kinds: detector.pii });
  if ('trigger' in detector) piiLists.push({ path: ['trigger', 'pii'], kinds: detector.trigger?.pii });
  if (detector.kind === 'timing') {
    piiLists.push(
      { path: ['from', 'pii'], kinds: detector.from.pii },
      { path: ['to', 'pii'], kinds: detector.to.pii },
    );
  }
  const piiKinds = context.piiKinds;
  if (!piiKinds) return;
  piiLists.forEach(({ path, kinds }) =>
    kinds?.forEach((kind, k) => {
      if (!piiKinds.has(kind))
        report(
          [...path, k],
          `unknown PII kind "${kind}" (lexicon/pii-patterns.yaml has ${[...piiKinds].join(', ')})`,
        );
    }),
  );
}
