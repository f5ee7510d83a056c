import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { KnowledgeException } from '../knowledge.exception';
import type { Stage } from '../knowledge.types';
import { ProblemList } from '../loading/problem.list';
import { readYaml } from '../loading/yaml.reader';
import { type FaqFormat, parseFaqFile } from './faq-file.parser';
import { SOURCES_DIR } from './source.loader';
import {
  SOURCE_ENTRIES_FILE,
  SOURCE_MANIFEST_FILE,
  SOURCE_NAME,
  type SourceManifest,
  sourceManifestSchema,
} from './source.schema';

export interface ImportRequest {
  knowledgeDir: string;
  /** The FAQ export to import. */
  file: string;
  format: FaqFormat;
  /** Source name: kebab-case, becomes knowledge/sources/<name>/ and the id prefix. */
  name: string;
  stage: Stage;
  title?: string;
  /** Replace an existing source of that name (its version goes up by one). */
  replace: boolean;
  now: Date;
}

export interface ImportResult {
  manifest: SourceManifest;
  /** Relative to the knowledge folder. */
  path: string;
}

/**
 * Validates the whole file first; any problem → KnowledgeException listing them all and nothing
 * written. The new source is written to a hidden folder and renamed into place, so a reader (or
 * a crash) never sees half a source.
 */
export async function importFaqSource(request: ImportRequest): Promise<ImportResult> {
  if (!SOURCE_NAME.test(request.name))
    throw KnowledgeException.invalid([`source "${request.name}" must be kebab-case like "legacy-faq"`]);

  const bytes = await readFile(request.file).catch((error: NodeJS.ErrnoException) => {
    throw new KnowledgeException(
      'KNOWLEDGE.NOT_LOADED',
      `Cannot read ${request.file}: ${error.code ?? error.message}`,
    );
  });
  const fileLabel = basename(request.file);
  const problems = new ProblemList(dirname(request.file));
  const records = parseFaqFile(bytes.toString('utf8'), request.format, fileLabel, problems);
  problems.throwIfAny();

  const sourcesDir = join(resolve(request.knowledgeDir), SOURCES_DIR);
  const target = join(sourcesDir, request.name);
  const previous = await readManifest(join(target, SOURCE_MANIFEST_FILE));
  if (previous && !request.replace)
    throw new KnowledgeException(
      'KNOWLEDGE.INVALID_CONTENT',
      `Source "${request.name}" exists (version ${previous.version}); pass --replace to replace it`,
    );

  const manifest: SourceManifest = {
    name: request.name,
    ...(request.title ? { title: request.title } : {}),
    stage: request.stage,
    version: (previous?.version ?? 0) + 1,
    importedAt: request.now.toISOString(),
    origin: {
      file: fileLabel,
      format: request.format,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    },
    entries: records.length,
  };
  const staging = join(sourcesDir, `.${request.name}.importing-${randomUUID()}`);
  await mkdir(staging, { recursive: true });
  try {
    const lines = records.map(({ id, title, questions, answer }) =>
      JSON.stringify({ id, ...(title ? { title } : {}), questions, answer }),
    );
    await writeFile(join(staging, SOURCE_ENTRIES_FILE), `${lines.join('\n')}\n`, 'utf8');
    await writeFile(join(staging, SOURCE_MANIFEST_FILE), stringify(manifest), 'utf8');
    if (previous) {
      const retired = join(sourcesDir, `.${request.name}.replaced-${randomUUID()}`);
      await rename(target, retired);
      await rename(staging, target);
      await rm(retired, { recursive: true, force: true });
    } else {
      await rename(staging, target);
    }
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  return { manifest, path: `${SOURCES_DIR}/${request.name}` };
}

async function readManifest(path: string): Promise<SourceManifest | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = sourceManifestSchema.safeParse(readYaml(text).value);
  if (!parsed.success)
    throw new KnowledgeException(
      'KNOWLEDGE.INVALID_CONTENT',
      `Existing ${path} is invalid; fix or remove it first`,
    );
  return parsed.data;
}
