import { Bm25Index, DEFAULT_BM25_OPTIONS, type IndexedDocument } from './bm25.index';
import type { Analyzer, Token } from './chinese-analyzer';

/** Space-separated words; a leading "#" marks a domain word. Keeps these tests independent of jieba. */
const spaces: Analyzer = {
  analyze: (text: string): Token[] =>
    text
      .split(/\s+/)
      .filter(Boolean)
      .map((w) => (w.startsWith('#') ? { term: w.slice(1), kind: 'domain' } : { term: w, kind: 'word' })),
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
});
