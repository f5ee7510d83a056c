import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SCRIPTS_SOURCE, STAGES, type Script } from '../knowledge.types';
import { normalizeText } from '../retrieval/chinese-analyzer';
import type { ProblemList } from './problem.list';
import { SCRIPT_ID_PATTERN, scriptFrontMatterSchema } from './script.schema';
import { readYaml, zodProblems } from './yaml.reader';

const STAGE_LIST = STAGES.join('|');

/**
 * Parses one "---\n<YAML front matter>\n---\n<body>" file at scripts/<stage>/<id>.md.
 * Returns undefined (and records why) when anything is wrong.
 */
export function parseScript(relativePath: string, source: string, problems: ProblemList): Script | undefined {
  const before = problems.count;
  const report = (line: number | undefined, field: string | undefined, message: string): void =>
    problems.add(relativePath, { line, field, message });
  const lines = source
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  if (lines[0].trimEnd() !== '---') {
    report(1, undefined, 'must start with a "---" line opening the YAML front matter');
    return undefined;
  }
  const close = lines.findIndex((line, i) => i > 0 && line.trimEnd() === '---');
  if (close < 0) {
    report(1, undefined, 'front matter has no closing "---" line');
    return undefined;
  }

  const yaml = readYaml(lines.slice(1, close).join('\n'), 1);
  yaml.errors.forEach((error) => report(error.line, undefined, error.message));
  const parsed = yaml.errors.length > 0 ? undefined : scriptFrontMatterSchema.safeParse(yaml.value);
  if (parsed && !parsed.success)
    zodProblems(parsed.error.issues, yaml).forEach((p) => report(p.line, p.field, p.message));

  // The path must agree with the front matter; checked on the raw values so these show up with the rest.
  const raw = isRecord(yaml.value) ? yaml.value : {};
  const [, folder, fileName] = relativePath.split('/');
  const fileId = fileName.replace(/\.md$/, '');
  if (isStage(raw.stage) && raw.stage !== folder) {
    report(yaml.lineOf(['stage']), 'stage', `"${raw.stage}" does not match its folder "${folder}"`);
  }
  if (typeof raw.id === 'string' && SCRIPT_ID_PATTERN.test(raw.id) && raw.id !== fileId) {
    report(yaml.lineOf(['id']), 'id', `"${raw.id}" must equal the file name "${fileId}"`);
  }
  const body = lines
    .slice(close + 1)
    .join('\n')
    .trim();
  if (!body) report(close + 2, 'body', 'must not be empty (the approved answer follows the front matter)');
  if (problems.count > before || !parsed?.success) return undefined;
  return { ...parsed.data, source: SCRIPTS_SOURCE, body, sourcePath: relativePath };
}

function isStage(value: unknown): boolean {
  return (STAGES as readonly unknown[]).includes(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Loads knowledge/scripts/<stage>/<id>.md; cross-file checks: duplicate ids and sample questions. */
export async function loadScripts(knowledgeDir: string, problems: ProblemList): Promise<Script[]> {
  const scripts: Script[] = [];
  const stageDirs = await listDir(join(knowledgeDir, 'scripts'));
  if (!stageDirs) {
    problems.add('scripts/', { message: 'folder is missing' });
    return scripts;
  }
  for (const entry of stageDirs) {
    const path = `scripts/${entry.name}`;
    if (!entry.isDirectory()) {
      if (entry.name.endsWith('.md'))
        problems.add(path, { message: 'scripts live in scripts/<stage>/<id>.md' });
      continue;
    }
    if (!isStage(entry.name)) {
      problems.add(`${path}/`, { message: `folder is not a stage (${STAGE_LIST})` });
      continue;
    }
    for (const file of (await listDir(join(knowledgeDir, path))) ?? []) {
      const filePath = `${path}/${file.name}`;
      if (file.isDirectory())
        problems.add(`${filePath}/`, {
          message: 'unexpected folder: scripts live in scripts/<stage>/<id>.md',
        });
      else if (file.name.endsWith('.md')) {
        const script = parseScript(filePath, await readFile(join(knowledgeDir, filePath), 'utf8'), problems);
        if (script) scripts.push(script);
      }
    }
  }
  checkAcrossScripts(scripts, problems);
  if (scripts.length === 0 && problems.count === 0) problems.add('scripts/', { message: 'no scripts found' });
  return scripts;
}

function checkAcrossScripts(scripts: readonly Script[], problems: ProblemList): void {
  const ids = new Map<string, string>();
  const questions = new Map<string, string>();
  for (const script of scripts) {
    const other = ids.get(script.id);
    if (other)
      problems.add(script.sourcePath, {
        field: 'id',
        message: `duplicate id "${script.id}" (also ${other})`,
      });
    ids.set(script.id, script.sourcePath);
    script.questions.forEach((question, i) => {
      const key = normalizeText(question).replace(/\s+/g, '');
      const owner = questions.get(key);
      if (owner && owner !== script.sourcePath) {
        problems.add(script.sourcePath, {
          field: `questions[${i}]`,
          message: `same sample question as ${owner}; retrieval cannot tell them apart`,
        });
      }
      questions.set(key, script.sourcePath);
    });
  }
}

async function listDir(path: string): Promise<{ name: string; isDirectory(): boolean }[] | undefined> {
  try {
    const entries = await readdir(path, { withFileTypes: true });
    return entries.sort((a, b) => a.name.localeCompare(b.name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
