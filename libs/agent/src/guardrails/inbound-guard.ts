import type { PhraseLexicon } from '@anxin/knowledge';
import { matchLexicon } from './lexicon-match.util';

export interface InjectionFinding {
  readonly category: string;
  readonly matched: string;
}

/**
 * Prompt-injection attempts in a customer message (「忽略以上指令」, role-play, asking for the system
 * prompt), by the prompt-injection lexicon. The first hit is enough: the turn is refused politely.
 */
export function detectInjection(lexicon: PhraseLexicon, text: string): InjectionFinding | null {
  const hit = matchLexicon(lexicon, text).at(0);
  return hit ? { category: hit.entry.category, matched: hit.matched } : null;
}
