import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';

/**
 * domain: a word of the insurance dictionary or a synonym's canonical term (carries the topic);
 * word: any other jieba word or ASCII run; bigram: two adjacent Han characters, for recall
 * when a query and a document segment the same text differently; char: one Han character, for
 * recall of abbreviations, masked names ("安*长*树") and words jieba cuts differently;
 * synonym: the canonical term of the synonym group a word belongs to (added beside the word, on
 * both sides, so "lp" finds "理赔" and "赔付" finds "理赔" at a lower weight than "赔付" itself);
 * question: an interrogative of the question-word list ("什么", "多少"), kept whole and outside every
 * concept: it tells what is asked (an answer restating "…是多少" matches it) but not the topic.
 */
export type TokenKind = 'domain' | 'word' | 'synonym' | 'bigram' | 'char' | 'question';

export interface Token {
  term: string;
  kind: TokenKind;
  /**
   * The kept word this token belongs to, numbered from 0 in text order: a word, its inner
   * bigrams and its characters form one query concept. Absent on bigrams spanning two words.
   */
  concept?: number;
}

export interface Analyzer {
  analyze(text: string): Token[];
}

export interface AnalyzerLexicon {
  /** jieba user dictionary lines, already normalized. */
  userWords: readonly { word: string; freq: number; tag?: string }[];
  /** Canonical term first. */
  synonymGroups: readonly (readonly string[])[];
  /** Function words and pronouns that carry no topic (knowledge/lexicon/stop-words.txt). */
  stopWords?: readonly string[];
  /** Traditional character → simplified character (knowledge/lexicon/traditional-simplified.txt). */
  simplified?: ReadonlyMap<string, string>;
  /** Interrogatives kept as whole words of kind "question", outside any concept (knowledge/lexicon/question-words.txt). */
  questionWords?: readonly string[];
}

const ALL_HAN = /^\p{Script=Han}+$/u;
const NOT_WORD = /[^\p{L}\p{N}\p{M}]+/gu;
const ASCII_WORD = /^[a-z0-9]+$/;
/** Between a Latin letter and a digit, either way round (after normalization, so lower case). */
const LETTER_DIGIT_BOUNDARY = /(?<=[0-9])(?=[a-z])|(?<=[a-z])(?=[0-9])/g;

/** NFKC, lower case, every run of punctuation, symbols and spaces becomes one space. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(NOT_WORD, ' ').trim();
}

/**
 * Chinese-aware analysis shared by indexing and querying: normalize (NFKC, lower case,
 * traditional → simplified, letters and digits apart so "401k", "401(k)" and "401 k" agree and
 * "4S店" finds "4s 店"), cut with jieba + the insurance dictionary + every synonym, drop stop
 * words, then emit per kept word the word itself, its synonym group's canonical term, its inner
 * bigrams and its Han characters (one concept), plus the bigram bridging two adjacent Han words;
 * a question word is emitted alone, without concept or pieces.
 * Synonyms are added, never rewritten: the surface word keeps its own, more exact match.
 */
export class ChineseAnalyzer implements Analyzer {
  private constructor(
    private readonly jieba: Jieba,
    private readonly canonical: ReadonlyMap<string, string>,
    private readonly domainWords: ReadonlySet<string>,
    private readonly stopWords: ReadonlySet<string>,
    private readonly simplified: ReadonlyMap<string, string>,
    private readonly questionWords: ReadonlySet<string>,
  ) {}

  static create(lexicon: AnalyzerLexicon = { userWords: [], synonymGroups: [] }): ChineseAnalyzer {
    const simplified = lexicon.simplified ?? new Map<string, string>();
    const simplify = (text: string): string => toSimplified(text, simplified);
    const jieba = Jieba.withDict(dict);
    const canonical = new Map<string, string>();
    for (const group of lexicon.synonymGroups) {
      const [head, ...variants] = group.map(simplify);
      for (const term of [head, ...variants]) canonical.set(term, head);
    }
    // Every Han synonym must survive the cut as one word to be recognised. ASCII ones stay out of
    // the dictionary: jieba keeps an ASCII run whole unless the dictionary splits it ("help" → "he" "lp").
    const known = new Set(lexicon.userWords.map((w) => simplify(w.word)));
    const extra = [...canonical.keys()].filter(
      (term) => !known.has(term) && !/\s/.test(term) && !ASCII_WORD.test(term),
    );
    const lines = [
      ...lexicon.userWords.map((w) => [simplify(w.word), w.freq, w.tag ?? ''].join(' ').trim()),
      ...extra.map((head) => `${head} 2000 n`),
    ];
    if (lines.length > 0) jieba.loadDict(Buffer.from(lines.join('\n'), 'utf8'));
    const domainWords = new Set([...known, ...canonical.keys()]);
    const stopWords = new Set((lexicon.stopWords ?? []).map(simplify));
    const questionWords = new Set((lexicon.questionWords ?? []).map(simplify));
    return new ChineseAnalyzer(jieba, canonical, domainWords, stopWords, simplified, questionWords);
  }

  analyze(text: string): Token[] {
    const normalized = toSimplified(normalizeText(text), this.simplified).replace(LETTER_DIGIT_BOUNDARY, ' ');
    const tokens: Token[] = [];
    let concept = 0;
    let previous = '';
    for (const word of this.jieba.cut(normalized, true)) {
      if (this.questionWords.has(word)) {
        tokens.push({ term: word, kind: 'question' });
        previous = '';
        continue;
      }
      if (word.trim() === '' || this.stopWords.has(word)) {
        previous = '';
        continue;
      }
      tokens.push({ term: word, kind: this.domainWords.has(word) ? 'domain' : 'word', concept });
      const head = this.canonical.get(word);
      if (head !== undefined) tokens.push({ term: head, kind: 'synonym', concept });
      if (ALL_HAN.test(word)) {
        const chars = [...word];
        if (previous !== '') tokens.push({ term: previous + chars[0], kind: 'bigram' });
        for (let i = 0; i + 1 < chars.length; i++)
          tokens.push({ term: chars[i] + chars[i + 1], kind: 'bigram', concept });
        for (const char of chars) tokens.push({ term: char, kind: 'char', concept });
        previous = chars[chars.length - 1];
      } else {
        previous = '';
      }
      concept++;
    }
    return tokens;
  }
}

/** Replaces every character the table knows; the table maps single characters. */
export function toSimplified(text: string, table: ReadonlyMap<string, string>): string {
  if (table.size === 0) return text;
  let out = '';
  for (const char of text) out += table.get(char) ?? char;
  return out;
}
