/**
 * Yes / no / cancel classification of a customer's reply to a confirmation question
 * (「以上信息是否正确？」), with cue phrases supplied by the caller.
 */

/** Cue phrases per answer; they live in a data file and are passed in. */
export interface ReplyCues {
  yes: readonly string[];
  no: readonly string[];
  cancel: readonly string[];
}

/** The classification of a reply. */
export type ReplyClass = 'yes' | 'no' | 'cancel' | 'unknown';

type CueKind = 'yes' | 'no' | 'cancel';

const TRAILING_PUNCTUATION = /[\s。.！!~～?？,，、…]+$/;
const NEGATIONS = /[不没別别]$/;
const ASCII_WORD = /^[a-z0-9]+$/;

/** NFKC, trim, lower-case (OK = ok), and strip trailing punctuation such as 。！!~. */
export function normalizeReply(text: string): string {
  return text.normalize('NFKC').trim().toLowerCase().replace(TRAILING_PUNCTUATION, '');
}

interface Cue {
  readonly phrase: string;
  readonly kind: CueKind;
}

function cueList(cues: ReplyCues): Cue[] {
  const list: Cue[] = [];
  for (const kind of ['cancel', 'no', 'yes'] as const) {
    for (const phrase of cues[kind]) {
      const normalized = normalizeReply(phrase);
      if (normalized !== '') list.push({ phrase: normalized, kind });
    }
  }
  // Longest first; on equal length the stronger kind (cancel, no, yes) first, thanks to a stable sort.
  return list.sort((a, b) => b.phrase.length - a.phrase.length);
}

function isWordBoundary(text: string, start: number, end: number): boolean {
  const isLetter = (char: string | undefined) => char !== undefined && /[a-z0-9]/.test(char);
  return !isLetter(text[start - 1]) && !isLetter(text[end]);
}

/**
 * Classifies a reply as 'yes', 'no', 'cancel' or 'unknown'.
 *
 * The reply and the cues are normalised (NFKC, trim, lower-case, trailing punctuation removed),
 * then scanned left to right taking the longest cue at each position, so 「不对」 is read as the
 * no-cue 不对 rather than the yes-cue 对. A yes or cancel cue right after 不/没/别 is negated:
 * a negated yes (不可以, 不好的) counts as no, a negated cancel (不取消) counts as nothing.
 * Latin cues (ok) only match whole words. When several kinds appear, cancel wins over no and no
 * over yes (「嗯，不对」 → no). Anything else is 'unknown'.
 */
export function classifyReply(text: string, cues: ReplyCues): ReplyClass {
  const reply = normalizeReply(text);
  const list = cueList(cues);
  const seen = new Set<CueKind>();
  for (let i = 0; i < reply.length;) {
    const cue = list.find(
      (c) =>
        reply.startsWith(c.phrase, i) &&
        (!ASCII_WORD.test(c.phrase) || isWordBoundary(reply, i, i + c.phrase.length)),
    );
    if (cue === undefined) {
      i++;
      continue;
    }
    const negated = NEGATIONS.test(reply.slice(0, i));
    if (!negated) seen.add(cue.kind);
    else if (cue.kind === 'yes') seen.add('no');
    i += cue.phrase.length;
  }
  if (seen.has('cancel')) return 'cancel';
  if (seen.has('no')) return 'no';
  if (seen.has('yes')) return 'yes';
  return 'unknown';
}
