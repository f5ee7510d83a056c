import type { ScoringContext } from './scoring.context';
import { excerpt } from './text.util';

/** An excerpt of a turn text with PII masked. */
export function maskedExcerpt(ctx: ScoringContext, text: string): string {
  return excerpt(ctx.mask(text));
}
