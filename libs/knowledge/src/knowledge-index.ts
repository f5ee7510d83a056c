import { VectorIndex } from './embedding/vector.index';
import type { RetrievalHit, Script } from './knowledge.types';
import { type Bm25Match, Bm25Index } from './retrieval/bm25.index';
import type { Analyzer } from './retrieval/chinese-analyzer';
import { confidenceOf } from './retrieval/confidence.scorer';

export interface SearchOptions {
  /** How many hits at most (default 5). */
  k?: number;
  /** The query's embedding: with one, and vectors in the index, the search is hybrid. */
  queryVector?: Float32Array;
}

export interface HybridOptions {
  /** Share of vector similarity in the fused score and confidence, 0..1. */
  vectorWeight: number;
}

/**
 * Cosine similarities are mapped to 0..1 linearly between these: below FLOOR a vector match says
 * nothing, from FULL on it is as sure as a vector match gets. Typical of current multilingual
 * embedding models on short Chinese questions; tune with `kb search` if a model differs.
 */
export const VECTOR_FLOOR = 0.3;
export const VECTOR_FULL = 0.85;
const CANDIDATES = 30;

/**
 * Retrieval over a fixed list of scripts (the knowledge base, or a temporary source under
 * evaluation): BM25F over the Chinese analyzer, fused with vector similarity when vectors are
 * attached and the query comes with its embedding. Immutable: new content builds a new index.
 */
export class KnowledgeIndex {
  private constructor(
    readonly scripts: readonly Script[],
    private readonly bm25: Bm25Index,
    private readonly vectors: VectorIndex | null,
    private readonly hybrid: HybridOptions,
  ) {}

  static build(scripts: readonly Script[], analyzer: Analyzer): KnowledgeIndex {
    return new KnowledgeIndex(scripts, Bm25Index.build(scripts, analyzer), null, { vectorWeight: 0 });
  }

  /** The same lexical index with vectors attached (`vectors[i]` for scripts[i], undefined when missing). */
  withVectors(vectors: readonly (Float32Array | undefined)[], hybrid: HybridOptions): KnowledgeIndex {
    return new KnowledgeIndex(this.scripts, this.bm25, VectorIndex.build(vectors), hybrid);
  }

  get size(): number {
    return this.scripts.length;
  }

  get hasVectors(): boolean {
    return this.vectors !== null && this.vectors.dimensions > 0;
  }

  /** Best first. Confidence is calibrated against the runner-up, so it is computed over at least two hits. */
  search(query: string, options: SearchOptions = {}): RetrievalHit[] {
    const k = options.k ?? 5;
    if (k <= 0) return [];
    if (options.queryVector && this.vectors && this.hybrid.vectorWeight > 0)
      return this.searchHybrid(query, options.queryVector, this.vectors, k);
    const matches = this.bm25.search(query, Math.max(k, 2));
    return matches.slice(0, k).map((match, i) => {
      const bestOther = i === 0 ? (matches[1]?.score ?? 0) : matches[0].score;
      return this.hit(match.doc, match.score, confidenceOf(match.coverage, match.score, bestOther), match);
    });
  }

  /**
   * Candidates from both sides; fused score = (1 − w)·(BM25 / best BM25) + w·cosine, and
   * confidence = (1 − w)·lexical confidence + w·vector confidence, so a text no script shares a
   * word with can still be answered when its meaning is close, and vice versa.
   */
  private searchHybrid(
    query: string,
    queryVector: Float32Array,
    vectors: VectorIndex,
    k: number,
  ): RetrievalHit[] {
    const w = this.hybrid.vectorWeight;
    const lexical = this.bm25.search(query, Math.max(k, CANDIDATES));
    const byDoc = new Map<number, { match?: Bm25Match; lexicalConfidence: number }>();
    lexical.forEach((match, i) => {
      const bestOther = i === 0 ? (lexical[1]?.score ?? 0) : lexical[0].score;
      byDoc.set(match.doc, {
        match,
        lexicalConfidence: confidenceOf(match.coverage, match.score, bestOther),
      });
    });
    for (const { doc } of vectors.search(queryVector, Math.max(k, CANDIDATES)))
      if (!byDoc.has(doc)) byDoc.set(doc, { lexicalConfidence: 0 });
    const bestLexical = lexical[0]?.score ?? 0;
    const fused = [...byDoc].map(([doc, { match, lexicalConfidence }]) => {
      const similarity = vectors.similarity(queryVector, doc) ?? 0;
      const lexicalShare = match && bestLexical > 0 ? match.score / bestLexical : 0;
      const vectorConfidence = clamp01((similarity - VECTOR_FLOOR) / (VECTOR_FULL - VECTOR_FLOOR));
      return {
        doc,
        match,
        score: (1 - w) * lexicalShare + w * Math.max(0, similarity),
        confidence: (1 - w) * lexicalConfidence + w * vectorConfidence,
      };
    });
    fused.sort((a, b) => b.score - a.score || a.doc - b.doc);
    return fused.slice(0, k).map((f) => this.hit(f.doc, f.score, f.confidence, f.match));
  }

  private hit(doc: number, score: number, confidence: number, match: Bm25Match | undefined): RetrievalHit {
    const script = this.scripts[doc];
    const question = match?.matchedQuestion ?? -1;
    return { script, score, confidence, matchedQuestion: question >= 0 ? script.questions[question] : null };
  }
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
