import { normalizeTerm } from '../loading/lexicon.loader';
import type { ProblemList } from '../loading/problem.list';
import { nonEmptyText } from '../loading/script.schema';
import { mapOf, positiveInt, textList } from './rule-fields.schema';
import { lineHint, parseRuleFile } from './rule-file.reader';
import { REPLY_CUE_KINDS, type ReplyCueKind, type ReplyCues } from './rules.types';

export const REPLY_CUES_FILE = 'lexicon/reply-cues.yaml';

const replyCuesSchema = mapOf(
  { version: positiveInt, description: nonEmptyText, yes: textList, no: textList, cancel: textList },
  'a YAML map with version, description, yes, no and cancel',
);

/**
 * Parses lexicon/reply-cues.yaml; undefined (with problems recorded) when invalid. Each list must be
 * non-empty, and a phrase (compared NFKC and case-insensitively) may appear once in the whole file, so a
 * reply never reads as two answers.
 */
export function parseReplyCues(text: string, problems: ProblemList): ReplyCues | undefined {
  const file = parseRuleFile(REPLY_CUES_FILE, text, replyCuesSchema, problems);
  if (!file) return undefined;
  const { data, yaml, report } = file;
  const before = problems.count;
  const seen = new Map<string, { kind: ReplyCueKind; index: number }>();
  const lists = {} as Record<ReplyCueKind, string[]>;
  for (const kind of REPLY_CUE_KINDS) {
    lists[kind] = data[kind].map((phrase, index) => {
      const term = normalizeTerm(phrase);
      const first = seen.get(term);
      if (first)
        report(
          [kind, index],
          `"${phrase}" is already in ${first.kind}[${first.index}]${lineHint(yaml, [first.kind, first.index])}`,
        );
      else seen.set(term, { kind, index });
      return term;
    });
  }
  if (problems.count > before) return undefined;
  return { version: data.version, ...lists };
}
