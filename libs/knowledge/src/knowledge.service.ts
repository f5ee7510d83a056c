import { type Clock, type Logger, maskPii } from '@anxin/common';
import { type EmbeddingProvider, type EmbeddingStore } from './embedding/embedding.ports';
import { contentHashOf, embeddingTextOf } from './embedding/embedding-text';
import { KnowledgeBase } from './knowledge-base.engine';
import type { HybridOptions } from './knowledge-index';
import type { RetrievalHit } from './knowledge.types';

export interface KnowledgeServiceOptions {
  dir: string;
  /** Both null: lexical retrieval only. */
  embeddings: { provider: EmbeddingProvider; store: EmbeddingStore; hybrid: HybridOptions } | null;
  logger: Logger;
  clock: Clock;
}

export interface ReloadResult {
  scripts: number;
  embedded: boolean;
}

const BATCH = 64;
/** After a failed query embedding, queries stay lexical this long before the provider is tried again. */
const PROVIDER_PAUSE_MS = 30_000;

/**
 * The knowledge the running system serves: swaps in a reloaded KnowledgeBase atomically (a
 * failed reload keeps the old one), attaches stored or freshly computed script embeddings, and
 * searches hybrid when it can, lexical when it must (provider down, slow or not configured).
 */
export class KnowledgeService {
  private kb: KnowledgeBase;
  private pausedUntil = 0;

  constructor(
    initial: KnowledgeBase,
    private readonly options: KnowledgeServiceOptions,
  ) {
    this.kb = initial;
  }

  get current(): KnowledgeBase {
    return this.kb;
  }

  async search(query: string, k: number): Promise<RetrievalHit[]> {
    const kb = this.kb;
    const embeddings = this.options.embeddings;
    if (!embeddings || !kb.hasVectors || this.options.clock.now().getTime() < this.pausedUntil)
      return kb.search(query, { k });
    try {
      // The provider is outside the process: it never sees customer PII.
      const [queryVector] = await embeddings.provider.embed([maskPii(query)]);
      return kb.search(query, { k, queryVector });
    } catch (error) {
      this.pausedUntil = this.options.clock.now().getTime() + PROVIDER_PAUSE_MS;
      this.options.logger.warn(
        { err: error, pauseMs: PROVIDER_PAUSE_MS },
        'query embedding failed; lexical retrieval only',
      );
      return kb.search(query, { k });
    }
  }

  /** Loads the folder again; invalid content throws and leaves the served knowledge as it was. */
  async reload(): Promise<ReloadResult> {
    const kb = await KnowledgeBase.load(this.options.dir);
    this.kb = kb;
    this.options.logger.info({ scripts: kb.scripts.length }, 'knowledge reloaded');
    const embedded = await this.refreshEmbeddings();
    return { scripts: kb.scripts.length, embedded };
  }

  /**
   * Attaches embeddings to the served knowledge: stored ones are reused, missing ones computed
   * and stored. Returns false (and keeps lexical search) when there is no provider or it fails.
   */
  async refreshEmbeddings(): Promise<boolean> {
    const embeddings = this.options.embeddings;
    if (!embeddings) return false;
    const kb = this.kb;
    const { provider, store, hybrid } = embeddings;
    try {
      const texts = kb.scripts.map(embeddingTextOf);
      const hashes = texts.map(contentHashOf);
      const stored = await store.find(provider.model, [...new Set(hashes)]);
      const missing = [...new Map(hashes.map((hash, i) => [hash, texts[i]])).entries()].filter(
        ([hash]) => !stored.has(hash),
      );
      for (let i = 0; i < missing.length; i += BATCH) {
        const batch = missing.slice(i, i + BATCH);
        const vectors = await provider.embed(batch.map(([, text]) => text));
        const entries = batch.map(([hash], j) => ({ hash, vector: vectors[j] }));
        await store.save(provider.model, entries);
        entries.forEach(({ hash, vector }) => stored.set(hash, vector));
      }
      // Swap only if no reload replaced the knowledge meanwhile.
      if (this.kb === kb)
        this.kb = kb.withVectors(
          hashes.map((hash) => stored.get(hash)),
          hybrid,
        );
      this.options.logger.info(
        { model: provider.model, scripts: hashes.length, computed: missing.length },
        'script embeddings attached',
      );
      return true;
    } catch (error) {
      this.options.logger.warn(
        { err: error, model: provider.model },
        'script embeddings unavailable; lexical retrieval only',
      );
      return false;
    }
  }
}
