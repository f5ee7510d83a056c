/**
 * Text helpers that follow the matching conventions of behaviour.yaml: turn text is NFKC-normalised
 * (full-width ，！？；：（） become ASCII), clauses end at 。 , ! ? ; or a line break, and quotations are
 * 「」『』“”‘’"《》.
 */

const CLAUSE_END = new Set(['。', ',', '!', '?', ';', '\n', '\r']);
const SENTENCE_END = /[。!?;\n\r]+/u;
const QUOTE_PAIRS: readonly (readonly [string, string])[] = [
  ['「', '」'],
  ['『', '』'],
  ['“', '”'],
  ['‘', '’'],
  ['《', '》'],
];
const EXCERPT_RADIUS = 20;

export function normalizeText(text: string): string {
  return text.normalize('NFKC');
}

/** Index where the clause holding `index` starts. */
export function clauseStart(text: string, index: number): number {
  for (let i = index - 1; i >= 0; i--) if (CLAUSE_END.has(text[i])) return i + 1;
  return 0;
}

/** Index where the clause holding `index` ends (exclusive). */
export function clauseEnd(text: string, index: number): number {
  for (let i = index; i < text.length; i++) if (CLAUSE_END.has(text[i])) return i;
  return text.length;
}

/**
 * `unless.negation`: one of `words` ends at most `window` characters before `start`, in the same clause
 * (「不保本」, 「并非无风险」, 「请勿向任何人透露验证码」).
 */
export function isNegated(text: string, start: number, words: readonly string[], window: number): boolean {
  const prefix = text.slice(clauseStart(text, start), start);
  return words.some((word) => {
    const at = prefix.lastIndexOf(word);
    return at >= 0 && prefix.length - (at + word.length) <= window;
  });
}

/** Spans [open, close] of closed quotations; an unclosed mark quotes nothing. */
export function quotedSpans(text: string): readonly (readonly [number, number])[] {
  const spans: [number, number][] = [];
  for (const [open, close] of QUOTE_PAIRS) {
    const stack: number[] = [];
    for (let i = 0; i < text.length; i++) {
      if (text[i] === open) stack.push(i);
      else if (text[i] === close && stack.length > 0) spans.push([stack.pop() as number, i]);
    }
  }
  let openAt = -1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '"') continue;
    if (openAt < 0) openAt = i;
    else {
      spans.push([openAt, i]);
      openAt = -1;
    }
  }
  return spans;
}

/** Whether [start, end) lies inside one of `spans`. */
export function isInside(spans: readonly (readonly [number, number])[], start: number, end: number): boolean {
  return spans.some(([open, close]) => open < start && end <= close);
}

/** The sentence (between 。 ! ? ; or line breaks) holding [start, end). */
export function sentenceAround(text: string, start: number, end: number): string {
  let from = start;
  while (from > 0 && !SENTENCE_END.test(text[from - 1])) from--;
  let to = end;
  while (to < text.length && !SENTENCE_END.test(text[to])) to++;
  return text.slice(from, to);
}

/** Sentences of a text, without their end marks. */
export function sentences(text: string): string[] {
  return text.split(SENTENCE_END).filter((s) => s.trim() !== '');
}

/** A short excerpt of a turn: the whole text when short, else its start with "…". */
export function excerpt(text: string, max = EXCERPT_RADIUS * 2): string {
  const flat = text.replace(/\s+/gu, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max)}…`;
}

const DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** "15", "1.5", "十五", "三十", "一百八十", "两" → number; NaN when it is neither. */
export function parseNumber(text: string): number {
  if (/^\d+(\.\d+)?$/u.test(text)) return Number(text);
  let total = 0;
  let current = 0;
  let seen = false;
  for (const char of text) {
    if (char in DIGITS) current = DIGITS[char];
    else if (char === '十') {
      total += (current || 1) * 10;
      current = 0;
    } else if (char === '百') {
      total += (current || 1) * 100;
      current = 0;
    } else return Number.NaN;
    seen = true;
  }
  return seen ? total + current : Number.NaN;
}

/** A global copy of a rule regex, for scanning every match. */
export function globalCopy(regex: RegExp): RegExp {
  return new RegExp(regex.source, regex.flags.includes('g') ? regex.flags : `${regex.flags}g`);
}

/** Matches of a global regex, skipping empty ones. */
export function allMatches(regex: RegExp, text: string): RegExpExecArray[] {
  regex.lastIndex = 0;
  const out: RegExpExecArray[] = [];
  let match: RegExpExecArray | null;
  while ((match = regex.exec(text)) !== null) {
    if (match[0] === '') regex.lastIndex++;
    else out.push(match);
  }
  return out;
}
