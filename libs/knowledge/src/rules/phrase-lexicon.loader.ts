import { z } from 'zod';
import { normalizeTerm } from '../loading/lexicon.loader';
import type { ProblemList } from '../loading/problem.list';
import { mustBe, nonEmptyText } from '../loading/script.schema';
import {
  listOf,
  mapOf,
  positiveInt,
  RULE_REGEX_FLAGS,
  regexSource,
  severity,
  snakeKey,
  textList,
} from './rule-fields.schema';
import { lineHint, parseRuleFile } from './rule-file.reader';
import type {
  Glossary,
  GlossaryLexiconKey,
  LexiconCategory,
  PhraseEntry,
  PhraseLexicon,
  PhraseLexiconKey,
} from './rules.types';

export function lexiconFile(key: string): string {
  return `lexicon/${key}.yaml`;
}

const header = { version: positiveInt, description: nonEmptyText, basis: textList };

const phraseEntrySchema = mapOf({
  /** A literal phrase (NFKC, case-insensitive)… */
  phrase: nonEmptyText.optional(),
  /** …or a regular expression. */
  pattern: regexSource.optional(),
  category: snakeKey,
  /** Overrides the category's severity. */
  severity: severity.optional(),
  contextMatters: z.boolean(mustBe('true or false')).default(false),
  note: nonEmptyText.optional(),
  /** Pattern entries: texts it must find (hit) and must not find (miss); checked at load. */
  examples: mapOf({ hit: textList, miss: textList.optional() }).optional(),
}).superRefine((value, ctx) => {
  if ((value.phrase === undefined) === (value.pattern === undefined))
    ctx.addIssue({ code: 'custom', message: 'needs exactly one of phrase or pattern' });
  if (value.contextMatters && value.note === undefined)
    ctx.addIssue({ code: 'custom', path: ['note'], message: 'is required when contextMatters is true' });
  if (value.phrase !== undefined && value.examples !== undefined)
    ctx.addIssue({ code: 'custom', path: ['examples'], message: 'are only for pattern entries' });
});

const phraseLexiconSchema = mapOf(
  {
    ...header,
    categories: z.record(
      z.string(),
      mapOf({ title: nonEmptyText, severity }),
      mustBe('a map of category key to title and severity'),
    ),
    entries: z
      .array(phraseEntrySchema, mustBe('a list of entries'))
      .min(1, 'must be a non-empty list of entries'),
  },
  'a YAML map with version, description, basis, categories and entries',
);

const glossarySchema = mapOf(
  {
    ...header,
    explanationCues: textList,
    entries: listOf(
      mapOf({
        term: nonEmptyText,
        aliases: textList.optional(),
        plain: nonEmptyText,
        notWithin: textList.optional(),
      }),
      'glossary entries',
    ),
  },
  'a YAML map with version, description, basis, explanationCues and entries',
);

/** Parses lexicon/<key>.yaml of a phrase lexicon; undefined (with problems recorded) when invalid. */
export function parsePhraseLexicon(
  key: PhraseLexiconKey,
  text: string,
  problems: ProblemList,
): PhraseLexicon | undefined {
  const file = parseRuleFile(lexiconFile(key), text, phraseLexiconSchema, problems);
  if (!file) return undefined;
  const { data, yaml, report } = file;
  const before = problems.count;

  const categories: LexiconCategory[] = Object.entries(data.categories).map(([categoryKey, value]) => ({
    key: categoryKey,
    ...value,
  }));
  categories
    .filter((category) => !snakeKey.safeParse(category.key).success)
    .forEach((category) => report(['categories', category.key], 'key must be snake_case'));
  if (categories.length === 0) report(['categories'], 'must declare at least one category');
  const byKey = new Map(categories.map((category) => [category.key, category]));

  const seen = new Map<string, number>();
  const entries = data.entries.map((entry, i): PhraseEntry => {
    const at = (field: string): PropertyKey[] => ['entries', i, field];
    const category = byKey.get(entry.category);
    if (!category)
      report(at('category'), `unknown category "${entry.category}" (declare it under categories)`);
    const phrase = entry.phrase?.normalize('NFKC');
    const text = phrase ?? (entry.pattern as RegExp).source;
    const duplicateOf = seen.get(normalizeTerm(text));
    if (duplicateOf !== undefined)
      report(
        at(phrase ? 'phrase' : 'pattern'),
        `duplicates entries[${duplicateOf}]${lineHint(yaml, ['entries', duplicateOf])}`,
      );
    seen.set(normalizeTerm(text), i);
    const regex =
      phrase === undefined ? (entry.pattern as RegExp) : new RegExp(escapeRegExp(phrase), RULE_REGEX_FLAGS);
    entry.examples?.hit.forEach((example, j) => {
      if (!regex.test(normalizeTerm(example)))
        report(['entries', i, 'examples', 'hit', j], `"${example}" is not found by the pattern`);
    });
    entry.examples?.miss?.forEach((example, j) => {
      if (regex.test(normalizeTerm(example)))
        report(['entries', i, 'examples', 'miss', j], `"${example}" is found by the pattern`);
    });
    return {
      text,
      isPattern: phrase === undefined,
      regex,
      category: entry.category,
      severity: entry.severity ?? category?.severity ?? 'critical',
      contextMatters: entry.contextMatters,
      ...(entry.note === undefined ? {} : { note: entry.note }),
    };
  });
  if (problems.count > before) return undefined;
  return {
    key,
    version: data.version,
    description: data.description,
    basis: data.basis,
    categories,
    entries,
  };
}

/** Parses lexicon/<key>.yaml of a glossary; a term or alias may appear once in the whole file. */
export function parseGlossary(
  key: GlossaryLexiconKey,
  text: string,
  problems: ProblemList,
): Glossary | undefined {
  const file = parseRuleFile(lexiconFile(key), text, glossarySchema, problems);
  if (!file) return undefined;
  const { data, yaml, report } = file;
  const before = problems.count;
  const seen = new Map<string, number>();
  data.entries.forEach((entry, i) => {
    [entry.term, ...(entry.aliases ?? [])].forEach((word, j) => {
      const term = normalizeTerm(word);
      const first = seen.get(term);
      if (first !== undefined && first !== i)
        report(
          j === 0 ? ['entries', i, 'term'] : ['entries', i, 'aliases', j - 1],
          `"${word}" is already in entries[${first}]${lineHint(yaml, ['entries', first])}`,
        );
      seen.set(term, i);
    });
    const words = [entry.term, ...(entry.aliases ?? [])].map(normalizeTerm);
    (entry.notWithin ?? []).forEach((text, k) => {
      if (!words.some((word) => normalizeTerm(text).includes(word)))
        report(['entries', i, 'notWithin', k], `"${text}" does not contain "${entry.term}" or an alias`);
    });
  });
  if (problems.count > before) return undefined;
  return {
    key,
    version: data.version,
    description: data.description,
    basis: data.basis,
    explanationCues: [...new Set(data.explanationCues.map((cue) => cue.normalize('NFKC')))],
    entries: data.entries.map((entry) => {
      const words = [entry.term, ...(entry.aliases ?? [])].map((word) => word.normalize('NFKC'));
      const notWithin = (entry.notWithin ?? []).map((text) => text.normalize('NFKC'));
      return {
        term: words[0],
        aliases: words.slice(1),
        regex: new RegExp(words.map((word) => wordPattern(word, notWithin)).join('|'), RULE_REGEX_FLAGS),
        plain: entry.plain,
        notWithin,
      };
    }),
  };
}

/**
 * The escaped word, not matching where it is part of one of the longer words `notWithin` (定损 inside
 * 一定损失): for each place the word sits in such a longer word, a guard checks that the longer word does
 * not start that many characters before the match.
 */
function wordPattern(word: string, notWithin: readonly string[]): string {
  const guards: string[] = [];
  for (const longer of notWithin) {
    for (let at = longer.indexOf(word); at >= 0; at = longer.indexOf(word, at + 1)) {
      const before = [...longer.slice(0, at)].length;
      const whole = escapeRegExp(longer);
      guards.push(before === 0 ? `(?!${whole})` : `(?<!(?=${whole})[\\s\\S]{${before}})`);
    }
  }
  return guards.join('') + escapeRegExp(word);
}

export function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}
