export const STAGES = [
  'presale',
  'insale',
  'aftersale',
  'claims',
  'renewal',
  'complaint',
  'general',
] as const;

/** Customer-journey stage a script belongs to; also its folder under knowledge/scripts/. */
export type Stage = (typeof STAGES)[number];

/** Source name of the approved 话术库 in knowledge/scripts/; imported FAQ pools have their own names. */
export const SCRIPTS_SOURCE = 'scripts';

/**
 * One approved script (话术): the answer the bot may give, with what it answers. Entries of an
 * imported FAQ source are scripts too, with ids "<source>:<entry id>".
 */
export interface Script {
  id: string;
  /** "scripts" for knowledge/scripts/, otherwise the imported source's name. */
  source: string;
  title: string;
  stage: Stage;
  intents: string[];
  /** Sample customer phrasings. */
  questions: string[];
  version: number;
  /** YYYY-MM-DD */
  effectiveDate: string;
  /** Disclosures the answer must carry (e.g. 等待期, 犹豫期). */
  disclosures: string[];
  /** The approved answer text. */
  body: string;
  /** Relative to the knowledge dir, e.g. scripts/claims/claims-motor-documents.md or sources/faq/entries.jsonl:12 */
  sourcePath: string;
}

export interface RetrievalHit {
  script: Script;
  /** Raw BM25F score; only comparable within one query. */
  score: number;
  /** Calibrated 0..1; see retrieval/confidence.scorer.ts. */
  confidence: number;
  /** The sample question sharing most query terms, or null when none shares any. */
  matchedQuestion: string | null;
}
