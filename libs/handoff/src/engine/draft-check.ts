import type { BehaviourStandard, PhraseLexicon, Severity } from '@anxin/knowledge';

/** A rule an agent's draft seems to break, named for the agent (the check and the lexicon category). */
export interface DraftWarning {
  /** The behaviour check that forbids it, e.g. CS-09; null when no check reads that lexicon category. */
  readonly checkId: string | null;
  readonly checkTitle: string | null;
  readonly lexicon: string;
  readonly category: string;
  readonly categoryTitle: string;
  readonly severity: Severity;
  /** The words of the draft that matched. */
  readonly matched: string;
  /** The entry may be innocent in context (a quotation, a negation): the agent judges. */
  readonly contextMatters: boolean;
  readonly note: string | null;
}

/**
 * Checks an agent's draft against the compliance lexicons (forbidden phrases, misleading promotion,
 * claim pre-judgement, requests for secrets) before it is sent, naming the behaviour check behind
 * each hit. One warning per lexicon category, the first hit. Texts are NFKC-normalised as the
 * lexicon conventions require.
 */
export function checkDraft(
  text: string,
  lexicons: readonly PhraseLexicon[],
  standard: BehaviourStandard,
): DraftWarning[] {
  const normalised = text.normalize('NFKC');
  const warnings: DraftWarning[] = [];
  for (const lexicon of lexicons) {
    const seen = new Set<string>();
    for (const entry of lexicon.entries) {
      if (seen.has(entry.category)) continue;
      const match = entry.regex.exec(normalised);
      if (!match) continue;
      seen.add(entry.category);
      const check = checkReading(standard, lexicon.key, entry.category);
      warnings.push({
        checkId: check?.id ?? null,
        checkTitle: check?.title ?? null,
        lexicon: lexicon.key,
        category: entry.category,
        categoryTitle: lexicon.categories.find((c) => c.key === entry.category)?.title ?? entry.category,
        severity: entry.severity,
        matched: match[0],
        contextMatters: entry.contextMatters,
        note: entry.note ?? null,
      });
    }
  }
  return warnings;
}

/** The first behaviour check with a lexicon detector reading this lexicon category. */
function checkReading(
  standard: BehaviourStandard,
  lexicon: string,
  category: string,
): { id: string; title: string } | undefined {
  return standard.checks.find((check) =>
    check.detectors.some(
      (detector) =>
        detector.kind === 'lexicon' &&
        detector.lexicon === lexicon &&
        (!detector.categories || detector.categories.includes(category)),
    ),
  );
}
