import { problemsOf } from '../loading/__fixtures__/fixture-dir.helper';
import { ProblemList } from '../loading/problem.list';
import { goodText, goodWith } from './__fixtures__/rules-fixture.helper';
import { escapeRegExp, parseGlossary, parsePhraseLexicon } from './phrase-lexicon.loader';
import type { Glossary, PhraseLexicon } from './rules.types';

const FORBIDDEN = 'lexicon/forbidden-phrases.yaml';
const JARGON = 'lexicon/jargon.yaml';

describe(parsePhraseLexicon.name, () => {
  it('loads entries with their category severity, compiled as case-insensitive regexes', () => {
    const sut = parsePhraseLexicon(
      'forbidden-phrases',
      goodText(FORBIDDEN),
      new ProblemList('knowledge'),
    ) as PhraseLexicon;

    expect(sut.categories).toEqual([
      { key: 'brush_off', title: '推诿', severity: 'major' },
      { key: 'insult', title: '辱骂', severity: 'critical' },
    ]);
    expect(sut.entries.map((e) => [e.text, e.isPattern, e.severity])).toEqual([
      ['这不归我管', false, 'major'],
      ['^不知道[。!]*$', true, 'major'],
      ['白痴', false, 'critical'],
    ]);
    expect(sut.entries[0].regex.test('这不归我管，你找别人')).toBe(true);
    expect(sut.entries[1].regex.test('不知道您的保单号')).toBe(false);
  });

  it('escapes literal phrases and normalises them to NFKC', () => {
    const text = goodWith(FORBIDDEN, 'phrase: 白痴', 'phrase: 你有病吧？(真的)');
    const sut = parsePhraseLexicon('forbidden-phrases', text, new ProblemList('knowledge')) as PhraseLexicon;

    expect(sut.entries[2].text).toBe('你有病吧?(真的)');
    expect(sut.entries[2].regex.test('你有病吧?(真的)')).toBe(true);
    expect(sut.entries[2].regex.test('你有病吧(真的)')).toBe(false);
    expect(escapeRegExp('a.b*(c)|[d]/e')).toBe('a\\.b\\*\\(c\\)\\|\\[d\\]\\/e');
  });

  it.each([
    [
      'an entry of an undeclared category',
      goodWith(FORBIDDEN, 'category: insult', 'category: rudeness'),
      /forbidden-phrases\.yaml:16 entries\[2\]\.category: unknown category "rudeness" \(declare it under categories\)$/,
    ],
    [
      'a duplicate phrase',
      goodWith(FORBIDDEN, 'phrase: 白痴', 'phrase: 这不归我管'),
      /forbidden-phrases\.yaml:15 entries\[2\]\.phrase: duplicates entries\[0\] \(line 8\)$/,
    ],
    [
      'an entry with both phrase and pattern',
      goodWith(FORBIDDEN, '  - phrase: 白痴\n', "  - phrase: 白痴\n    pattern: '白痴'\n"),
      /forbidden-phrases\.yaml:15 entries\[2\]: needs exactly one of phrase or pattern$/,
    ],
    [
      'a pattern that misses a hit example',
      goodWith(FORBIDDEN, 'hit: [不知道, 不知道。]', 'hit: [不知道, 我不知道。]'),
      /forbidden-phrases\.yaml:13 entries\[1\]\.examples\.hit\[1\]: "我不知道。" is not found by the pattern$/,
    ],
    [
      'a pattern that finds a miss example',
      goodWith(FORBIDDEN, 'miss: [不知道您指的是哪份保单]', 'miss: [不知道！]'),
      /forbidden-phrases\.yaml:14 entries\[1\]\.examples\.miss\[0\]: "不知道！" is found by the pattern$/,
    ],
    [
      'contextMatters without a note',
      goodWith(FORBIDDEN, '    category: insult\n', '    category: insult\n    contextMatters: true\n'),
      /forbidden-phrases\.yaml:15 entries\[2\]\.note: is required when contextMatters is true$/,
    ],
    [
      'an unknown severity',
      goodWith(FORBIDDEN, 'severity: critical', 'severity: fatal'),
      /forbidden-phrases\.yaml:6 categories\.insult\.severity: must be one of minor\|major\|critical$/,
    ],
    [
      'a missing basis',
      goodWith(FORBIDDEN, 'basis: [测试依据]\n', ''),
      /forbidden-phrases\.yaml:1 basis: is required$/,
    ],
  ])('reports %s', (_case, text, expected) => {
    expect(problemsOf((p) => parsePhraseLexicon('forbidden-phrases', text, p))).toEqual([
      expect.stringMatching(expected),
    ]);
  });
});

describe(parseGlossary.name, () => {
  it('loads terms with aliases and a regex matching any of them', () => {
    const sut = parseGlossary('jargon', goodText(JARGON), new ProblemList('knowledge')) as Glossary;

    expect(sut.explanationCues).toEqual(['(', '即', '是指']);
    expect(sut.entries[0]).toMatchObject({ term: '犹豫期', aliases: ['冷静期'] });
    expect(sut.entries[0].regex.test('冷静期有几天')).toBe(true);
    expect(sut.entries[1].regex.test('ncd系数')).toBe(true);
  });

  const withLossAssessment = (notWithin: string): string =>
    goodWith(
      JARGON,
      /- term: NCD\n.*\n/,
      `- term: 定损\n    plain: 核定损失金额\n    notWithin: ${notWithin}\n`,
    );

  it('does not match a term inside the longer words of its notWithin', () => {
    const text = withLossAssessment('[一定损失, 核定损失]');
    const sut = parseGlossary('jargon', text, new ProblemList('knowledge')) as Glossary;
    const where = (s: string): number | undefined => sut.entries[1].regex.exec(s)?.index;

    expect(sut.entries[1].notWithin).toEqual(['一定损失', '核定损失']);
    expect(where('退保会造成一定损失')).toBeUndefined();
    expect(where('由保险公司核定损失项目')).toBeUndefined();
    expect(where('请先定损再维修')).toBe(2);
    expect(where('定损失败了')).toBe(0);
    expect(where('一定损坏')).toBe(1);
    expect(where('有一定损失，需要定损')).toBe(8);
  });

  it('reports a notWithin word that does not hold the term', () => {
    expect(problemsOf((p) => parseGlossary('jargon', withLossAssessment('[一定损失, 损失]'), p))).toEqual([
      'knowledge/lexicon/jargon.yaml:11 entries[1].notWithin[1]: "损失" does not contain "定损" or an alias',
    ]);
  });

  it('reports a term listed twice across entries', () => {
    const text = goodWith(JARGON, 'term: NCD', 'term: 冷静期');

    expect(problemsOf((p) => parseGlossary('jargon', text, p))).toEqual([
      'knowledge/lexicon/jargon.yaml:9 entries[1].term: "冷静期" is already in entries[0] (line 6)',
    ]);
  });
});
