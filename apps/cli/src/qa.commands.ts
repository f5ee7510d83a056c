import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { KnowledgeBase } from '@anxin/knowledge';
import { QualityEngine, type QualityJudge, scoreBatch, toWire } from '@anxin/quality';
import { UsageError } from './kb.commands';

export const QA_USAGE = `Usage: npm run qa -- <command> [options]

  score <file>                     score transcripts (a JSON array, one JSON object, or JSON lines;
                                   format in docs/api/qa.md) against the behaviour standard and print
                                   one JSON result per line; a malformed transcript prints its problems

  --dir <path>                     knowledge folder (default: KNOWLEDGE_DIR or ./knowledge)`;

export interface QaContext {
  readonly knowledgeDir: string;
  /** The LLM judge when a model is configured; null: LLM-only checks are reported not assessed. */
  readonly judge: QualityJudge | null;
}

export interface QaCommandResult {
  readonly output: string;
  /** 0: every transcript scored; 1: at least one was refused. */
  readonly exitCode: 0 | 1;
}

const OPTIONS = { dir: { type: 'string' } } as const;

/** Runs one command. Throws UsageError, or KnowledgeException when the standard does not load. */
export async function runQaCommand(argv: readonly string[], context: QaContext): Promise<QaCommandResult> {
  let parsed: ReturnType<
    typeof parseArgs<{ args: string[]; options: typeof OPTIONS; allowPositionals: true }>
  >;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const [command, file, ...extra] = parsed.positionals;
  if (command !== 'score')
    throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
  if (!file || extra.length > 0) throw new UsageError('score needs exactly one file');
  const inputs = parseTranscriptFile(await readText(file), file);
  const knowledge = await KnowledgeBase.load(parsed.values.dir ?? context.knowledgeDir);
  const outcomes = await scoreBatch(new QualityEngine(knowledge.rules, context.judge, knowledge), inputs);
  return {
    output: outcomes.map((outcome) => JSON.stringify(toWire(outcome))).join('\n'),
    exitCode: outcomes.some((outcome) => 'error' in outcome) ? 1 : 0,
  };
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

/** A JSON array, one JSON object, or one JSON object per line. */
export function parseTranscriptFile(text: string, file: string): unknown[] {
  const trimmed = text.trim();
  if (trimmed === '') throw new UsageError(`${file} is empty`);
  try {
    const value: unknown = JSON.parse(trimmed);
    return Array.isArray(value) ? value : [value];
  } catch {
    // Not one JSON document: JSON lines.
  }
  return trimmed
    .split('\n')
    .map((line, i) => ({ line: line.trim(), number: i + 1 }))
    .filter(({ line }) => line !== '')
    .map(({ line, number }) => {
      try {
        return JSON.parse(line) as unknown;
      } catch (error) {
        throw new UsageError(`${file}:${number} is not JSON: ${(error as Error).message}`);
      }
    });
}
