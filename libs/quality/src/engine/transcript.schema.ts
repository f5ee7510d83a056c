import { RULE_EVENTS } from '@anxin/knowledge';
import { z } from 'zod';
import { QA_ROLES, type QaTranscript } from './quality.types';

/** Limits a transcript must keep to be scored. */
export const TRANSCRIPT_LIMITS = {
  idLength: 128,
  agentIdLength: 128,
  maxMessages: 2000,
  textLength: 4000,
  citationsPerTurn: 20,
  citationLength: 128,
  slotsPerTurn: 20,
  slotNameLength: 64,
  slotValueLength: 128,
} as const;

type IssueInput = { readonly input?: unknown };

/** Zod error option: "is required" for a missing value, else `expected`. */
function expect(expected: string): { error: (issue: IssueInput) => string } {
  return { error: (issue) => (issue.input === undefined ? 'is required' : `expected ${expected}`) };
}

const time = z.number(expect('a finite number ≥ 0')).min(0, 'expected a finite number ≥ 0');
const optionalId = (max: number): z.ZodOptional<z.ZodString> =>
  z
    .string(expect(`a non-empty string of at most ${max} characters`))
    .min(1, `expected a non-empty string of at most ${max} characters`)
    .max(max, `expected a non-empty string of at most ${max} characters`)
    .optional();

const citation = z
  .string(expect(`a script id of 1–${TRANSCRIPT_LIMITS.citationLength} characters`))
  .min(1, `expected a script id of 1–${TRANSCRIPT_LIMITS.citationLength} characters`)
  .max(
    TRANSCRIPT_LIMITS.citationLength,
    `expected a script id of 1–${TRANSCRIPT_LIMITS.citationLength} characters`,
  );

const slotValueRule = `expected a string of 1–${TRANSCRIPT_LIMITS.slotValueLength} characters or a finite number`;
const slotValue = z.union(
  [
    z.string().min(1, slotValueRule).max(TRANSCRIPT_LIMITS.slotValueLength, slotValueRule),
    z.number().refine(Number.isFinite, slotValueRule),
  ],
  { error: () => slotValueRule },
);
const slotNameRule = `expected a snake_case slot name of at most ${TRANSCRIPT_LIMITS.slotNameLength} characters`;

/** Slot values a turn filled, by slot name: at most slotsPerTurn. */
const slots = z
  .record(
    z
      .string()
      .regex(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/u, slotNameRule)
      .max(TRANSCRIPT_LIMITS.slotNameLength, slotNameRule),
    slotValue,
    {
      error: (issue) =>
        issue.code === 'invalid_key'
          ? slotNameRule
          : issue.input === undefined
            ? 'is required'
            : 'expected an object of slot values',
    },
  )
  .refine((value) => Object.keys(value).length <= TRANSCRIPT_LIMITS.slotsPerTurn, {
    message: `expected at most ${TRANSCRIPT_LIMITS.slotsPerTurn} slots`,
  });

const message = z.object(
  {
    role: z.enum(QA_ROLES, expect(QA_ROLES.join('|'))),
    t: time,
    text: z
      .string(expect(`a string of at most ${TRANSCRIPT_LIMITS.textLength} characters`))
      .max(
        TRANSCRIPT_LIMITS.textLength,
        `expected a string of at most ${TRANSCRIPT_LIMITS.textLength} characters`,
      ),
    agentId: optionalId(TRANSCRIPT_LIMITS.agentIdLength),
    id: optionalId(TRANSCRIPT_LIMITS.idLength),
    citations: z
      .array(citation, expect(`a list of at most ${TRANSCRIPT_LIMITS.citationsPerTurn} script ids`))
      .max(
        TRANSCRIPT_LIMITS.citationsPerTurn,
        `expected a list of at most ${TRANSCRIPT_LIMITS.citationsPerTurn} script ids`,
      )
      .optional(),
    slots: slots.optional(),
  },
  expect('an object with role, t and text'),
);

const event = z.object(
  {
    t: time,
    type: z.enum(RULE_EVENTS, expect(`one of ${RULE_EVENTS.join('|')}`)),
    messageIndex: z
      .number(expect('a message index'))
      .int('expected a whole number')
      .min(0, 'expected a message index ≥ 0')
      .optional(),
  },
  expect('an object with t and type'),
);

const transcriptSchema = z
  .object(
    {
      id: z
        .string(expect(`a non-empty string of at most ${TRANSCRIPT_LIMITS.idLength} characters`))
        .min(1, `expected a non-empty string of at most ${TRANSCRIPT_LIMITS.idLength} characters`)
        .max(
          TRANSCRIPT_LIMITS.idLength,
          `expected a non-empty string of at most ${TRANSCRIPT_LIMITS.idLength} characters`,
        ),
      channel: z.string(expect('a string')),
      messages: z
        .array(message, expect(`a list of 1–${TRANSCRIPT_LIMITS.maxMessages} messages`))
        .min(1, `expected a list of 1–${TRANSCRIPT_LIMITS.maxMessages} messages`)
        .max(TRANSCRIPT_LIMITS.maxMessages, `expected a list of 1–${TRANSCRIPT_LIMITS.maxMessages} messages`),
      events: z.array(event, expect('a list of events')).default([]),
    },
    expect('an object with id, channel, messages and events'),
  )
  .superRefine((value, ctx) => {
    value.messages.forEach((m, i) => {
      if (m.citations !== undefined && m.role !== 'bot')
        ctx.addIssue({
          code: 'custom',
          path: ['messages', i, 'citations'],
          message: 'only bot turns cite scripts',
        });
    });
    if (value.messages.length === 0) return;
    value.events.forEach((e, i) => {
      if (e.messageIndex !== undefined && e.messageIndex >= value.messages.length)
        ctx.addIssue({
          code: 'custom',
          path: ['events', i, 'messageIndex'],
          message: `expected the index of a message (0–${value.messages.length - 1})`,
        });
    });
  });

export type TranscriptValidation =
  | { readonly ok: true; readonly transcript: QaTranscript }
  | { readonly ok: false; readonly problems: string[] };

/**
 * Checks untrusted input (a queue job, an API body) before scoring. Problems name the field precisely,
 * e.g. "messages[3].role: expected customer|bot|agent|system". Unknown fields are dropped.
 */
export function validateTranscript(input: unknown): TranscriptValidation {
  const parsed = transcriptSchema.safeParse(input);
  if (parsed.success) return { ok: true, transcript: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => `${fieldName(issue.path) || '(root)'}: ${issue.message}`),
  };
}

function fieldName(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
    .join('');
}
