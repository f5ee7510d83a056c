import {
  loadLexicon,
  parseStopWords,
  parseSynonyms,
  parseTraditionalSimplified,
  parseUserWords,
} from './lexicon.loader';
import { join } from 'node:path';
import { ProblemList } from './problem.list';
import { fixtureCopy, problemsOf, removeFixtureCopies } from './__fixtures__/fixture-dir.helper';

describe(parseUserWords.name, () => {
  const sut = parseUserWords;

  it('reads "词 频率 词性" lines, skipping comments and blank lines, normalizing words', () => {
    const words = sut('# 注释\n\n重疾险 2000 n\nＶＩＰ客户 100\n', new ProblemList('knowledge'));

    expect(words).toEqual([
      { word: '重疾险', freq: 2000, tag: 'n' },
      { word: 'vip客户', freq: 100 },
    ]);
  });

  it.each([
    ['重疾险', /insurance-words\.txt:1 expected "词 频率 词性", got "重疾险"/],
    ['重疾险 多 n', /insurance-words\.txt:1 frequency must be a positive integer, got "多"/],
    ['重疾险 10 名词', /insurance-words\.txt:1 part of speech must be letters/],
    ['重疾险 10 n extra', /insurance-words\.txt:1 expected "词 频率 词性"/],
  ])('reports %s with file and line', (line, expected) => {
    expect(problemsOf((problems) => sut(line, problems))).toEqual([expect.stringMatching(expected)]);
  });
});

describe(parseSynonyms.name, () => {
  const sut = parseSynonyms;

  it('reads groups with the canonical term first; full-width commas and case are normalized', () => {
    const groups = sut('# 注释\n理赔,赔付，LP\n\n退保, tb\n', new ProblemList('knowledge'));

    expect(groups).toEqual([
      ['理赔', '赔付', 'lp'],
      ['退保', 'tb'],
    ]);
  });

  it.each([
    ['理赔', /synonyms\.txt:1 a group needs at least two/],
    ['理赔,,赔付', /synonyms\.txt:1 empty term/],
    ['理赔,赔付\n赔偿,赔付', /synonyms\.txt:2 "赔付" is already in the group on line 1/],
  ])('reports %j with file and line', (text, expected) => {
    expect(problemsOf((problems) => sut(text, problems))).toEqual([expect.stringMatching(expected)]);
  });
});

describe(parseStopWords.name, () => {
  it('reads whitespace-separated words, several per line, normalized and without duplicates', () => {
    const sut = parseStopWords;

    expect(sut('# 注释\n的 了  吗\n\n什么　ＡＢ\n的\n')).toEqual(['的', '了', '吗', '什么', 'ab']);
  });
});

describe(parseTraditionalSimplified.name, () => {
  const sut = parseTraditionalSimplified;

  it('reads "繁 简" pairs, skipping comments and blank lines', () => {
    expect(sut('# 注释\n險 险\n\n賠 赔\n', new ProblemList('knowledge'))).toEqual(
      new Map([
        ['險', '险'],
        ['賠', '赔'],
      ]),
    );
  });

  it.each([
    ['險', /traditional-simplified\.txt:1 expected "繁 简"/],
    ['保險 保险', /traditional-simplified\.txt:1 expected "繁 简"/],
    ['險 险\n險 嶮', /traditional-simplified\.txt:2 "險" is listed twice/],
  ])('reports %j with file and line', (text, expected) => {
    expect(problemsOf((problems) => sut(text, problems))).toEqual([expect.stringMatching(expected)]);
  });
});

describe(loadLexicon.name, () => {
  afterAll(removeFixtureCopies);

  it('reports missing lexicon files', async () => {
    const dir = fixtureCopy({ 'lexicon/synonyms.txt': null, 'lexicon/insurance-words.txt': null });
    const problems = new ProblemList('knowledge');

    await loadLexicon(dir, problems);

    expect(() => problems.throwIfAny()).toThrow(
      /knowledge\/lexicon\/insurance-words\.txt file is missing[\s\S]*synonyms\.txt file is missing/,
    );
  });

  it('treats stop words, question words and the traditional-simplified table as optional', async () => {
    const dir = fixtureCopy(); // the fixture has none of these files
    const problems = new ProblemList('knowledge');

    const lexicon = await loadLexicon(dir, problems);

    expect(() => problems.throwIfAny()).not.toThrow();
    expect(lexicon).toMatchObject({ stopWords: [], questionWords: [], simplified: new Map() });
  });

  it('loads the stop words, question words and table of the real knowledge folder', async () => {
    const problems = new ProblemList('knowledge');

    const lexicon = await loadLexicon(join(__dirname, '..', '..', '..', '..', 'knowledge'), problems);

    problems.throwIfAny();
    expect(lexicon.stopWords).toEqual(expect.arrayContaining(['的', '您']));
    expect(lexicon.questionWords).toEqual(expect.arrayContaining(['什么', '多少', '吗']));
    expect(lexicon.stopWords.filter((word) => lexicon.questionWords.includes(word))).toEqual([]);
    expect(lexicon.simplified.get('險')).toBe('险');
  });
});
