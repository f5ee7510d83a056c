import { parseChineseNumber } from './chinese-number';
import { z } from 'zod';
import type { ProblemList } from '../loading/problem.list';
import { mustBe, nonEmptyText } from '../loading/script.schema';
import { listOf, mapOf, positiveInt, regexList, regexSource, snakeKey, textList } from './rule-fields.schema';
import { lineHint, parseRuleFile } from './rule-file.reader';
import type { PiiPatterns } from './pii-patterns.loader';
import type { DocumentCues, SlotClass, SlotCues, SlotSpec, SlotValue } from './rules.types';

/** Optional: without it the QA engine reads no slot from text (slot-triggered checks are not assessed). */
export const SLOT_CUES_FILE = 'lexicon/slot-cues.yaml';

const slotClassSchema = mapOf({
  value: snakeKey,
  patterns: regexList,
  with: listOf(snakeKey, 'slot names').optional(),
});

const exampleSchema = mapOf({
  text: nonEmptyText,
  /** What the text reads as for this slot; null: nothing. */
  value: z.union([z.string(), z.number(), z.null()], mustBe('a string, a number or null')),
});

const slotSchema = mapOf({
  name: snakeKey,
  title: nonEmptyText,
  labels: textList.optional(),
  pii: snakeKey.optional(),
  values: regexList.optional(),
  number: z.boolean(mustBe('true or false')).default(false),
  classes: listOf(slotClassSchema, 'classes').optional(),
  /** Checked at load: each text, read on its own, gives `value` for this slot. */
  examples: listOf(exampleSchema, 'examples'),
}).superRefine((value, ctx) => {
  const readers = (['pii', 'values', 'classes'] as const).filter((key) => value[key] !== undefined);
  if (readers.length !== 1)
    ctx.addIssue({
      code: 'custom',
      path: readers.length > 1 ? [readers[1]] : [],
      message: 'needs exactly one reader: pii, values or classes',
    });
  if (value.number && value.values === undefined)
    ctx.addIssue({ code: 'custom', path: ['number'], message: 'is only for a values reader' });
  value.values?.forEach((regex, i) => {
    if (captureGroups(regex) < 1)
      ctx.addIssue({
        code: 'custom',
        path: ['values', i],
        message: 'needs a capture group (…) around the value',
      });
  });
});

const documentsSchema = mapOf({
  cue: regexSource,
  add: regexSource,
  name: regexSource,
  separator: regexSource,
  itemPrefix: regexSource,
  genericEnd: regexSource,
  listItem: regexSource,
});

const slotCuesSchema = mapOf(
  {
    version: positiveInt,
    description: nonEmptyText,
    ask: regexList,
    slots: z.array(slotSchema, mustBe('a list of slots')).min(1, 'must be a non-empty list of slots'),
    documents: documentsSchema,
  },
  'a YAML map with version, description, ask, slots and documents',
);

function captureGroups(regex: RegExp): number {
  return (new RegExp(`${regex.source}|`, regex.flags).exec('') as RegExpExecArray).length - 1;
}

/** The parsed slot-cues.yaml. */
class SlotCueBook implements SlotCues {
  private readonly byName: ReadonlyMap<string, SlotSpec>;

  constructor(
    readonly version: number,
    readonly ask: readonly RegExp[],
    readonly slots: readonly SlotSpec[],
    readonly documents: DocumentCues,
  ) {
    this.byName = new Map(slots.map((slot) => [slot.name, slot]));
  }

  slot(name: string): SlotSpec | undefined {
    return this.byName.get(name);
  }

  read(text: string, pii: (kind: string) => string | undefined): Map<string, SlotValue> {
    const out = new Map<string, SlotValue>();
    for (const slot of this.slots) {
      const value = readSlot(slot, text, pii, out);
      if (value !== undefined) out.set(slot.name, value);
    }
    return out;
  }
}

function readSlot(
  slot: SlotSpec,
  text: string,
  pii: (kind: string) => string | undefined,
  read: ReadonlyMap<string, SlotValue>,
): SlotValue | undefined {
  if (slot.pii !== undefined) return pii(slot.pii);
  for (const regex of slot.values) {
    const m = regex.exec(text);
    if (!m || m[1] === undefined) continue;
    if (!slot.number) return m[1];
    const value = parseChineseNumber(m[1]);
    if (!Number.isNaN(value)) return value;
  }
  for (const slotClass of slot.classes)
    if (slotClass.with.every((name) => read.has(name)) && slotClass.patterns.some((p) => p.test(text)))
      return slotClass.value;
  return undefined;
}

/**
 * Parses lexicon/slot-cues.yaml; undefined (with problems recorded) when invalid. Slot names are unique;
 * a class's `with` names a slot defined above it; a `pii` reader names a kind of pii-patterns.yaml (when
 * that file loaded); every example reads as its value.
 */
export function parseSlotCues(
  text: string,
  problems: ProblemList,
  pii: PiiPatterns | undefined,
): SlotCues | undefined {
  const file = parseRuleFile(SLOT_CUES_FILE, text, slotCuesSchema, problems);
  if (!file) return undefined;
  const { data, yaml, report } = file;
  const before = problems.count;
  const seen = new Map<string, number>();
  const slots = data.slots.map((slot, i): SlotSpec => {
    const first = seen.get(slot.name);
    if (first !== undefined)
      report(
        ['slots', i, 'name'],
        `"${slot.name}" is already defined in slots[${first}]${lineHint(yaml, ['slots', first])}`,
      );
    if (slot.pii !== undefined && pii && !pii.get(slot.pii))
      report(
        ['slots', i, 'pii'],
        `unknown PII kind "${slot.pii}" (lexicon/pii-patterns.yaml has ${pii.kinds().join(', ')})`,
      );
    const classes = (slot.classes ?? []).map((c, j): SlotClass => {
      (c.with ?? []).forEach((name, k) => {
        if (!seen.has(name))
          report(['slots', i, 'classes', j, 'with', k], `"${name}" must name a slot defined above this one`);
      });
      return { value: c.value, patterns: c.patterns, with: c.with ?? [] };
    });
    seen.set(slot.name, i);
    return {
      name: slot.name,
      title: slot.title,
      labels: slot.labels ?? [],
      ...(slot.pii === undefined ? {} : { pii: slot.pii }),
      values: slot.values ?? [],
      number: slot.number,
      classes,
    };
  });
  if (problems.count > before) return undefined;
  const book = new SlotCueBook(data.version, data.ask, slots, data.documents);
  data.slots.forEach((slot, i) =>
    slot.examples.forEach((example, j) => {
      if (slot.pii !== undefined && !pii) return;
      const normal = example.text.normalize('NFKC');
      const found = (kind: string): string | undefined => pii?.find(normal, [kind])[0]?.value;
      const value = book.read(normal, found).get(slot.name);
      if ((value ?? null) !== example.value)
        report(
          ['slots', i, 'examples', j],
          `"${example.text}" reads as ${value === undefined ? 'nothing' : `"${value}"`}, expected ${
            example.value === null ? 'nothing' : `"${example.value}"`
          }`,
        );
    }),
  );
  return problems.count > before ? undefined : book;
}
