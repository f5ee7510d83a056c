import type { Analyzer, Token, TokenKind } from './chinese-analyzer';

export interface IndexedDocument {
  title: string;
  questions: readonly string[];
  body: string;
}

export interface Bm25Options {
  k1: number;
  b: number;
  fieldWeights: { title: number; questions: number; body: number };
  /** Coverage credit of a term the script has only in its body (title or questions: 1). */
  bodyOnlyCredit: number;
  /** Query-side weight per token kind: domain words carry the topic, bigrams only add recall. */
  kindWeights: Record<TokenKind, number>;
}

/** Tuned on paraphrases against knowledge/: sample questions match best; bodies are long and full of boilerplate. */
export const DEFAULT_BM25_OPTIONS: Bm25Options = {
  k1: 1.2,
  b: 0.75,
  fieldWeights: { title: 1.5, questions: 2.0, body: 0.4 },
  bodyOnlyCredit: 0.5,
  kindWeights: { domain: 2.0, word: 1.0, bigram: 0.4 },
};

export interface Bm25Match {
  /** Position of the document in the list given to build(). */
  doc: number;
  score: number;
  /** idf-weighted share of the query's terms that occur in this document (body-only ones count part), 0..1. */
  coverage: number;
  /** Index of the sample question sharing the most query weight, -1 when none shares any. */
  matchedQuestion: number;
}

interface Posting {
  idf: number;
  docs: Int32Array;
  /** idf × saturated field-weighted term frequency, precomputed per document. */
  impacts: Float64Array;
  /** idf × coverage credit per document. */
  credits: Float64Array;
}

type Counts = Map<string, number>;

/**
 * BM25F over title, each sample question and body: per term and document,
 *   tf' = Σ_field weight·tf/(1 − b + b·len/avgLen)   (questions: the best single question)
 *   impact = idf · tf'·(k1 + 1)/(k1 + tf')
 * is computed once at build time into an inverted index, so a query only walks the postings of
 * its own terms. The score is Σ over distinct query terms of queryWeight·impact.
 */
export class Bm25Index {
  private readonly scores: Float64Array;
  private readonly covered: Float64Array;
  private readonly seen: Uint8Array;

  private constructor(
    private readonly analyzer: Analyzer,
    private readonly options: Bm25Options,
    private readonly postings: ReadonlyMap<string, Posting>,
    private readonly questionTerms: readonly (readonly ReadonlySet<string>[])[],
    /** idf given to a query term no document contains (as if one did), so it counts against coverage. */
    private readonly unknownIdf: number,
  ) {
    const size = questionTerms.length;
    this.scores = new Float64Array(size);
    this.covered = new Float64Array(size);
    this.seen = new Uint8Array(size);
  }

  static build(
    docs: readonly IndexedDocument[],
    analyzer: Analyzer,
    options = DEFAULT_BM25_OPTIONS,
  ): Bm25Index {
    const fields = docs.map((doc) => ({
      title: countTerms(analyzer.analyze(doc.title)),
      questions: doc.questions.map((q) => countTerms(analyzer.analyze(q))),
      body: countTerms(analyzer.analyze(doc.body)),
    }));
    const avgTitle = average(fields.map((f) => length(f.title)));
    const avgQuestion = average(fields.flatMap((f) => f.questions.map(length)));
    const avgBody = average(fields.map((f) => length(f.body)));
    const { k1, b, fieldWeights: w } = options;
    const norm = (counts: Counts, avg: number): number => 1 - b + (b * length(counts)) / (avg || 1);

    const perTerm = new Map<string, { docs: number[]; tfs: number[]; inBodyOnly: boolean[] }>();
    fields.forEach((f, doc) => {
      const titleNorm = norm(f.title, avgTitle);
      const bodyNorm = norm(f.body, avgBody);
      const questionNorms = f.questions.map((q) => norm(q, avgQuestion));
      const terms = new Set([
        ...f.title.keys(),
        ...f.body.keys(),
        ...f.questions.flatMap((q) => [...q.keys()]),
      ]);
      for (const term of terms) {
        const bestQuestion = Math.max(0, ...f.questions.map((q, i) => (q.get(term) ?? 0) / questionNorms[i]));
        const tf =
          (w.title * (f.title.get(term) ?? 0)) / titleNorm +
          w.questions * bestQuestion +
          (w.body * (f.body.get(term) ?? 0)) / bodyNorm;
        const entry = perTerm.get(term) ?? { docs: [], tfs: [], inBodyOnly: [] };
        entry.docs.push(doc);
        entry.tfs.push(tf);
        entry.inBodyOnly.push(bestQuestion === 0 && !f.title.has(term));
        perTerm.set(term, entry);
      }
    });

    const idf = (df: number): number => Math.log(1 + (docs.length - df + 0.5) / (df + 0.5));
    const postings = new Map<string, Posting>();
    for (const [term, { docs: ids, tfs, inBodyOnly }] of perTerm) {
      const termIdf = idf(ids.length);
      const impacts = Float64Array.from(tfs, (tf) => (termIdf * tf * (k1 + 1)) / (k1 + tf));
      const credits = Float64Array.from(
        inBodyOnly,
        (bodyOnly) => termIdf * (bodyOnly ? options.bodyOnlyCredit : 1),
      );
      postings.set(term, { idf: termIdf, docs: Int32Array.from(ids), impacts, credits });
    }
    const questionTerms = fields.map((f) => f.questions.map((q) => new Set(q.keys())));
    return new Bm25Index(analyzer, options, postings, questionTerms, idf(1));
  }

  /** Best first (ties: earlier document first); only documents sharing a term with the query. */
  search(query: string, limit: number): Bm25Match[] {
    const terms = this.queryTerms(query);
    const touched: number[] = [];
    let total = 0;
    for (const [term, weight] of terms) {
      const posting = this.postings.get(term);
      total += weight * (posting?.idf ?? this.unknownIdf);
      if (!posting) continue;
      for (let j = 0; j < posting.docs.length; j++) {
        const doc = posting.docs[j];
        if (!this.seen[doc]) {
          this.seen[doc] = 1;
          touched.push(doc);
        }
        this.scores[doc] += weight * posting.impacts[j];
        this.covered[doc] += weight * posting.credits[j];
      }
    }
    const top = this.topDocs(touched, limit).map((doc) => ({
      doc,
      score: this.scores[doc],
      coverage: total > 0 ? Math.min(1, this.covered[doc] / total) : 0,
      matchedQuestion: this.bestQuestion(doc, terms),
    }));
    for (const doc of touched) {
      this.scores[doc] = 0;
      this.covered[doc] = 0;
      this.seen[doc] = 0;
    }
    return top;
  }

  /** Distinct term keys of the query with their query weight (bigrams keyed apart from words). */
  private queryTerms(query: string): Map<string, number> {
    const terms = new Map<string, number>();
    for (const token of this.analyzer.analyze(query)) {
      terms.set(termKey(token), this.options.kindWeights[token.kind]);
    }
    return terms;
  }

  private topDocs(touched: readonly number[], limit: number): number[] {
    const top: number[] = [];
    if (limit <= 0) return top;
    for (const doc of touched) {
      const score = this.scores[doc];
      if (score <= 0) continue;
      if (top.length === limit && !this.ranksBefore(doc, top[top.length - 1])) continue;
      let at = top.length === limit ? limit - 1 : top.length;
      while (at > 0 && this.ranksBefore(doc, top[at - 1])) {
        top[at] = top[at - 1];
        at--;
      }
      top[at] = doc;
    }
    return top;
  }

  private ranksBefore(a: number, b: number): boolean {
    return this.scores[a] > this.scores[b] || (this.scores[a] === this.scores[b] && a < b);
  }

  private bestQuestion(doc: number, terms: ReadonlyMap<string, number>): number {
    let best = -1;
    let bestOverlap = 0;
    this.questionTerms[doc].forEach((questionTerms, i) => {
      let overlap = 0;
      for (const [term, weight] of terms) {
        if (questionTerms.has(term)) overlap += weight * (this.postings.get(term)?.idf ?? 0);
      }
      if (overlap > bestOverlap) {
        bestOverlap = overlap;
        best = i;
      }
    });
    return best;
  }
}

function termKey(token: Token): string {
  // "~" never survives normalization, so bigram keys cannot collide with words.
  return token.kind === 'bigram' ? `~${token.term}` : token.term;
}

function countTerms(tokens: readonly Token[]): Counts {
  const counts: Counts = new Map();
  for (const token of tokens) {
    const key = termKey(token);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function length(counts: Counts): number {
  let sum = 0;
  for (const n of counts.values()) sum += n;
  return sum;
}

function average(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, v) => a + v, 0) / values.length;
}
