import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { KnowledgeException } from '../knowledge.exception';
import { ProblemList } from './problem.list';

/**
 * Resolves a knowledge folder and a problem list labelled with its name.
 * @throws KnowledgeException NOT_LOADED when `dir` is not a folder.
 */
export async function openKnowledgeFolder(dir: string): Promise<{ root: string; problems: ProblemList }> {
  const root = resolve(dir);
  const isFolder = await stat(root).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isFolder) throw new KnowledgeException('KNOWLEDGE.NOT_LOADED', `Knowledge folder not found: ${root}`);
  return { root, problems: new ProblemList(basename(root)) };
}
