/**
 * Pulls the value of the top-level "answer" field out of a JSON object while it is still being
 * streamed, decoding escapes as they complete, so the customer can see the answer grow although
 * the model writes JSON. Feed raw pieces; `push` returns the newly decoded answer text.
 */
export class AnswerStreamExtractor {
  private buffer = '';
  /** Index in buffer where the answer string's content starts; -1 until found. */
  private start = -1;
  private consumed = 0;
  private done = false;

  push(piece: string): string {
    if (this.done) return '';
    this.buffer += piece;
    if (this.start < 0) {
      const match = /"answer"\s*:\s*"/.exec(this.buffer);
      if (!match) return '';
      this.start = match.index + match[0].length;
      this.consumed = this.start;
    }
    let out = '';
    let i = this.consumed;
    while (i < this.buffer.length) {
      const ch = this.buffer[i];
      if (ch === '"') {
        this.done = true;
        i++;
        break;
      }
      if (ch !== '\\') {
        out += ch;
        i++;
        continue;
      }
      const next = this.buffer[i + 1];
      if (next === undefined) break; // wait for the rest of the escape
      if (next === 'u') {
        const hex = this.buffer.slice(i + 2, i + 6);
        if (hex.length < 4) break;
        out += String.fromCharCode(parseInt(hex, 16));
        i += 6;
        continue;
      }
      out += ESCAPES[next] ?? next;
      i += 2;
    }
    this.consumed = i;
    return out;
  }
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' };

/**
 * Releases streamed text a sentence at a time, and only sentences `accept` approves (compliance and
 * number checks), so nothing unchecked reaches the customer. Once a sentence fails, it stops:
 * the final message (checked as a whole) replaces the draft.
 */
export class SentenceGate {
  private pending = '';
  private stopped = false;

  constructor(
    private readonly accept: (sentence: string) => boolean,
    private readonly emit: (text: string) => void,
  ) {}

  push(text: string): void {
    if (this.stopped) return;
    this.pending += text;
    for (;;) {
      const end = this.pending.search(/[。！？!?；;\n]/u);
      if (end < 0) return;
      this.release(this.pending.slice(0, end + 1));
      this.pending = this.pending.slice(end + 1);
      if (this.stopped) return;
    }
  }

  /** The rest, when the answer is complete. */
  flush(): void {
    if (!this.stopped && this.pending.trim()) this.release(this.pending);
    this.pending = '';
  }

  private release(sentence: string): void {
    if (this.accept(sentence)) this.emit(sentence);
    else this.stopped = true;
  }
}
