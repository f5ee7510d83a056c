import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProblemList } from './problem.list';

export const USER_WORDS_FILE = 'lexicon/insurance-words.txt';
export const SYNONYMS_FILE = 'lexicon/synonyms.txt';
/** Optional: without it no word is dropped. */
export const STOP_WORDS_FILE = 'lexicon/stop-words.txt';
/** Optional: without it interrogatives are plain words (or stop words, if listed there). */
export const QUESTION_WORDS_FILE = 'lexicon/question-words.txt';
/** Optional: without it traditional characters are indexed as they are. */
export const TRADITIONAL_SIMPLIFIED_FILE = 'lexicon/traditional-simplified.txt';

/** One line of the jieba user dictionary: "词 频率 [词性]". */
export interface UserWord {
  word: string;
  freq: number;
  tag?: string;
}

export interface Lexicon {
  userWords: UserWord[];
  /** Each group lists its canonical term first. */
  synonymGroups: string[][];
  /** Function words and pronouns that carry no topic. */
  stopWords: string[];
  /** Interrogatives: what a question asks for, not its topic (kept at a low weight). */
  questionWords: string[];
  /** Traditional character → simplified character. */
  simplified: Map<string, string>;
}

export async function loadLexicon(knowledgeDir: string, problems: ProblemList): Promise<Lexicon> {
  const [words, synonyms, stopWords, questionWords, traditional] = await Promise.all([
    readText(knowledgeDir, USER_WORDS_FILE, problems),
    readText(knowledgeDir, SYNONYMS_FILE, problems),
    readOptionalText(knowledgeDir, STOP_WORDS_FILE),
    readOptionalText(knowledgeDir, QUESTION_WORDS_FILE),
    readOptionalText(knowledgeDir, TRADITIONAL_SIMPLIFIED_FILE),
  ]);
  return {
    userWords: words === undefined ? [] : parseUserWords(words, problems),
    synonymGroups: synonyms === undefined ? [] : parseSynonyms(synonyms, problems),
    stopWords: stopWords === undefined ? [] : parseStopWords(stopWords),
    questionWords: questionWords === undefined ? [] : parseStopWords(questionWords),
    simplified: traditional === undefined ? new Map() : parseTraditionalSimplified(traditional, problems),
  };
}

/** Whitespace-separated words, any number per line; "#" comments. Normalized like queries are (stop and question words). */
export function parseStopWords(text: string): string[] {
  return [...new Set(contentLines(text).flatMap(({ content }) => normalizeTerm(content).split(/\s+/)))];
}

/** "繁 简" per line: one traditional character, one simplified character. */
export function parseTraditionalSimplified(text: string, problems: ProblemList): Map<string, string> {
  const table = new Map<string, string>();
  contentLines(text).forEach(({ line, content }) => {
    const pair = content.split(/\s+/);
    const isChar = (s: string | undefined): boolean => s !== undefined && [...s].length === 1;
    if (pair.length !== 2 || !isChar(pair[0]) || !isChar(pair[1]))
      problems.add(TRADITIONAL_SIMPLIFIED_FILE, {
        line,
        message: `expected "繁 简" (two characters), got "${content}"`,
      });
    else if (table.has(pair[0]))
      problems.add(TRADITIONAL_SIMPLIFIED_FILE, { line, message: `"${pair[0]}" is listed twice` });
    else table.set(pair[0], pair[1]);
  });
  return table;
}

/** Blank lines and "#" comments are skipped; terms are NFKC-normalized and lower-cased like queries are. */
export function parseUserWords(text: string, problems: ProblemList): UserWord[] {
  const words: UserWord[] = [];
  contentLines(text).forEach(({ line, content }) => {
    const [word, freq, tag, ...rest] = content.split(/\s+/);
    const report = (message: string): void => problems.add(USER_WORDS_FILE, { line, message });
    if (freq === undefined || rest.length > 0) report(`expected "词 频率 词性", got "${content}"`);
    else if (!/^[1-9]\d*$/.test(freq)) report(`frequency must be a positive integer, got "${freq}"`);
    else if (tag !== undefined && !/^[a-z]+$/i.test(tag))
      report(`part of speech must be letters like n or nz, got "${tag}"`);
    else words.push({ word: normalizeTerm(word), freq: Number(freq), ...(tag ? { tag } : {}) });
  });
  return words;
}

/** "canonical,variant,variant" per line; a term may belong to one group only. */
export function parseSynonyms(text: string, problems: ProblemList): string[][] {
  const groups: string[][] = [];
  const seen = new Map<string, number>();
  contentLines(text).forEach(({ line, content }) => {
    const report = (message: string): void => problems.add(SYNONYMS_FILE, { line, message });
    const terms = normalizeTerm(content)
      .split(',')
      .map((term) => term.trim());
    if (terms.length < 2) return report(`a group needs at least two comma-separated terms, got "${content}"`);
    if (terms.some((term) => term === '')) return report('empty term (doubled or trailing comma)');
    const clash = terms.find((term) => seen.has(term));
    if (clash !== undefined) return report(`"${clash}" is already in the group on line ${seen.get(clash)}`);
    terms.forEach((term) => seen.set(term, line));
    groups.push(terms);
  });
  return groups;
}

export function normalizeTerm(term: string): string {
  return term.normalize('NFKC').toLowerCase();
}

function contentLines(text: string): { line: number; content: string }[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((raw, i) => ({ line: i + 1, content: raw.trim() }))
    .filter(({ content }) => content !== '' && !content.startsWith('#'));
}

/** Reads a required file; a missing one is recorded as a problem. */
export async function readText(
  dir: string,
  relativePath: string,
  problems: ProblemList,
): Promise<string | undefined> {
  try {
    return await readFile(join(dir, relativePath), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    problems.add(relativePath, { message: 'file is missing' });
    return undefined;
  }
}

/** Reads an optional file; undefined when it does not exist. */
async function readOptionalText(dir: string, relativePath: string): Promise<string | undefined> {
  try {
    return await readFile(join(dir, relativePath), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return undefined;
  }
}
