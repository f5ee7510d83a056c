import { join } from 'node:path';
import { Rulebook } from '@anxin/knowledge';

/** The repository's knowledge folder: the specs score against the real standard and lexicons. */
export const REAL_KNOWLEDGE = join(__dirname, '..', '..', '..', '..', '..', 'knowledge');

let loading: Promise<Rulebook> | undefined;

/** The real rulebook, loaded once per spec file. */
export function realRulebook(): Promise<Rulebook> {
  loading ??= Rulebook.load(REAL_KNOWLEDGE);
  return loading;
}
