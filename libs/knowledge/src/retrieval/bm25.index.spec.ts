import { Bm25Index, DEFAULT_BM25_OPTIONS, type IndexedDocument } from './bm25.index';
import type { Analyzer, Token } from './chinese-analyzer';

/**
 * Space-separated words, each its own concept; a leading "#" marks a domain word, a leading "?" a
 * question word (no concept). Keeps these tests independent of jieba.
 */
const spaces: Analyzer = {
  analyze: (text: string): Token[] =>
    text
      .split(/\s+/)
      .filter(Boolean)
      .map((w, concept): Token => {
        if (w.startsWith('#')) return { term: w.slice(1), kind: 'domain', concept };
        if (w.startsWith('?')) return { term: w.slice(1), kind: 'question' };
        return { term: w, kind: 'word', concept };
      }),
};

const doc = (title: string, questions: string[], body: string): IndexedDocument => ({
  title,
  questions,
  body,
});

const DOCS = [
  doc(
    'motor claim documents',
    ['what documents for motor claim', 'car crash claim papers'],
    'bring licence and photos',
  ),
  doc('claim progress', ['where is my claim', 'claim status'], 'check the app for claim status'),
  doc(
    'waiting period',
    ['how long is the waiting period'],
    'ninety days waiting period; documents not needed',
  ),
  doc('greeting', ['hello'], 'hello how can I help'),
];

describe(Bm25Index.name, () => {
  const sut = Bm25Index.build(DOCS, spaces);

  it('ranks best first and names the sample question that matched', () => {
    const [best, ...rest] = sut.search('motor claim documents', 3);

    expect(best).toMatchObject({ doc: 0, matchedQuestion: 0, coverage: 1 });
    expect(rest.map((m) => m.doc)).toEqual([1, 2]);
    expect(rest[0].score).toBeLessThan(best.score);
  });

  it('weights a sample question above the same word in a body', () => {
    const [best, next] = sut.search('documents', 2);

    expect([best.doc, next.doc]).toEqual([0, 2]);
    expect(next.score).toBeLessThan(best.score / 2);
  });

  it('has no matched question when only title or body matched', () => {
    expect(sut.search('ninety', 1)[0]).toMatchObject({ doc: 2, matchedQuestion: -1 });
  });

  it('measures coverage: unknown query words count against it, body-only words count part', () => {
    const [partial] = sut.search('hello zebra', 1);
    const [bodyOnly] = sut.search('licence', 1);

    expect(partial.doc).toBe(3);
    expect(partial.coverage).toBeGreaterThan(0.2);
    expect(partial.coverage).toBeLessThan(0.8);
    expect(bodyOnly.coverage).toBeCloseTo(DEFAULT_BM25_OPTIONS.bodyOnlyCredit);
  });

  it('weights domain words above plain words', () => {
    const plain = sut.search('claim', 1)[0].score;
    const domain = sut.search('#claim', 1)[0].score;

    expect(domain / plain).toBeCloseTo(
      DEFAULT_BM25_OPTIONS.kindWeights.domain / DEFAULT_BM25_OPTIONS.kindWeights.word,
    );
  });

  it('returns nothing when no document shares a word, or for a zero limit', () => {
    expect(sut.search('zebra', 5)).toEqual([]);
    expect(sut.search('', 5)).toEqual([]);
    expect(sut.search('claim', 0)).toEqual([]);
  });

  it('breaks score ties by document order and does not leak state between searches', () => {
    const twins = Bm25Index.build([doc('a', ['x'], 'y'), doc('b', ['x'], 'y')], spaces);

    expect(twins.search('x', 2).map((m) => m.doc)).toEqual([0, 1]);
    expect(twins.search('x', 2)).toEqual(twins.search('x', 2));
  });

  describe('concepts', () => {
    /** "name:piece piece" marks a word with its pieces (bigrams), one concept per word. */
    const pieces: Analyzer = {
      analyze: (text: string): Token[] =>
        text
          .split(/\s+/)
          .filter(Boolean)
          .flatMap((group, concept) => {
            const [word, rest = ''] = group.split(':');
            return [
              { term: word, kind: 'word' as const, concept },
              ...rest
                .split(',')
                .filter(Boolean)
                .map((term) => ({ term, kind: 'bigram' as const, concept })),
            ];
          }),
    };
    const body = (text: string): IndexedDocument => doc('', [], text);
    const filler = Array.from({ length: 8 }, (_, i) => body(`filler${i} words`));

    it('narrows the lead of a long rare name over the intent words by concept coverage', () => {
      const docs = [body('longname:lo,on,ng longname:lo,on,ng other'), body('beneficiary change'), ...filler];
      const query = 'longname:lo,on,ng beneficiary change';
      const lead = (index: Bm25Index): number => {
        const [name, intent] = index.search(query, 2);
        return name.score / intent.score;
      };

      const sut = Bm25Index.build(docs, pieces);
      const plain = Bm25Index.build(docs, pieces, { ...DEFAULT_BM25_OPTIONS, coverageMix: 0 });

      expect(sut.search(query, 2).map((m) => m.doc)).toEqual([0, 1]);
      expect(lead(sut)).toBeLessThan(lead(plain) * 0.9);
    });

    it('counts a concept as fully covered by its word, partly by some of its pieces', () => {
      // No idf floor for pieces: in ten documents every piece is common.
      const sut = Bm25Index.build([body('alpha:al,lp,ph'), body('other:al'), ...filler], pieces, {
        ...DEFAULT_BM25_OPTIONS,
        minPieceIdf: 0,
      });

      const [whole, part] = sut.search('alpha:al,lp,ph', 2);

      // Body-only matches earn DEFAULT_BM25_OPTIONS.bodyOnlyCredit (0.5) of full coverage.
      expect(whole).toMatchObject({ doc: 0, coverage: DEFAULT_BM25_OPTIONS.bodyOnlyCredit });
      expect(part.doc).toBe(1);
      expect(part.coverage).toBeGreaterThan(0);
      expect(part.coverage).toBeLessThan(whole.coverage / 2);
    });

    it('scales the score by coverage only as much as coverageMix says', () => {
      const docs = [doc('', ['a b'], ''), doc('', ['a'], ''), ...filler];
      const plain = Bm25Index.build(docs, spaces, { ...DEFAULT_BM25_OPTIONS, coverageMix: 0 });
      const mixed = Bm25Index.build(docs, spaces, { ...DEFAULT_BM25_OPTIONS, coverageMix: 1 });

      const half = (index: Bm25Index): number => index.search('a b', 2)[1].score;

      expect(half(mixed)).toBeLessThan(half(plain));
      expect(mixed.search('a b', 1)[0].score).toBeCloseTo(plain.search('a b', 1)[0].score);
    });
  });

  describe('answer openings', () => {
    const words = (prefix: string, n: number): string =>
      Array.from({ length: n }, (_, i) => `${prefix}${i}`).join(' ');
    const docs = [
      doc('', [], `${words('a', 60)} premium`),
      doc('', [], `premium ${words('b', 60)}`),
      ...Array.from({ length: 8 }, (_, i) => doc('', [], `filler${i}`)),
    ];

    it('weighs a body word near the opening above the same word further on', () => {
      const sut = Bm25Index.build(docs, spaces);

      const [first, second] = sut.search('premium', 2);

      expect([first.doc, second.doc]).toEqual([1, 0]);
      expect(second.score).toBeLessThan(first.score * 0.9);
    });

    it('weighs every body position alike with leadBoost 0', () => {
      const sut = Bm25Index.build(docs, spaces, { ...DEFAULT_BM25_OPTIONS, leadBoost: 0 });

      const [first, second] = sut.search('premium', 2);

      expect(second.score).toBeCloseTo(first.score);
    });
  });

  describe('question words', () => {
    const docs = [
      doc('', [], 'premium cost howmuch'),
      doc('', [], 'premium cost other'),
      ...Array.from({ length: 8 }, (_, i) => doc('', [], `filler${i}`)),
    ];

    it('rank a document restating the question but leave coverage to the topic words', () => {
      const sut = Bm25Index.build(docs, spaces);

      const [restating, other] = sut.search('premium cost ?howmuch', 2);

      expect([restating.doc, other.doc]).toEqual([0, 1]);
      expect(restating.score).toBeGreaterThan(other.score);
      expect(restating.coverage).toBeCloseTo(other.coverage);
    });

    it('are skipped below minPieceIdf, like pieces', () => {
      const common = [doc('', [], 'premium howmuch'), doc('', [], 'other howmuch'), doc('', [], 'premium')];
      const sut = Bm25Index.build(common, spaces, { ...DEFAULT_BM25_OPTIONS, minPieceIdf: 10 });

      expect(sut.search('?howmuch', 3)).toEqual([]);
      expect(sut.search('premium ?howmuch', 3).map((m) => m.doc)).not.toContain(1);
    });
  });

  it('re-ranks by the single sample question holding most of the query', () => {
    const docs = [
      doc('', ['motor', 'claim', 'papers'], ''),
      doc('', ['motor claim papers'], ''),
      doc('', ['unrelated'], ''),
    ];
    const without = Bm25Index.build(docs, spaces, { ...DEFAULT_BM25_OPTIONS, questionBoost: 0 });
    const sut = Bm25Index.build(docs, spaces);

    const [best, next] = sut.search('motor claim papers', 2);

    expect(best).toMatchObject({ doc: 1, matchedQuestion: 0 });
    expect(next.doc).toBe(0);
    expect(best.score / next.score).toBeGreaterThan(
      without.search('motor claim papers', 2)[0].score / without.search('motor claim papers', 2)[1].score,
    );
  });
});
