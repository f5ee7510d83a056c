import type { PhraseLexicon } from '@anxin/knowledge';
import { matchLexicon } from '../guardrails/lexicon-match.util';

export interface HandoffCue {
  /** The handoff-cues category: explicit_request, complaint, negative_emotion, crisis, vulnerable, sensitive_decision. */
  readonly reason: string;
  readonly matched: string;
  /** The entry may be innocent in context (「诉讼时效是几年」): offer a human rather than hand over. */
  readonly contextMatters: boolean;
}

/** Categories in the order they win when a message carries several. */
const PRIORITY = [
  'crisis',
  'explicit_request',
  'complaint',
  'sensitive_decision',
  'negative_emotion',
  'vulnerable',
];

/** The strongest handoff cue in a customer message (handoff-cues lexicon), or null. */
export function detectHandoffCue(lexicon: PhraseLexicon, text: string): HandoffCue | null {
  const hits = matchLexicon(lexicon, text);
  if (hits.length === 0) return null;
  const rank = (category: string) => {
    const i = PRIORITY.indexOf(category);
    return i < 0 ? PRIORITY.length : i;
  };
  const best = [...hits].sort((a, b) => rank(a.entry.category) - rank(b.entry.category))[0];
  return { reason: best.entry.category, matched: best.matched, contextMatters: best.entry.contextMatters };
}
