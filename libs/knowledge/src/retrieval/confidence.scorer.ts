/**
 * Calibrates a raw BM25F score (unbounded, only comparable within one query) into 0..1 from
 * two things the raw score cannot tell:
 *   coverage: the idf-weighted share of the query the script contains (see Bm25Match.coverage);
 *   margin:   how far the script is ahead of the best other one, (score − other) / score, 0..1.
 *
 *   confidence = min(1, coverage / FULL_COVERAGE) × (MARGIN_FLOOR + (1 − MARGIN_FLOOR) × margin)
 *
 * Off-topic text shares few weighted terms (coverage ≲ 0.4, so ≤ 0.5 even when unique); a vague
 * query ("保险") fits many scripts alike (margin ≈ 0, so ≤ MARGIN_FLOOR < 0.5). A runner-up has
 * no margin by definition, so only the top hit can reach the 0.5 answer threshold. Constants
 * were tuned on paraphrases and off-topic questions against knowledge/ (see the engine spec).
 */
export const FULL_COVERAGE = 0.8;
export const MARGIN_FLOOR = 0.45;

export function confidenceOf(coverage: number, score: number, bestOtherScore: number): number {
  const margin = score > 0 ? clamp01((score - bestOtherScore) / score) : 0;
  return clamp01(Math.min(1, coverage / FULL_COVERAGE) * (MARGIN_FLOOR + (1 - MARGIN_FLOOR) * margin));
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
