/**
 * Exact cosine similarity over unit-normalized vectors held in one Float32Array. Brute force is
 * fine at knowledge-base sizes (10,000 × 1,024 dims ≈ 10 M multiply-adds per query).
 */
export class VectorIndex {
  private constructor(
    private readonly matrix: Float32Array,
    private readonly present: Uint8Array,
    readonly dimensions: number,
  ) {}

  /** `vectors[i]` belongs to document i; undefined: that document has no vector (not embedded yet). */
  static build(vectors: readonly (Float32Array | undefined)[]): VectorIndex {
    const dimensions = vectors.find((v) => v !== undefined)?.length ?? 0;
    const matrix = new Float32Array(vectors.length * dimensions);
    const present = new Uint8Array(vectors.length);
    vectors.forEach((vector, doc) => {
      if (!vector || vector.length !== dimensions) return;
      const unit = normalize(vector);
      if (!unit) return;
      matrix.set(unit, doc * dimensions);
      present[doc] = 1;
    });
    return new VectorIndex(matrix, present, dimensions);
  }

  /** Cosine similarity of the query with document `doc`; null when either has no vector. */
  similarity(query: Float32Array, doc: number): number | null {
    if (!this.present[doc] || query.length !== this.dimensions) return null;
    const unit = normalize(query);
    return unit ? this.dot(unit, doc) : null;
  }

  /** The `limit` most similar documents, best first. A query of another size matches nothing. */
  search(query: Float32Array, limit: number): { doc: number; similarity: number }[] {
    const unit = query.length === this.dimensions ? normalize(query) : null;
    if (!unit || limit <= 0) return [];
    const top: { doc: number; similarity: number }[] = [];
    for (let doc = 0; doc < this.present.length; doc++) {
      if (!this.present[doc]) continue;
      const similarity = this.dot(unit, doc);
      if (top.length === limit && similarity <= top[limit - 1].similarity) continue;
      let at = top.length === limit ? limit - 1 : top.length;
      while (at > 0 && top[at - 1].similarity < similarity) {
        top[at] = top[at - 1];
        at--;
      }
      top[at] = { doc, similarity };
    }
    return top;
  }

  private dot(unit: Float32Array, doc: number): number {
    const offset = doc * this.dimensions;
    let sum = 0;
    for (let i = 0; i < this.dimensions; i++) sum += unit[i] * this.matrix[offset + i];
    return sum;
  }
}

function normalize(vector: Float32Array): Float32Array | null {
  let norm = 0;
  for (const x of vector) norm += x * x;
  if (!(norm > 0) || !Number.isFinite(norm)) return null;
  const scale = 1 / Math.sqrt(norm);
  return Float32Array.from(vector, (x) => x * scale);
}
