import { createHash } from 'node:crypto';
import type { Script } from '../knowledge.types';

const MAX_CHARS = 2000;

/** What is embedded for a script: its title, sample questions and answer, in that order. */
export function embeddingTextOf(script: Script): string {
  const text = [script.title, ...script.questions, script.body].join('\n');
  return [...text].slice(0, MAX_CHARS).join('');
}

/** Key of a stored embedding: the text decides the vector, so the same text is never embedded twice. */
export function contentHashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
