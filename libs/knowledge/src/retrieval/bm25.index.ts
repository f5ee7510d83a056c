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
  /** Coverage credit of a concept the document has only in its body (title or questions: 1). */
  bodyOnlyCredit: number;
  /** Query-side weight per token kind: domain words carry the topic, bigrams and chars add recall. */
  kindWeights: Record<TokenKind, number>;
  /**
   * Share of the ranking score that depends on concept coverage:
   * score = bm25 × (1 − coverageMix + coverageMix × coverage). 0 is plain BM25F.
   */
  coverageMix: number;
  /**
   * Re-ranking of the best few: score × (1 + questionBoost × share of the query's weight found in
   * the single best-matching sample question). 0 switches it off; no effect without questions.
   */
  questionBoost: number;
  /** Query bigrams, characters and question words below this idf are skipped (speed; they barely rank). */
  minPieceIdf: number;
  /**
   * Body occurrences near the opening count more, an answer's first sentences usually restating
   * what it answers: an occurrence at word position p weighs 1 + leadBoost·exp(−p / leadWords).
   * Length normalization still counts plain occurrences. 0 switches it off.
   */
  leadBoost: number;
  leadWords: number;
}

/** How many of the best documents the sample-question re-ranking looks at. */
const RERANK_DEPTH = 20;

/**
 * Tuned on two things at once: paraphrases against knowledge/ (sample questions match best,
 * bodies are long and full of boilerplate) and long free-text answers indexed as body only.
 */
export const DEFAULT_BM25_OPTIONS: Bm25Options = {
  // Body-only documents saturate fast (effective k1 = k1 / body weight = 0.8): repeating a word
  // in a long answer adds little. A sample question counts 5× a body occurrence before saturation.
  k1: 0.8,
  b: 0.75,
  fieldWeights: { title: 3.75, questions: 5.0, body: 1.0 },
  bodyOnlyCredit: 0.5,
  kindWeights: { domain: 2.0, word: 1.0, synonym: 2.0, bigram: 1.0, char: 0.6, question: 1.0 },
  coverageMix: 0.5,
  questionBoost: 2,
  minPieceIdf: 1.5,
  leadBoost: 1,
  leadWords: 50,
};

export interface Bm25Match {
  /** Position of the document in the list given to build(). */
  doc: number;
  /** Ranking score: BM25F scaled by coverage (see Bm25Options.coverageMix). */
  score: number;
  /**
   * idf-weighted share of the query's concepts (a kept word with its bigrams and characters) the
   * document contains, a concept only in the body counting part, 0..1.
   */
  coverage: number;
  /** Index of the sample question sharing the most query weight, -1 when none shares any. */
  matchedQuestion: number;
}

interface Posting {
  idf: number;
  docs: Int32Array;
  /** idf × saturated field-weighted term frequency, precomputed per document. */
  impacts: Float64Array;
  /** Coverage credit per document: 1, or bodyOnlyCredit when only the body has the term. */
  credits: Float64Array;
}

interface QueryTerm {
  key: string;
  weight: number;
  posting: Posting | undefined;
  /**
   * How much of its concept the term stands for: 1 for the word and its synonym group; a bigram or
   * character its weight·idf share of all the concept's bigrams and characters.
   */
  share: number;
}

/** A kept query word with its bigrams and characters; counts once for coverage. */
interface QueryConcept {
  terms: QueryTerm[];
  /** Its share of the query: idf of the word, or of its pieces when no document has the word. */
  weight: number;
}

type Counts = Map<string, number>;

/**
 * BM25F over title, each sample question and body: per term and document,
 *   tf' = Σ_field weight·tf/(1 − b + b·len/avgLen)   (questions: the best single question)
 *   impact = idf · tf'·(k1 + 1)/(k1 + tf')
 * is computed once at build time into an inverted index, so a query only walks the postings of
 * its own terms. Terms are words, Han bigrams and Han characters (keyed apart), so segmentation
 * differences still match. The query is grouped into concepts (a word with its bigrams and
 * characters); the score Σ queryWeight·impact is scaled by the idf-weighted share of concepts
 * the document covers, so a document matching every intent word beats one that only repeats a
 * long, rare name many n-grams long.
 */
export class Bm25Index {
  private readonly scores: Float64Array;
  private readonly covered: Float64Array;
  /** Per document, while walking one concept: best credit of the word or its synonym group. */
  private readonly whole: Float64Array;
  /** Per document, while walking one concept: credited share of the concept's bigrams and characters. */
  private readonly parts: Float64Array;

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
    this.whole = new Float64Array(size);
    this.parts = new Float64Array(size);
  }

  static build(
    docs: readonly IndexedDocument[],
    analyzer: Analyzer,
    options: Bm25Options = DEFAULT_BM25_OPTIONS,
  ): Bm25Index {
    const fields = docs.map((doc) => ({
      title: countTerms(analyzer.analyze(doc.title)),
      questions: doc.questions.map((q) => countTerms(analyzer.analyze(q))),
      body: analyzeBody(doc.body, analyzer, options),
    }));
    const avgTitle = average(fields.map((f) => length(f.title)));
    const avgQuestion = average(fields.flatMap((f) => f.questions.map(length)));
    const avgBody = average(fields.map((f) => f.body.length));
    const { k1, b, fieldWeights: w } = options;
    const norm = (len: number, avg: number): number => 1 - b + (b * len) / (avg || 1);

    const perTerm = new Map<string, { docs: number[]; tfs: number[]; inBodyOnly: boolean[] }>();
    fields.forEach((f, doc) => {
      const titleNorm = norm(length(f.title), avgTitle);
      const bodyNorm = norm(f.body.length, avgBody);
      const questionNorms = f.questions.map((q) => norm(length(q), avgQuestion));
      const terms = new Set([...f.title.keys(), ...f.body.counts.keys()]);
      for (const q of f.questions) for (const term of q.keys()) terms.add(term);
      for (const term of terms) {
        let bestQuestion = 0;
        f.questions.forEach((q, i) => {
          bestQuestion = Math.max(bestQuestion, (q.get(term) ?? 0) / questionNorms[i]);
        });
        const tf =
          (w.title * (f.title.get(term) ?? 0)) / titleNorm +
          w.questions * bestQuestion +
          (w.body * (f.body.counts.get(term) ?? 0)) / bodyNorm;
        let entry = perTerm.get(term);
        if (!entry) perTerm.set(term, (entry = { docs: [], tfs: [], inBodyOnly: [] }));
        entry.docs.push(doc);
        entry.tfs.push(tf);
        entry.inBodyOnly.push(bestQuestion === 0 && !f.title.has(term));
      }
    });

    const idf = (df: number): number => Math.log(1 + (docs.length - df + 0.5) / (df + 0.5));
    const postings = new Map<string, Posting>();
    for (const [term, { docs: ids, tfs, inBodyOnly }] of perTerm) {
      const termIdf = idf(ids.length);
      const impacts = Float64Array.from(tfs, (tf) => (termIdf * tf * (k1 + 1)) / (k1 + tf));
      const credits = Float64Array.from(inBodyOnly, (bodyOnly) => (bodyOnly ? options.bodyOnlyCredit : 1));
      postings.set(term, { idf: termIdf, docs: Int32Array.from(ids), impacts, credits });
    }
    const questionTerms = fields.map((f) => f.questions.map((q) => new Set(q.keys())));
    return new Bm25Index(analyzer, options, postings, questionTerms, idf(1));
  }

  /** Best first (ties: earlier document first); only documents sharing a term with the query. */
  search(query: string, limit: number): Bm25Match[] {
    const { concepts, bridges } = this.queryConcepts(query);
    const { scores, covered } = this;
    const size = scores.length;
    // No list of touched documents is kept while walking (a query touches a good share of them):
    // a concept's credits are folded by walking its postings once more, and one sweep over the
    // score array finds the candidates.
    let total = 0;
    for (const concept of concepts) {
      total += concept.weight;
      if (concept.terms.length === 1) {
        this.walkAlone(concept.terms[0], concept.weight);
        continue;
      }
      for (const term of concept.terms) this.walk(term, true);
      for (const term of concept.terms) this.fold(term, concept.weight);
    }
    for (const term of bridges) this.walk(term, false);

    const mix = this.options.coverageMix;
    const candidates: number[] = [];
    for (let doc = 0; doc < size; doc++) {
      if (scores[doc] <= 0) continue;
      const coverage = total > 0 ? Math.min(1, covered[doc] / total) : 0;
      covered[doc] = coverage;
      scores[doc] *= 1 - mix + mix * coverage;
      candidates.push(doc);
    }
    // Re-rank a short list by how much of the query one single sample question holds: BM25F takes
    // each term from its best question, so a script with many questions could collect them all.
    const queryWeight = [...concepts.flatMap((c) => c.terms), ...bridges].reduce(
      (a, t) => a + t.weight * (t.posting?.idf ?? this.unknownIdf),
      0,
    );
    const top = this.topDocs(candidates, limit > 0 ? Math.max(limit, RERANK_DEPTH) : 0)
      .map((doc) => {
        const { question, overlap } = this.bestQuestion(doc, concepts, bridges);
        const share = queryWeight > 0 ? overlap / queryWeight : 0;
        const score = scores[doc] * (1 + this.options.questionBoost * share);
        return { doc, score, coverage: covered[doc], matchedQuestion: question };
      })
      .sort((x, y) => y.score - x.score || x.doc - y.doc)
      .slice(0, limit);
    scores.fill(0);
    covered.fill(0);
    return top;
  }

  /** Adds the term's impacts to the scores and, for a term of a concept, its coverage credit. */
  private walk(term: QueryTerm, inConcept: boolean): void {
    const posting = term.posting;
    if (!posting) return;
    const { docs, impacts, credits } = posting;
    const { scores, whole, parts } = this;
    const { weight, share } = term;
    const n = docs.length;
    if (!inConcept) {
      for (let j = 0; j < n; j++) scores[docs[j]] += weight * impacts[j];
    } else if (share === 1) {
      for (let j = 0; j < n; j++) {
        const doc = docs[j];
        scores[doc] += weight * impacts[j];
        if (credits[j] > whole[doc]) whole[doc] = credits[j];
      }
    } else {
      for (let j = 0; j < n; j++) {
        const doc = docs[j];
        scores[doc] += weight * impacts[j];
        parts[doc] += share * credits[j];
      }
    }
  }

  /** walk() and fold() in one pass, for a concept of one term (its credit is its coverage). */
  private walkAlone(term: QueryTerm, conceptWeight: number): void {
    const posting = term.posting;
    if (!posting) return;
    const { docs, impacts, credits } = posting;
    const { scores, covered } = this;
    const weight = term.weight;
    const share = Math.min(1, term.share);
    for (let j = 0; j < docs.length; j++) {
      const doc = docs[j];
      scores[doc] += weight * impacts[j];
      covered[doc] += conceptWeight * share * credits[j];
    }
  }

  /** Moves the concept credit collected by walk() into coverage, once per document, and clears it. */
  private fold(term: QueryTerm, conceptWeight: number): void {
    const docs = term.posting?.docs;
    if (!docs) return;
    const { covered, whole, parts } = this;
    for (let j = 0; j < docs.length; j++) {
      const doc = docs[j];
      const credit = whole[doc] > parts[doc] ? whole[doc] : parts[doc];
      if (credit === 0) continue;
      covered[doc] += conceptWeight * (credit < 1 ? credit : 1);
      whole[doc] = 0;
      parts[doc] = 0;
    }
  }

  /** The query's distinct terms, grouped into concepts; bigrams bridging two words stand apart. */
  private queryConcepts(query: string): { concepts: QueryConcept[]; bridges: QueryTerm[] } {
    const keys = new Set<string>();
    const grouped: QueryTerm[][] = [];
    const bridges: QueryTerm[] = [];
    for (const token of this.analyzer.analyze(query)) {
      const key = termKey(token);
      if (keys.has(key)) continue;
      keys.add(key);
      const posting = this.postings.get(key);
      // A piece or question word in most documents says little and costs a long posting walk.
      const skippable = isPiece(key) || token.kind === 'question';
      if (posting && skippable && posting.idf < this.options.minPieceIdf) continue;
      const term = {
        key,
        weight: this.options.kindWeights[token.kind],
        posting,
        share: 1,
      };
      if (token.concept === undefined) bridges.push(term);
      else (grouped[token.concept] ??= []).push(term);
    }
    const concepts = grouped
      .filter((terms) => terms !== undefined)
      .map((terms) => {
        const pieces = terms.filter((t) => isPiece(t.key));
        const idf = (t: QueryTerm): number => t.weight * (t.posting?.idf ?? this.unknownIdf);
        const sum = pieces.reduce((a, t) => a + idf(t), 0);
        for (const t of pieces) t.share = sum > 0 ? idf(t) / sum : 0;
        return { terms, weight: this.conceptWeight(terms) };
      });
    return { concepts, bridges };
  }

  /** Query weight × idf of the word; when no document has the word, of its synonym group, else the mean idf of its bigrams (else characters). */
  private conceptWeight(terms: readonly QueryTerm[]): number {
    const word = terms.find((t) => ![BIGRAM, CHAR, SYNONYM].includes(t.key[0]));
    if (word?.posting) return word.weight * word.posting.idf;
    for (const prefix of [SYNONYM, BIGRAM, CHAR]) {
      const parts = terms.filter((t) => t.key.startsWith(prefix));
      if (parts.length > 0) return average(parts.map((t) => t.posting?.idf ?? this.unknownIdf));
    }
    return this.unknownIdf;
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

  private bestQuestion(
    doc: number,
    concepts: readonly QueryConcept[],
    bridges: readonly QueryTerm[],
  ): { question: number; overlap: number } {
    let best = -1;
    let bestOverlap = 0;
    this.questionTerms[doc].forEach((questionTerms, i) => {
      let overlap = 0;
      const add = (term: QueryTerm): void => {
        if (questionTerms.has(term.key)) overlap += term.weight * (term.posting?.idf ?? 0);
      };
      for (const concept of concepts) concept.terms.forEach(add);
      bridges.forEach(add);
      if (overlap > bestOverlap) {
        bestOverlap = overlap;
        best = i;
      }
    });
    return { question: best, overlap: bestOverlap };
  }
}

// "~", "^" and "=" never survive normalization, so bigram, character and synonym keys cannot collide with words.
const BIGRAM = '~';
const CHAR = '^';
const SYNONYM = '=';

/** A bigram or character key: a piece of a word. */
function isPiece(key: string): boolean {
  return key.startsWith(BIGRAM) || key.startsWith(CHAR);
}

function termKey(token: Token): string {
  if (token.kind === 'synonym') return SYNONYM + token.term;
  if (token.kind === 'bigram') return BIGRAM + token.term;
  if (token.kind === 'char') return CHAR + token.term;
  return token.term;
}

/** Body term counts, position-weighted (see Bm25Options.leadBoost), and the plain token count. */
function analyzeBody(
  body: string,
  analyzer: Analyzer,
  options: Pick<Bm25Options, 'leadBoost' | 'leadWords'>,
): { counts: Counts; length: number } {
  const counts: Counts = new Map();
  const tokens = analyzer.analyze(body);
  let position = 0;
  for (const token of tokens) {
    if (token.kind === 'word' || token.kind === 'domain') position++;
    const key = termKey(token);
    const weight = 1 + options.leadBoost * Math.exp(-position / options.leadWords);
    counts.set(key, (counts.get(key) ?? 0) + weight);
  }
  return { counts, length: tokens.length };
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
