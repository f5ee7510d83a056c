import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { parseArgs } from 'node:util';
import {
  evaluateRetrieval,
  FAQ_FORMATS,
  type FaqFormat,
  importFaqSource,
  KnowledgeBase,
  parseEvalQuestions,
  parseFaqFile,
  ProblemList,
  STAGES,
  type Stage,
  toScript,
} from '@anxin/knowledge';
import { formatHits, formatList, formatSummary } from './kb.format';

export const KB_USAGE = `Usage: npm run kb -- <command> [options]

  validate                         check every file of the knowledge folder
  list [--stage S] [--source N] [--json]
                                   list scripts and imported entries
  search "<question>" [--k 5]      top-k scripts with confidence and score
  import --format jsonl|csv <file> --source <name> [--stage general] [--title T] [--replace]
                                   import an FAQ pool as knowledge/sources/<name>/
  eval --questions <file> --answers <file> [--k 10]
                                   import the answers as a temporary source, ask every
                                   question, print one JSON line of recall@1/5, MRR@k, latency

  --dir <path>                     knowledge folder (default: KNOWLEDGE_DIR or ./knowledge)`;

/** Wrong command line: printed with the usage, exit code 2. */
export class UsageError extends Error {}

export interface KbContext {
  knowledgeDir: string;
  now: () => Date;
}

const OPTIONS = {
  dir: { type: 'string' },
  stage: { type: 'string' },
  source: { type: 'string' },
  json: { type: 'boolean' },
  k: { type: 'string' },
  format: { type: 'string' },
  title: { type: 'string' },
  replace: { type: 'boolean' },
  questions: { type: 'string' },
  answers: { type: 'string' },
} as const;

/** Runs one command and returns what it prints. Throws UsageError or KnowledgeException. */
export async function runKbCommand(argv: readonly string[], context: KbContext): Promise<string> {
  let parsed: ReturnType<
    typeof parseArgs<{ args: string[]; options: typeof OPTIONS; allowPositionals: true }>
  >;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  const dir = values.dir ?? context.knowledgeDir;
  switch (command) {
    case 'validate': {
      noExtra(rest);
      return formatSummary(await KnowledgeBase.load(dir), dir);
    }
    case 'list': {
      noExtra(rest);
      const kb = await KnowledgeBase.load(dir);
      const stage = values.stage === undefined ? undefined : stageOf(values.stage);
      const scripts = kb.scripts.filter(
        (s) => (!stage || s.stage === stage) && (!values.source || s.source === values.source),
      );
      return values.json ? scripts.map((s) => JSON.stringify(s)).join('\n') : formatList(scripts);
    }
    case 'search': {
      const question = rest.join(' ').trim();
      if (!question)
        throw new UsageError('search needs a question, e.g. npm run kb -- search "车险怎么报案"');
      const kb = await KnowledgeBase.load(dir);
      return formatHits(question, kb.search(question, { k: positiveInt(values.k ?? '5', 'k') }));
    }
    case 'import': {
      const [file, ...extra] = rest;
      noExtra(extra);
      if (!file) throw new UsageError('import needs the file to import');
      if (!values.source) throw new UsageError('import needs --source <name>');
      const result = await importFaqSource({
        knowledgeDir: dir,
        file,
        format: formatOf(values.format),
        name: values.source,
        stage: stageOf(values.stage ?? 'general'),
        title: values.title,
        replace: values.replace ?? false,
        now: context.now(),
      });
      // Prove the folder still loads with the new source before reporting success.
      await KnowledgeBase.load(dir);
      const { manifest } = result;
      return `imported ${manifest.entries} entries into ${result.path} (version ${manifest.version}, stage ${manifest.stage}); a running server serves them after POST /api/knowledge/reload or SIGHUP`;
    }
    case 'eval': {
      noExtra(rest);
      if (!values.questions || !values.answers)
        throw new UsageError('eval needs --questions <file> and --answers <file>');
      const k = positiveInt(values.k ?? '10', 'k');
      const kb = await KnowledgeBase.load(dir);
      const problems = new ProblemList(dirname(values.answers));
      const answers = parseFaqFile(
        await readText(values.answers),
        'jsonl',
        basename(values.answers),
        problems,
      );
      const questionProblems = new ProblemList(dirname(values.questions));
      const questions = parseEvalQuestions(
        await readText(values.questions),
        basename(values.questions),
        questionProblems,
      );
      problems.throwIfAny();
      questionProblems.throwIfAny();
      const manifest = {
        name: 'eval',
        stage: 'general' as const,
        version: 1,
        importedAt: context.now().toISOString(),
        origin: { file: basename(values.answers), format: 'jsonl' as const, sha256: '0'.repeat(64) },
        entries: answers.length,
      };
      const index = kb.indexOf(answers.map((record) => toScript(manifest, record, 'eval')));
      const metrics = evaluateRetrieval(index, questions, (id) => id.slice('eval:'.length), k);
      return JSON.stringify(metrics);
    }
    case undefined:
      throw new UsageError('no command given');
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

function noExtra(rest: readonly string[]): void {
  if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
}

function stageOf(value: string): Stage {
  if (!(STAGES as readonly string[]).includes(value))
    throw new UsageError(`--stage must be one of ${STAGES.join('|')}, got "${value}"`);
  return value as Stage;
}

function formatOf(value: string | undefined): FaqFormat {
  if (!value || !(FAQ_FORMATS as readonly string[]).includes(value))
    throw new UsageError(`--format must be ${FAQ_FORMATS.join(' or ')}`);
  return value as FaqFormat;
}

function positiveInt(value: string, name: string): number {
  if (!/^[1-9]\d{0,3}$/.test(value)) throw new UsageError(`--${name} must be an integer from 1 to 9999`);
  return Number(value);
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}
