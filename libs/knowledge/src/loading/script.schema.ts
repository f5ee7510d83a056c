import { z } from 'zod';
import { STAGES } from '../knowledge.types';

export const SCRIPT_ID_PATTERN = /^[a-z]+(-[a-z0-9]+)+$/;

/** "is required" when the field is absent, otherwise "must be <what>". */
export function mustBe(what: string): { error: (issue: { input?: unknown }) => string } {
  return { error: (issue) => (issue.input === undefined ? 'is required' : `must be ${what}`) };
}

export const nonEmptyText = z.string(mustBe('a string')).trim().min(1, 'must not be empty');

const nonEmptyList = z.array(nonEmptyText, mustBe('a non-empty list')).min(1, 'must be a non-empty list');

/** YAML may give a date (YAML 1.1 timestamp) or a string; both become YYYY-MM-DD. */
const isoDate = z.union([z.string(), z.date()], mustBe('a date YYYY-MM-DD')).transform((value, ctx) => {
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : value.trim();
  const parsed = new Date(`${text}T00:00:00Z`);
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(text) ||
    Number.isNaN(parsed.getTime()) ||
    parsed.toISOString().slice(0, 10) !== text
  ) {
    ctx.addIssue({ code: 'custom', message: 'must be a date YYYY-MM-DD' });
    return z.NEVER;
  }
  return text;
});

/** Front matter of knowledge/scripts/<stage>/<id>.md. Unknown fields are errors (typos would hide disclosures). */
export const scriptFrontMatterSchema = z.strictObject(
  {
    id: z
      .string(mustBe('a string'))
      .regex(SCRIPT_ID_PATTERN, 'must be kebab-case like "claims-motor-documents"'),
    title: nonEmptyText,
    stage: z.enum(STAGES, mustBe(`one of ${STAGES.join('|')}`)),
    intents: nonEmptyList,
    questions: nonEmptyList,
    version: z
      .number(mustBe('a positive integer'))
      .int('must be a positive integer')
      .positive('must be a positive integer'),
    effectiveDate: isoDate,
    disclosures: z.array(nonEmptyText, mustBe('a list of strings')).default([]),
  },
  mustBe('a YAML map of fields'),
);

export type ScriptFrontMatter = z.output<typeof scriptFrontMatterSchema>;
