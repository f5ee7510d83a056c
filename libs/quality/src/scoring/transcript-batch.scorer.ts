import type { QualityEngine } from '../engine/quality.engine';
import type { QaResult, QaTranscript } from '../engine/quality.types';
import { validateTranscript } from '../engine/transcript.schema';

/** One transcript of a batch: its result, or why it was refused. */
export type ImportOutcome =
  | {
      readonly index: number;
      readonly id: string;
      readonly transcript: QaTranscript;
      readonly result: QaResult;
    }
  | {
      readonly index: number;
      readonly id: string | null;
      readonly error: { readonly code: 'QA.INVALID_TRANSCRIPT'; readonly problems: readonly string[] };
    };

/**
 * Validates and scores each transcript of a batch on its own (import API, CLI): a malformed one
 * gets its problems, the others their results.
 */
export async function scoreBatch(
  engine: QualityEngine,
  inputs: readonly unknown[],
): Promise<ImportOutcome[]> {
  const outcomes: ImportOutcome[] = [];
  for (const [index, input] of inputs.entries()) {
    const validation = validateTranscript(input);
    if (validation.ok) {
      const { transcript } = validation;
      outcomes.push({ index, id: transcript.id, transcript, result: await engine.score(transcript) });
    } else
      outcomes.push({
        index,
        id: idOf(input),
        error: { code: 'QA.INVALID_TRANSCRIPT', problems: validation.problems },
      });
  }
  return outcomes;
}

function idOf(input: unknown): string | null {
  if (typeof input !== 'object' || input === null) return null;
  const id = (input as { id?: unknown }).id;
  return typeof id === 'string' ? id.slice(0, 128) : null;
}
