import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const FAKE_EMBEDDING_DIMENSIONS = 256;

/** One scripted answer of POST /v1/chat/completions. */
export type FakeChatReply =
  | { readonly content: string; readonly delayMs?: number }
  | {
      readonly toolCalls: readonly { readonly name: string; readonly arguments: string }[];
      readonly delayMs?: number;
    }
  | { readonly status: number; readonly message?: string; readonly delayMs?: number };

/**
 * A local OpenAI-compatible server for tests (no network):
 * - POST /v1/embeddings returns a deterministic bag-of-character-bigrams vector per input, so
 *   texts sharing phrases are close;
 * - POST /v1/chat/completions answers with the replies a test scripted (`chat(...)`), first in
 *   first out, as one JSON body or as server-sent events when the request asks to stream; with
 *   nothing scripted it answers 500, so an unexpected model call fails the test.
 * `failWith` makes every request fail with that status until cleared; `requests` records inputs.
 */
export class FakeOpenAiServer {
  readonly requests: { path: string; body: Record<string, unknown> }[] = [];
  failWith: number | null = null;
  /** Scripted chat replies, consumed in order. */
  readonly chatReplies: FakeChatReply[] = [];
  /** Answers chat requests once `chatReplies` is empty (null: 500). */
  chatFallback: ((body: Record<string, unknown>) => FakeChatReply) | null = null;
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

  /** Scripts the next chat replies. */
  chat(...replies: FakeChatReply[]): this {
    this.chatReplies.push(...replies);
    return this;
  }

  /** Bodies of the chat completion requests received so far. */
  get chatRequests(): Record<string, unknown>[] {
    return this.requests.filter((r) => r.path === '/v1/chat/completions').map((r) => r.body);
  }

  /** Every text the model was sent (messages and tool results), for leak checks. */
  get chatTranscript(): string {
    return JSON.stringify(this.chatRequests);
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
    if (req.method === 'POST' && path === '/v1/chat/completions') return this.answerChat(body, res, send);
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

  private async answerChat(
    body: Record<string, unknown>,
    res: ServerResponse,
    send: (status: number, payload: unknown) => void,
  ): Promise<void> {
    const reply = this.chatReplies.shift() ?? this.chatFallback?.(body);
    if (!reply)
      return send(500, { error: { message: 'fake: no scripted chat reply', type: 'server_error' } });
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    if (res.destroyed) return;
    if ('status' in reply)
      return send(reply.status, {
        error: { message: reply.message ?? 'fake failure', type: 'server_error' },
      });
    const model = body.model;
    const id = `chatcmpl-fake-${this.requests.length}`;
    const toolCalls =
      'toolCalls' in reply
        ? reply.toolCalls.map((call, index) => ({
            index,
            id: `call_${this.requests.length}_${index}`,
            type: 'function' as const,
            function: { name: call.name, arguments: call.arguments },
          }))
        : undefined;
    const content = 'content' in reply ? reply.content : null;
    const finish = toolCalls ? 'tool_calls' : 'stop';
    if (body.stream !== true) {
      return send(200, {
        id,
        object: 'chat.completion',
        created: 0,
        model,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content, ...(toolCalls ? { tool_calls: toolCalls } : {}) },
            finish_reason: finish,
          },
        ],
        usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
      });
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const chunk = (delta: Record<string, unknown>, finishReason: string | null): string =>
      `data: ${JSON.stringify({
        id,
        object: 'chat.completion.chunk',
        created: 0,
        model,
        choices: [{ index: 0, delta, finish_reason: finishReason }],
      })}\n\n`;
    res.write(chunk({ role: 'assistant', content: '' }, null));
    // Small pieces, split mid-word and mid-escape, the way real servers stream.
    for (const piece of splitEvery(content ?? '', 7)) {
      res.write(chunk({ content: piece }, null));
      await new Promise((resolve) => setImmediate(resolve));
    }
    for (const call of toolCalls ?? []) {
      res.write(
        chunk({ tool_calls: [{ ...call, function: { name: call.function.name, arguments: '' } }] }, null),
      );
      for (const piece of splitEvery(call.function.arguments, 9))
        res.write(chunk({ tool_calls: [{ index: call.index, function: { arguments: piece } }] }, null));
    }
    res.write(chunk({}, finish));
    res.end('data: [DONE]\n\n');
  }
}

function splitEvery(text: string, size: number): string[] {
  const chars = [...text];
  const pieces: string[] = [];
  for (let i = 0; i < chars.length; i += size) pieces.push(chars.slice(i, i + size).join(''));
  return pieces;
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
