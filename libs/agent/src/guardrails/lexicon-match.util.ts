import type { PhraseEntry, PhraseLexicon } from '@anxin/knowledge';

export interface LexiconHit {
  readonly entry: PhraseEntry;
  /** The text the entry matched. */
  readonly matched: string;
}

/** Entries of a phrase lexicon found in `text` (NFKC-normalised, as the lexicon conventions require). */
export function matchLexicon(lexicon: PhraseLexicon, text: string): LexiconHit[] {
  const normalised = text.normalize('NFKC');
  const hits: LexiconHit[] = [];
  for (const entry of lexicon.entries) {
    const match = entry.regex.exec(normalised);
    if (match) hits.push({ entry, matched: match[0] });
  }
  return hits;
}
