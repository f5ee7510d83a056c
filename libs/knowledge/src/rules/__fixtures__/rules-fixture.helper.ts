import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The small valid knowledge folder shared by the knowledge specs: scripts, lexicons, standard, PII patterns, SLA. */
export const GOOD_RULES = join(__dirname, '..', '..', 'loading', '__fixtures__', 'good');

/** The real knowledge folder of the repository. */
export const REAL_KNOWLEDGE = join(__dirname, '..', '..', '..', '..', '..', 'knowledge');

/** Text of a file of the good fixture, e.g. goodText('sla.yaml'). */
export function goodText(relativePath: string): string {
  return readFileSync(join(GOOD_RULES, relativePath), 'utf8');
}

/** Replaces `from` (which must occur) in a good fixture file's text. */
export function goodWith(relativePath: string, from: string | RegExp, to: string): string {
  const text = goodText(relativePath);
  const changed = text.replace(from, to);
  if (changed === text) throw new Error(`fixture ${relativePath} has no ${String(from)}`);
  return changed;
}

/** Temp copies of the shared good fixture, with files replaced (text) or removed (null). */
export {
  fixtureCopy as rulesCopy,
  removeFixtureCopies as removeRulesCopies,
} from '../../loading/__fixtures__/fixture-dir.helper';
