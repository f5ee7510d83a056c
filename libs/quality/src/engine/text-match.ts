import type { ScoringContext } from './scoring.context';
import { allMatches, isNegated } from './text.util';

/** `unless` of a detector: negation words before a match, or a match inside quotation marks. */
export interface Unless {
  readonly negation?: readonly string[];
  readonly window?: number;
  readonly quoted: boolean;
}

export interface TextHit {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** Whether a match at [start, end) of turn `index` survives `unless`. */
export function survives(
  ctx: ScoringContext,
  index: number,
  start: number,
  end: number,
  unless?: Unless,
): boolean {
  if (!unless) return true;
  if (unless.quoted && ctx.quoted(index, start, end)) return false;
  if (unless.negation && isNegated(ctx.texts[index], start, unless.negation, unless.window ?? 0))
    return false;
  return true;
}

/** The first match of a global regex in turn `index` that survives `unless`. */
export function firstHit(ctx: ScoringContext, index: number, regex: RegExp, unless?: Unless): TextHit | null {
  const text = ctx.texts[index];
  if (!unless) {
    regex.lastIndex = 0;
    const m = regex.exec(text);
    regex.lastIndex = 0;
    return m ? { text: m[0], start: m.index, end: m.index + m[0].length } : null;
  }
  for (const m of allMatches(regex, text)) {
    const end = m.index + m[0].length;
    if (survives(ctx, index, m.index, end, unless)) return { text: m[0], start: m.index, end };
  }
  return null;
}

/** The first surviving hit of any pattern, or (all) one hit per pattern when every pattern has one. */
export function turnHit(
  ctx: ScoringContext,
  index: number,
  patterns: readonly RegExp[],
  match: 'any' | 'all',
  unless?: Unless,
): TextHit | null {
  let first: TextHit | null = null;
  for (const regex of patterns) {
    const hit = firstHit(ctx, index, regex, unless);
    if (match === 'any' && hit) return hit;
    if (match === 'all' && !hit) return null;
    first ??= hit;
  }
  return first;
}
