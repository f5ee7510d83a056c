import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The small valid knowledge folder shared by the knowledge specs: scripts, lexicons, standard, PII patterns, SLA. */
export const GOOD_RULES = join(__dirname, '..', '..', 'loading', '__fixtures__', 'good');

/** The real knowledge folder of the repository. */
export const REAL_KNOWLEDGE = join(__dirname, '..', '..', '..', '..', '..', 'knowledge');

const copies: string[] = [];

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

/** A temp copy of the good fixture named `knowledge`, with files replaced (text) or removed (null). */
export function rulesCopy(changes: Record<string, string | null> = {}): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'anxin-rules-')), 'knowledge');
  copies.push(dirname(dir));
  cpSync(GOOD_RULES, dir, { recursive: true });
  for (const [path, content] of Object.entries(changes)) {
    const file = join(dir, path);
    if (content === null) rmSync(file, { recursive: true });
    else {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
    }
  }
  return dir;
}

export function removeRulesCopies(): void {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
}
