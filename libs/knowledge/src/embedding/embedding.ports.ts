/** Turns texts into vectors (an OpenAI-compatible /embeddings endpoint, or a test double). */
export abstract class EmbeddingProvider {
  /** Model name; stored embeddings are keyed by it. */
  abstract readonly model: string;
  /** One vector per text, in order. Throws on failure; callers fall back to lexical retrieval. */
  abstract embed(texts: readonly string[]): Promise<Float32Array[]>;
}

/** Keeps script embeddings so unchanged scripts are never embedded twice. */
export abstract class EmbeddingStore {
  /** Stored vectors of `model` by content hash; hashes not stored are absent from the map. */
  abstract find(model: string, hashes: readonly string[]): Promise<Map<string, Float32Array>>;
  abstract save(model: string, entries: readonly { hash: string; vector: Float32Array }[]): Promise<void>;
}
