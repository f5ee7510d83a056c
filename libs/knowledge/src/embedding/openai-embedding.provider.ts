import type { EmbeddingConfig } from '@anxin/common';
import OpenAI from 'openai';
import { EmbeddingProvider } from './embedding.ports';

/** Any OpenAI-compatible `/embeddings` endpoint (OpenAI, Azure-style gateways, Ollama, vLLM, TEI…). */
export class OpenAiEmbeddingProvider extends EmbeddingProvider {
  readonly model: string;
  private readonly client: OpenAI;

  constructor(private readonly config: EmbeddingConfig) {
    super();
    this.model = config.dimensions ? `${config.model}@${config.dimensions}` : config.model;
    this.client = new OpenAI({
      baseURL: config.baseUrl,
      // The client insists on a key; local servers ignore it.
      apiKey: config.apiKey ?? 'unused',
      timeout: config.timeoutMs,
      maxRetries: 1,
    });
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    const response = await this.client.embeddings.create({
      model: this.config.model,
      input: [...texts],
      encoding_format: 'float',
      ...(this.config.dimensions ? { dimensions: this.config.dimensions } : {}),
    });
    const byIndex = [...response.data].sort((a, b) => a.index - b.index);
    if (byIndex.length !== texts.length)
      throw new Error(`embedding provider returned ${byIndex.length} vectors for ${texts.length} texts`);
    return byIndex.map((item) => Float32Array.from(item.embedding));
  }
}
