import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const FAKE_EMBEDDING_DIMENSIONS = 256;

/**
 * A local OpenAI-compatible server for tests (no network): POST /v1/embeddings returns a
 * deterministic bag-of-character-bigrams vector per input, so texts sharing phrases are close.
 * `failWith` makes every request fail with that status until cleared; `requests` records inputs.
 */
export class FakeOpenAiServer {
  readonly requests: { path: string; body: Record<string, unknown> }[] = [];
  failWith: number | null = null;
  /** Milliseconds to wait before answering (timeouts). */
  delayMs = 0;

  private constructor(
    private readonly server: Server,
    readonly baseUrl: string,
  ) {}

  static async start(): Promise<FakeOpenAiServer> {
    const holder: { fake?: FakeOpenAiServer } = {};
    const server = createServer((req, res) => {
      void holder.fake?.handle(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    holder.fake = new FakeOpenAiServer(server, `http://127.0.0.1:${port}/v1`);
    return holder.fake;
  }

  /** Embedded texts across all requests. */
  get embeddedTexts(): string[] {
    return this.requests.filter((r) => r.path === '/v1/embeddings').flatMap((r) => r.body.input as string[]);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
    const path = (req.url ?? '').split('?')[0];
    this.requests.push({ path, body });
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    const send = (status: number, payload: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
    };
    if (this.failWith !== null)
      return send(this.failWith, { error: { message: 'fake failure', type: 'server_error' } });
    if (req.method !== 'POST' || path !== '/v1/embeddings')
      return send(404, { error: { message: `no route ${req.method} ${path}` } });
    const input = typeof body.input === 'string' ? [body.input] : (body.input as string[]);
    const dimensions = typeof body.dimensions === 'number' ? body.dimensions : FAKE_EMBEDDING_DIMENSIONS;
    send(200, {
      object: 'list',
      model: body.model,
      data: input.map((text, index) => ({
        object: 'embedding',
        index,
        embedding: bagOfBigrams(text, dimensions),
      })),
      usage: { prompt_tokens: 0, total_tokens: 0 },
    });
  }
}

/** Hashes each character bigram (and character) into one of `dimensions` buckets. */
export function bagOfBigrams(text: string, dimensions = FAKE_EMBEDDING_DIMENSIONS): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  const chars = [...text.replace(/\s+/g, '')];
  const add = (gram: string, weight: number): void => {
    const bucket = createHash('md5').update(gram).digest().readUInt32LE(0) % dimensions;
    vector[bucket] += weight;
  };
  chars.forEach((ch, i) => {
    add(ch, 0.3);
    if (i + 1 < chars.length) add(ch + chars[i + 1], 1);
  });
  return vector;
}
