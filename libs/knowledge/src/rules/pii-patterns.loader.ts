import { z } from 'zod';
import type { ProblemList } from '../loading/problem.list';
import { mustBe, nonEmptyText } from '../loading/script.schema';
import { isValidGb11643, isValidLuhn } from './pii-checksum.util';
import {
  enumOf,
  mapOf,
  nonNegativeInt,
  positiveInt,
  regexSource,
  snakeKey,
  textList,
} from './rule-fields.schema';
import { lineHint, parseRuleFile } from './rule-file.reader';
import {
  PII_VALIDATORS,
  REQUIRED_PII_KINDS,
  type PiiMatch,
  type PiiPattern,
  type PiiValidatorName,
} from './rules.types';

export const PII_PATTERNS_FILE = 'lexicon/pii-patterns.yaml';

const VALIDATORS: Readonly<Record<PiiValidatorName, (value: string) => boolean>> = {
  gb11643: isValidGb11643,
  luhn: isValidLuhn,
  none: () => true,
};

const piiEntrySchema = mapOf({
  kind: snakeKey,
  title: nonEmptyText,
  pattern: regexSource,
  validator: enumOf(PII_VALIDATORS),
  mask: mapOf({ keepStart: nonNegativeInt, keepEnd: nonNegativeInt }),
  maskFailedChecksum: z.boolean(mustBe('true or false')).default(false),
  /** positive: texts in which the pattern and validator must find this kind; negative: must not. */
  examples: mapOf({ positive: textList, negative: textList }),
}).superRefine((value, ctx) => {
  if (value.validator === 'none' && value.maskFailedChecksum)
    ctx.addIssue({
      code: 'custom',
      path: ['maskFailedChecksum'],
      message: 'is only for a checksum validator',
    });
});

const piiPatternsSchema = mapOf(
  {
    version: positiveInt,
    description: nonEmptyText,
    basis: textList,
    entries: z
      .array(piiEntrySchema, mustBe('a list of entries'))
      .min(1, 'must be a non-empty list of entries'),
  },
  'a YAML map with version, description, basis and entries',
);

/** The PII kinds of pii-patterns.yaml, in file order (earlier kinds win where matches overlap). */
export class PiiPatterns {
  private readonly byKind: ReadonlyMap<string, PiiPattern>;

  constructor(
    readonly version: number,
    readonly patterns: readonly PiiPattern[],
  ) {
    this.byKind = new Map(patterns.map((pattern) => [pattern.kind, pattern]));
  }

  get(kind: string): PiiPattern | undefined {
    return this.byKind.get(kind);
  }

  kinds(): string[] {
    return this.patterns.map((pattern) => pattern.kind);
  }

  /** Matches that pass their validator, left to right; `kinds` narrows the search. */
  find(text: string, kinds?: readonly string[]): PiiMatch[] {
    const patterns = kinds ? this.patterns.filter((p) => kinds.includes(p.kind)) : this.patterns;
    return resolveOverlaps(patterns.flatMap((pattern) => scan(pattern, text).filter((match) => match.valid)));
  }

  /** What `mask` hides: valid matches, and failed-checksum matches of kinds with maskFailedChecksum. */
  maskable(text: string): PiiMatch[] {
    return resolveOverlaps(
      this.patterns.flatMap((pattern) =>
        scan(pattern, text).filter((match) => match.valid || pattern.maskFailedChecksum),
      ),
    );
  }

  /** Masks every maskable match, keeping each kind's configured start and end. */
  mask(text: string): string {
    let out = '';
    let at = 0;
    for (const match of this.maskable(text)) {
      const pattern = this.byKind.get(match.kind) as PiiPattern;
      out += text.slice(at, match.index) + maskValue(match.value, pattern.keepStart, pattern.keepEnd);
      at = match.index + match.value.length;
    }
    return out + text.slice(at);
  }
}

/** Every match of one pattern, each marked valid or not by the pattern's validator. */
export function scan(pattern: PiiPattern, text: string): PiiMatch[] {
  const global = new RegExp(pattern.regex.source, `${pattern.regex.flags}g`);
  return [...text.matchAll(global)]
    .filter((m) => m[0] !== '')
    .map((m) => ({ kind: pattern.kind, value: m[0], index: m.index, valid: pattern.validate(m[0]) }));
}

/** Keeps `keepStart` and `keepEnd` characters and stars the rest (at least 4 stars). */
export function maskValue(value: string, keepStart: number, keepEnd: number): string {
  const hidden = Math.max(value.length - keepStart - keepEnd, 4);
  return value.slice(0, keepStart) + '*'.repeat(hidden) + (keepEnd > 0 ? value.slice(-keepEnd) : '');
}

/** Candidates in kind priority order; a later candidate overlapping an accepted one is dropped. */
function resolveOverlaps(candidates: PiiMatch[]): PiiMatch[] {
  const accepted: PiiMatch[] = [];
  for (const match of candidates) {
    const end = match.index + match.value.length;
    if (!accepted.some((a) => match.index < a.index + a.value.length && a.index < end)) accepted.push(match);
  }
  return accepted.sort((a, b) => a.index - b.index);
}

export function parsePiiPatterns(text: string, problems: ProblemList): PiiPatterns | undefined {
  const file = parseRuleFile(PII_PATTERNS_FILE, text, piiPatternsSchema, problems);
  if (!file) return undefined;
  const { data, yaml, report } = file;
  const before = problems.count;
  const seen = new Map<string, number>();
  const patterns = data.entries.map((entry, i): PiiPattern => {
    const first = seen.get(entry.kind);
    if (first !== undefined)
      report(
        ['entries', i, 'kind'],
        `"${entry.kind}" is already defined in entries[${first}]${lineHint(yaml, ['entries', first])}`,
      );
    seen.set(entry.kind, i);
    const validate = VALIDATORS[entry.validator];
    const pattern: PiiPattern = {
      kind: entry.kind,
      title: entry.title,
      regex: entry.pattern,
      validator: entry.validator,
      keepStart: entry.mask.keepStart,
      keepEnd: entry.mask.keepEnd,
      maskFailedChecksum: entry.maskFailedChecksum,
      validate: (value) => validate(value),
    };
    const check =
      entry.validator === 'none' ? 'the pattern' : `the pattern with the ${entry.validator} check`;
    entry.examples.positive.forEach((example, j) => {
      const found = scan(pattern, example);
      if (!found.some((m) => m.valid))
        report(
          ['entries', i, 'examples', 'positive', j],
          found.length === 0
            ? `"${example}" is not matched by the pattern`
            : `"${example}" is matched ("${found[0].value}") but fails the ${entry.validator} check`,
        );
    });
    entry.examples.negative.forEach((example, j) => {
      const hit = scan(pattern, example).find((m) => m.valid);
      if (hit)
        report(
          ['entries', i, 'examples', 'negative', j],
          `"${example}" is found by ${check} ("${hit.value}")`,
        );
    });
    return pattern;
  });
  REQUIRED_PII_KINDS.filter((kind) => !seen.has(kind)).forEach((kind) =>
    report(['entries'], `kind ${kind} is required`),
  );
  return problems.count > before ? undefined : new PiiPatterns(data.version, patterns);
}
