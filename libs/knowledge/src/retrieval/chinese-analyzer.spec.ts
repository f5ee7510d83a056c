import { ChineseAnalyzer, normalizeText, toSimplified, type Token, type TokenKind } from './chinese-analyzer';

const LEXICON = {
  userWords: [
    { word: '重疾险', freq: 2000, tag: 'n' },
    { word: '等待期', freq: 2000, tag: 'n' },
  ],
  synonymGroups: [
    ['理赔', '赔付', 'lp'],
    ['机动车保险', '车险'],
    ['保险', 'bx'],
    ['退保', 'tb'],
  ],
  stopWords: ['的', '是', '我', '想', '咨询', '一下', '请问', '吗', '要', '啥', '了'],
  simplified: new Map([
    ['險', '险'],
    ['賠', '赔'],
    ['單', '单'],
    ['車', '车'],
  ]),
};

const ofKind =
  (...kinds: TokenKind[]) =>
  (tokens: Token[]): string[] =>
    tokens.filter((t) => kinds.includes(t.kind)).map((t) => t.term);
const words = ofKind('domain', 'word');
const synonyms = ofKind('synonym');
const bigrams = ofKind('bigram');
const chars = ofKind('char');

describe(ChineseAnalyzer.name, () => {
  const sut = ChineseAnalyzer.create(LEXICON);

  describe('segmentation', () => {
    it('keeps dictionary terms as one word (重疾险, 等待期) and drops stop words', () => {
      const tokens = sut.analyze('我想咨询一下重疾险的等待期是多久');

      expect(words(tokens)).toEqual(['重疾险', '等待期', '多久']);
      expect(tokens.find((t) => t.term === '重疾险')?.kind).toBe('domain');
      expect(tokens.find((t) => t.term === '多久')?.kind).toBe('word');
    });

    it('without the insurance dictionary, jieba splits 等待期', () => {
      expect(words(ChineseAnalyzer.create().analyze('重疾险的等待期是多久'))).not.toContain('等待期');
    });

    it('returns nothing for text that is only punctuation or stop words', () => {
      expect(sut.analyze('？？？')).toEqual([]);
      expect(sut.analyze('请问一下吗')).toEqual([]);
    });

    it('splits letters from digits, so 401k, 401K, 401(k) and 401 k give the same words', () => {
      const expected = ['401', 'k', '计划'];

      for (const text of ['401k计划', '401K计划', '401(k)计划', '401 k 计划', '４０１ｋ计划'])
        expect(words(sut.analyze(text))).toEqual(expected);
      expect(words(sut.analyze('4S店')).slice(0, 2)).toEqual(['4', 's']);
      expect(words(sut.analyze('lp2026'))).toEqual(['lp', '2026']);
    });

    it('keeps runs of only letters or only digits whole', () => {
      expect(words(sut.analyze('hipaa 2026'))).toEqual(['hipaa', '2026']);
    });

    it('drops no word when the lexicon lists no stop words', () => {
      expect(words(ChineseAnalyzer.create().analyze('理赔的材料'))).toContain('的');
    });
  });

  describe('n-grams and concepts', () => {
    it('adds the Han characters and inner bigrams of each kept word, numbered as one concept', () => {
      const tokens = sut.analyze('重疾险的等待期');

      expect(tokens.filter((t) => t.concept === 0).map((t) => t.term)).toEqual([
        '重疾险',
        '重疾',
        '疾险',
        '重',
        '疾',
        '险',
      ]);
      expect(chars(tokens)).toEqual(['重', '疾', '险', '等', '待', '期']);
    });

    it('bridges two adjacent kept Han words with a bigram outside any concept, never across a stop word', () => {
      const bridged = sut.analyze('准备材料').filter((t) => t.kind === 'bigram' && t.concept === undefined);

      expect(bridged.map((t) => t.term)).toEqual(['备材']);
      expect(bigrams(sut.analyze('重疾险的等待期'))).not.toContain('险等');
    });

    it('adds no bigram or character for ASCII words', () => {
      const tokens = sut.analyze('app登录');

      expect(words(tokens)).toContain('app');
      expect(chars(tokens)).toEqual(['登', '录']);
    });
  });

  describe('question words', () => {
    const sut = ChineseAnalyzer.create({ ...LEXICON, questionWords: ['多少', '什么', '吗'] });

    it('keeps a question word whole, outside every concept, without bigrams or characters', () => {
      const tokens = sut.analyze('重疾险多少钱');

      expect(tokens.filter((t) => t.kind === 'question')).toEqual([{ term: '多少', kind: 'question' }]);
      expect(chars(tokens)).not.toContain('多');
      expect(bigrams(tokens)).not.toContain('险多');
      expect(tokens.find((t) => t.term === '钱')?.concept).toBe(1);
    });

    it('takes precedence over the stop-word list', () => {
      expect(ofKind('question')(sut.analyze('可以退保吗'))).toEqual(['吗']);
      expect(ofKind('question')(ChineseAnalyzer.create(LEXICON).analyze('可以退保吗'))).toEqual([]);
    });
  });

  describe('synonyms', () => {
    it('adds the canonical term beside the word instead of rewriting it', () => {
      const tokens = sut.analyze('赔付多久到账');

      expect(words(tokens)).toContain('赔付');
      expect(synonyms(tokens)).toEqual(['理赔']);
      expect(tokens.find((t) => t.kind === 'synonym')?.concept).toBe(
        tokens.find((t) => t.term === '赔付')?.concept,
      );
    });

    it('recognises a synonym inside running text, as its own word', () => {
      expect(synonyms(sut.analyze('车险要啥材料'))).toEqual(['机动车保险']);
    });

    it.each([
      ['lp进度', '理赔'],
      ['bx怎么买', '保险'],
      ['tb多久到账', '退保'],
    ])('reads the pinyin abbreviation in %s as %s', (text, canonical) => {
      expect(synonyms(sut.analyze(text))).toEqual([canonical]);
    });

    it('maps ASCII synonyms only as whole ASCII words', () => {
      const tokens = sut.analyze('help');

      expect(words(tokens)).toEqual(['help']);
      expect(synonyms(tokens)).toEqual([]);
    });
  });

  describe('normalization', () => {
    it('normalizes width and case (ＬＰ is lp, ｂｘ is bx) and drops punctuation', () => {
      const tokens = sut.analyze('ＬＰ进度？！ｂｘ');

      expect(words(tokens)).toEqual(['lp', '进度', 'bx']);
      expect(synonyms(tokens)).toEqual(['理赔', '保险']);
    });

    it('reads half-width and full-width digits alike', () => {
      expect(words(sut.analyze('３年'))).toEqual(words(sut.analyze('3年')));
    });

    it('turns traditional characters into simplified ones before anything else', () => {
      expect(sut.analyze('車險賠付')).toEqual(sut.analyze('车险赔付'));
      expect(synonyms(sut.analyze('車險'))).toEqual(['机动车保险']);
    });

    it('leaves traditional characters alone without a table', () => {
      expect(words(ChineseAnalyzer.create().analyze('保單'))).not.toContain('保单');
    });
  });
});

describe(normalizeText.name, () => {
  it('applies NFKC, lower-cases and turns punctuation runs into one space', () => {
    expect(normalizeText('Ｈello，世界！！ 123')).toBe('hello 世界 123');
  });
});

describe(toSimplified.name, () => {
  it('replaces the characters the table knows and keeps the others', () => {
    const sut = toSimplified;

    expect(sut('保單號A', new Map([['單', '单']]))).toBe('保单號A');
    expect(sut('保單', new Map())).toBe('保單');
  });
});
