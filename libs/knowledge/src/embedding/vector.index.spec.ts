import { VectorIndex } from './vector.index';

const v = (...xs: number[]): Float32Array => Float32Array.from(xs);

describe(VectorIndex.name, () => {
  const sut = VectorIndex.build([v(1, 0, 0), v(0, 2, 0), undefined, v(1, 1, 0), v(0, 0, 0)]);

  it('ranks by cosine similarity, ignoring length, skipping documents without a usable vector', () => {
    const hits = sut.search(v(3, 0.1, 0), 10);

    expect(hits.map((h) => h.doc)).toEqual([0, 3, 1]);
    expect(hits[0].similarity).toBeCloseTo(0.9994, 3);
    expect(hits[1].similarity).toBeCloseTo(Math.SQRT1_2, 1);
  });

  it('keeps only the limit, best first', () => {
    expect(sut.search(v(0, 1, 0), 1)).toEqual([{ doc: 1, similarity: expect.closeTo(1, 5) as number }]);
    expect(sut.search(v(0, 1, 0), 0)).toEqual([]);
  });

  it('matches nothing for a query of another size or a zero query', () => {
    expect(sut.search(v(1, 0), 5)).toEqual([]);
    expect(sut.search(v(0, 0, 0), 5)).toEqual([]);
    expect(sut.similarity(v(1, 0), 0)).toBeNull();
    expect(sut.similarity(v(1, 0, 0), 2)).toBeNull();
  });
});
