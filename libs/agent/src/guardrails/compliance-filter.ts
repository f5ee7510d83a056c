import type { PhraseLexicon } from '@anxin/knowledge';
import { matchLexicon } from './lexicon-match.util';

export interface ComplianceProblem {
  /** Lexicon key, e.g. misleading-promotion. */
  readonly lexicon: string;
  readonly category: string;
  readonly matched: string;
}

/**
 * The outbound check every generated bot message passes: misleading promotion, claim
 * pre-judgement, forbidden attitude phrases and requests for passwords or codes. A phrase whose
 * meaning depends on context (contextMatters, e.g. 「不保本」) is let through when the approved
 * scripts the draft cites use it too: quoting approved wording is not a violation.
 */
export function checkCompliance(
  lexicons: readonly PhraseLexicon[],
  draft: string,
  approvedTexts: readonly string[],
): ComplianceProblem[] {
  const approved = approvedTexts.join('\n').normalize('NFKC');
  return lexicons.flatMap((lexicon) =>
    matchLexicon(lexicon, draft)
      .filter((hit) => !(hit.entry.contextMatters && approved.includes(hit.matched)))
      .map((hit) => ({ lexicon: lexicon.key, category: hit.entry.category, matched: hit.matched })),
  );
}
