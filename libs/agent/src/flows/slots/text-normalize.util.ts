/**
 * Input normalisation shared by the slot extractors. Customers type on phones and PCs with
 * full-width digits (３月５日), full-width punctuation (，：￥) and stray spaces; every extractor
 * works on the normalised text and maps what it understood back to the original input.
 */

/** Text after normalisation, with the source range of every UTF-16 unit. */
export interface NormalizedText {
  /** The original input. */
  readonly source: string;
  /** NFKC-normalised text with whitespace removed (kept as one space between two ASCII letters/digits). */
  readonly text: string;
  /** For each UTF-16 unit of `text`, the index in `source` where the producing character starts. */
  readonly starts: readonly number[];
  /** For each UTF-16 unit of `text`, the index in `source` just after the producing character. */
  readonly ends: readonly number[];
}

const ASCII_ALNUM = /[0-9A-Za-z]/;
const WHITESPACE = /\s/;

/**
 * Normalises customer input: NFKC per character (full-width digits, letters and punctuation
 * become ASCII, ￥ becomes ¥, the ideographic space becomes a space), then drops whitespace
 * unless it separates two ASCII letters/digits, where a single space is kept so that
 * "2026-03-05 15:30" or "1234 5678" do not fuse into one token.
 */
export function normalizeInput(source: string): NormalizedText {
  const chars: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let index = 0;
  for (const char of source) {
    const mapped = char.normalize('NFKC');
    for (let i = 0; i < mapped.length; i++) {
      chars.push(mapped[i] ?? '');
      starts.push(index);
      ends.push(index + char.length);
    }
    index += char.length;
  }

  const text: string[] = [];
  const outStarts: number[] = [];
  const outEnds: number[] = [];
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i] ?? '';
    if (!WHITESPACE.test(char)) {
      text.push(char);
      outStarts.push(starts[i] ?? 0);
      outEnds.push(ends[i] ?? 0);
      continue;
    }
    let next = i;
    while (next < chars.length && WHITESPACE.test(chars[next] ?? '')) next++;
    const before = text[text.length - 1];
    const after = chars[next];
    if (before !== undefined && after !== undefined && ASCII_ALNUM.test(before) && ASCII_ALNUM.test(after)) {
      text.push(' ');
      outStarts.push(starts[i] ?? 0);
      outEnds.push(ends[i] ?? 0);
    }
    i = next - 1;
  }
  return { source, text: text.join(''), starts: outStarts, ends: outEnds };
}

/**
 * The substring of the original input that produced `normalized.text.slice(start, end)`.
 * Returns '' for an empty range.
 */
export function sourceSpan(normalized: NormalizedText, start: number, end: number): string {
  if (end <= start) return '';
  const from = normalized.starts[start] ?? 0;
  const to = normalized.ends[end - 1] ?? normalized.source.length;
  return normalized.source.slice(from, to);
}
