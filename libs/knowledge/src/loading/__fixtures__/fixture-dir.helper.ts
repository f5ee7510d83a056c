import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { KnowledgeException } from '../../knowledge.exception';
import { ProblemList } from '../problem.list';

/** A small valid knowledge folder: 4 scripts in 3 stages, lexicon and standard phrases. */
export const GOOD_FIXTURE = join(__dirname, 'good');

const copies: string[] = [];

/**
 * A temp copy of the good fixture named `knowledge`, with files (relative paths) replaced by
 * new content or removed (null).
 */
export function fixtureCopy(changes: Record<string, string | null> = {}): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'anxin-kb-')), 'knowledge');
  copies.push(dirname(dir));
  cpSync(GOOD_FIXTURE, dir, { recursive: true });
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

export function removeFixtureCopies(): void {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Front matter + body of a valid script; `fields` override or (undefined) drop fields. */
export function scriptSource(
  fields: Record<string, string | undefined> = {},
  body = '您好，这是经过审核的标准答复。',
): string {
  const base: Record<string, string | undefined> = {
    id: 'claims-test-script',
    title: '测试话术',
    stage: 'claims',
    intents: '[test]',
    questions: '\n  - 测试问题一\n  - 测试问题二',
    version: '1',
    effectiveDate: '2026-01-01',
    ...fields,
  };
  const lines = Object.entries(base)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}: ${value}`);
  return ['---', ...lines, '---', body, ''].join('\n');
}

/** The problems a loading step records (empty when it found none). */
export function problemsOf(run: (problems: ProblemList) => unknown): string[] {
  const problems = new ProblemList('knowledge');
  run(problems);
  try {
    problems.throwIfAny();
    return [];
  } catch (error) {
    return [...(error as KnowledgeException).problems];
  }
}
