import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Script } from '../knowledge.types';
import type { ProblemList } from '../loading/problem.list';
import { readYaml, zodProblems } from '../loading/yaml.reader';
import { type FaqRecord, parseFaqFile } from './faq-file.parser';
import {
  SOURCE_ENTRIES_FILE,
  SOURCE_MANIFEST_FILE,
  SOURCE_NAME,
  type SourceManifest,
  sourceManifestSchema,
} from './source.schema';

export const SOURCES_DIR = 'sources';
const TITLE_CHARS = 30;

/**
 * Loads every imported source, knowledge/sources/<name>/{source.yaml, entries.jsonl}, as scripts
 * "<name>:<entry id>". The folder is optional; hidden folders (imports in progress) are skipped.
 */
export async function loadSources(knowledgeDir: string, problems: ProblemList): Promise<Script[]> {
  let folders: { name: string; isDirectory(): boolean }[];
  try {
    folders = await readdir(join(knowledgeDir, SOURCES_DIR), { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const scripts: Script[] = [];
  for (const folder of folders.sort((a, b) => a.name.localeCompare(b.name))) {
    if (folder.name.startsWith('.')) continue;
    const path = `${SOURCES_DIR}/${folder.name}`;
    if (!folder.isDirectory()) {
      problems.add(path, { message: 'unexpected file: imported sources live in sources/<name>/' });
      continue;
    }
    if (!SOURCE_NAME.test(folder.name)) {
      problems.add(`${path}/`, { message: 'folder name must be a kebab-case source name' });
      continue;
    }
    scripts.push(...(await loadSource(knowledgeDir, folder.name, problems)));
  }
  return scripts;
}

async function loadSource(knowledgeDir: string, name: string, problems: ProblemList): Promise<Script[]> {
  const before = problems.count;
  const manifestPath = `${SOURCES_DIR}/${name}/${SOURCE_MANIFEST_FILE}`;
  const entriesPath = `${SOURCES_DIR}/${name}/${SOURCE_ENTRIES_FILE}`;
  const [manifestText, entriesText] = await Promise.all([
    readOptional(join(knowledgeDir, manifestPath)),
    readOptional(join(knowledgeDir, entriesPath)),
  ]);
  if (manifestText === undefined) problems.add(manifestPath, { message: 'file is missing' });
  if (entriesText === undefined) problems.add(entriesPath, { message: 'file is missing' });
  if (manifestText === undefined || entriesText === undefined) return [];

  const yaml = readYaml(manifestText);
  yaml.errors.forEach((error) => problems.add(manifestPath, error));
  const parsed = yaml.errors.length > 0 ? undefined : sourceManifestSchema.safeParse(yaml.value);
  if (parsed && !parsed.success)
    zodProblems(parsed.error.issues, yaml).forEach((problem) => problems.add(manifestPath, problem));
  const records = parseFaqFile(entriesText, 'jsonl', entriesPath, problems);
  if (!parsed?.success || problems.count > before) return [];

  const manifest = parsed.data;
  if (manifest.name !== name)
    problems.add(manifestPath, {
      line: yaml.lineOf(['name']),
      field: 'name',
      message: `"${manifest.name}" must equal its folder "${name}"`,
    });
  if (manifest.entries !== records.length)
    problems.add(manifestPath, {
      line: yaml.lineOf(['entries']),
      field: 'entries',
      message: `says ${manifest.entries} but ${SOURCE_ENTRIES_FILE} holds ${records.length}`,
    });
  if (problems.count > before) return [];
  return records.map((record) => toScript(manifest, record, entriesPath));
}

/** An FAQ record as a script of its source: titled by its title, first question or the answer's start. */
export function toScript(manifest: SourceManifest, record: FaqRecord, entriesPath: string): Script {
  return {
    id: `${manifest.name}:${record.id}`,
    source: manifest.name,
    title: record.title ?? record.questions[0] ?? shorten(record.answer),
    stage: manifest.stage,
    intents: [],
    questions: record.questions,
    version: manifest.version,
    effectiveDate: manifest.importedAt.slice(0, 10),
    disclosures: [],
    body: record.answer,
    sourcePath: `${entriesPath}:${record.line}`,
  };
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  const chars = [...flat];
  return chars.length <= TITLE_CHARS ? flat : `${chars.slice(0, TITLE_CHARS).join('')}…`;
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
