import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';

/**
 * domain: a word of the insurance dictionary or a synonym's canonical term (carries the topic);
 * word: any other jieba word or ASCII run; bigram: two adjacent Han characters, for recall
 * when a query and a script segment the same text differently.
 */
export type TokenKind = 'domain' | 'word' | 'bigram';

export interface Token {
  term: string;
  kind: TokenKind;
}

export interface Analyzer {
  analyze(text: string): Token[];
}

export interface AnalyzerLexicon {
  /** jieba user dictionary lines, already normalized. */
  userWords: readonly { word: string; freq: number; tag?: string }[];
  /** Canonical term first. */
  synonymGroups: readonly (readonly string[])[];
}

/** Function words and question words that carry no topic. Kept small on purpose. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    '的 地 得 了 着 过 吗 呢 啊 吧 呀 哦 嘛 哈 啦 么 呗 嗯 ' +
    '我 你 您 他 她 它 我们 你们 他们 咱 咱们 自己 ' +
    '是 在 和 与 及 或 或者 跟 就 都 也 还 又 才 再 把 被 给 让 对 从 这 那 这个 那个 个 一个 ' +
    '请问 请 一下 想 想要 要 能 能不能 可以 可不可以 ' +
    '什么 啥 咋 怎么 怎样 怎么样 如何 哪些 哪个 哪里 为什么 为啥 怎么办 咋办 怎么回事 咋回事 ' +
    '干嘛 问 问问 咨询 了解 知道 告诉'
  ).split(' '),
);

const ALL_HAN = /^\p{Script=Han}+$/u;
const NOT_WORD = /[^\p{L}\p{N}\p{M}]+/gu;
const ASCII_WORD = /^[a-z0-9]+$/;

/** NFKC, lower case, every run of punctuation, symbols and spaces becomes one space. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(NOT_WORD, ' ').trim();
}

/**
 * Chinese-aware analysis shared by indexing and querying: normalize, rewrite synonyms to their
 * canonical term (inside the text, longest first; ASCII ones only as whole ASCII words, so "lp"
 * in "help" stays), cut with jieba + the insurance dictionary, drop stop words, and add
 * overlapping Han bigrams over each run of kept Han words.
 */
export class ChineseAnalyzer implements Analyzer {
  private constructor(
    private readonly jieba: Jieba,
    private readonly synonymPattern: RegExp | null,
    private readonly canonical: ReadonlyMap<string, string>,
    private readonly domainWords: ReadonlySet<string>,
  ) {}

  static create(lexicon: AnalyzerLexicon = { userWords: [], synonymGroups: [] }): ChineseAnalyzer {
    const jieba = Jieba.withDict(dict);
    const canonical = new Map<string, string>();
    for (const [head, ...variants] of lexicon.synonymGroups) {
      for (const term of [head, ...variants]) canonical.set(term, head);
    }
    // Canonical terms must survive the cut as one word.
    const known = new Set(lexicon.userWords.map((w) => w.word));
    const extra = lexicon.synonymGroups
      .map(([head]) => head)
      .filter((head) => !known.has(head) && !/\s/.test(head));
    const lines = [
      ...lexicon.userWords.map((w) => [w.word, w.freq, w.tag ?? ''].join(' ').trim()),
      ...extra.map((head) => `${head} 2000 n`),
    ];
    if (lines.length > 0) jieba.loadDict(Buffer.from(lines.join('\n'), 'utf8'));
    const domainWords = new Set([...known, ...canonical.values()]);
    return new ChineseAnalyzer(jieba, synonymRegExp([...canonical.keys()]), canonical, domainWords);
  }

  analyze(text: string): Token[] {
    let normalized = normalizeText(text);
    // Spaces keep jieba from re-cutting a canonical term together with its neighbours.
    if (this.synonymPattern)
      normalized = normalized.replace(this.synonymPattern, (term) => ` ${this.canonical.get(term) ?? term} `);
    const tokens: Token[] = [];
    let run = '';
    const flushRun = (): void => {
      for (let i = 0; i + 1 < run.length; i++) tokens.push({ term: run.slice(i, i + 2), kind: 'bigram' });
      run = '';
    };
    for (const piece of this.jieba.cut(normalized, true)) {
      const word = this.canonical.get(piece) ?? piece;
      if (word.trim() === '' || STOP_WORDS.has(word)) {
        flushRun();
        continue;
      }
      tokens.push({ term: word, kind: this.domainWords.has(word) ? 'domain' : 'word' });
      if (ALL_HAN.test(word)) run += word;
      else flushRun();
    }
    flushRun();
    return tokens;
  }
}

function synonymRegExp(terms: readonly string[]): RegExp | null {
  if (terms.length === 0) return null;
  const alternatives = [...terms]
    .sort((a, b) => b.length - a.length)
    .map((term) => {
      const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      return ASCII_WORD.test(term) ? `(?<![a-z0-9])${escaped}(?![a-z0-9])` : escaped;
    });
  return new RegExp(alternatives.join('|'), 'g');
}
