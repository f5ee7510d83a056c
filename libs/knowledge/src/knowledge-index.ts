import type { RetrievalHit, Script } from './knowledge.types';
import { Bm25Index } from './retrieval/bm25.index';
import type { Analyzer } from './retrieval/chinese-analyzer';
import { confidenceOf } from './retrieval/confidence.scorer';

export interface SearchOptions {
  /** How many hits at most (default 5). */
  k?: number;
}

/**
 * Lexical retrieval over a fixed list of scripts (the knowledge base, or a temporary source under
 * evaluation). Immutable: a change of content builds a new index.
 */
export class KnowledgeIndex {
  private constructor(
    readonly scripts: readonly Script[],
    private readonly bm25: Bm25Index,
  ) {}

  static build(scripts: readonly Script[], analyzer: Analyzer): KnowledgeIndex {
    return new KnowledgeIndex(scripts, Bm25Index.build(scripts, analyzer));
  }

  get size(): number {
    return this.scripts.length;
  }

  /** Best first. Confidence is calibrated against the runner-up, so it is computed over at least two hits. */
  search(query: string, options: SearchOptions = {}): RetrievalHit[] {
    const k = options.k ?? 5;
    if (k <= 0) return [];
    const matches = this.bm25.search(query, Math.max(k, 2));
    return matches.slice(0, k).map((match, i) => {
      const script = this.scripts[match.doc];
      const bestOther = i === 0 ? (matches[1]?.score ?? 0) : matches[0].score;
      return {
        script,
        score: match.score,
        confidence: confidenceOf(match.coverage, match.score, bestOther),
        matchedQuestion: match.matchedQuestion >= 0 ? script.questions[match.matchedQuestion] : null,
      };
    });
  }
}
