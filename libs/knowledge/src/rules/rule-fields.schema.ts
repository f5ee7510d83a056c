import { z } from 'zod';
import { mustBe, nonEmptyText, scriptFrontMatterSchema } from '../loading/script.schema';
import { DEDUCTION_RANGE, SEVERITIES, type Severity } from './rules.types';

/** Flags of every rule regex (see rules.types.ts). */
export const RULE_REGEX_FLAGS = 'iu';

export const positiveInt = z
  .number(mustBe('a positive integer'))
  .int('must be a positive integer')
  .positive('must be a positive integer');

export const positiveNumber = z.number(mustBe('a positive number')).positive('must be a positive number');

export const nonNegativeInt = z
  .number(mustBe('a whole number ≥ 0'))
  .int('must be a whole number ≥ 0')
  .nonnegative('must be a whole number ≥ 0');

export const isoDate = scriptFrontMatterSchema.shape.effectiveDate;

export const snakeKey = z
  .string(mustBe('a string'))
  .regex(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/, 'must be snake_case like "first_turn"');

export function enumOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, mustBe(`one of ${values.join('|')}`));
}

/** A non-empty list whose items are all different. */
export function listOf<T extends z.ZodType>(item: T, what: string) {
  return z
    .array(item, mustBe(`a non-empty list of ${what}`))
    .min(1, `must be a non-empty list of ${what}`)
    .superRefine((items, ctx) => {
      const seen = new Set<string>();
      items.forEach((value, i) => {
        const key = value instanceof RegExp ? value.source : JSON.stringify(value);
        if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [i], message: 'is listed twice' });
        seen.add(key);
      });
    });
}

export const textList = listOf(nonEmptyText, 'strings');

/** A JavaScript regular expression source; the output is the compiled RegExp (flags "iu"). */
export const regexSource = z.string(mustBe('a regular expression string')).transform((source, ctx) => {
  if (source.trim() === '') {
    ctx.addIssue({ code: 'custom', message: 'must not be empty' });
    return z.NEVER;
  }
  const changed = [...source].find((char) => char.normalize('NFKC') !== char);
  if (changed !== undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `must be written in NFKC form, as turn text is normalised before matching ("${changed}" → "${changed.normalize('NFKC')}")`,
    });
    return z.NEVER;
  }
  try {
    return new RegExp(source, RULE_REGEX_FLAGS);
  } catch (error) {
    ctx.addIssue({
      code: 'custom',
      message: `must be a valid JavaScript regular expression (${(error as Error).message})`,
    });
    return z.NEVER;
  }
});

export const regexList = listOf(regexSource, 'regular expressions');

export const severity = enumOf(SEVERITIES);

/**
 * severity + deduction rules, shared by checks, detectors and timing thresholds: a critical severity has
 * no deduction (it fails the session); minor and major need one, in DEDUCTION_RANGE.
 */
export function checkOutcome(value: { severity?: Severity; deduction?: number }, ctx: z.RefinementCtx): void {
  if (value.deduction === undefined && (value.severity === 'minor' || value.severity === 'major')) {
    ctx.addIssue({
      code: 'custom',
      path: ['deduction'],
      message: `is required for a ${value.severity} severity`,
    });
  }
  if (value.deduction === undefined) return;
  if (value.severity === undefined) {
    ctx.addIssue({ code: 'custom', path: ['deduction'], message: 'needs a severity next to it' });
  } else if (value.severity === 'critical') {
    ctx.addIssue({
      code: 'custom',
      path: ['deduction'],
      message: 'must be left out for a critical severity (a critical finding fails the session)',
    });
  } else {
    const [min, max] = DEDUCTION_RANGE[value.severity];
    if (value.deduction < min || value.deduction > max) {
      ctx.addIssue({
        code: 'custom',
        path: ['deduction'],
        message: `must be ${min}–${max} points for a ${value.severity} severity`,
      });
    }
  }
}

/** "is required" / "must be a map" for nested maps. */
export function mapOf<T extends z.core.$ZodLooseShape>(shape: T, what = 'a YAML map of fields') {
  return z.strictObject(shape, mustBe(what));
}
