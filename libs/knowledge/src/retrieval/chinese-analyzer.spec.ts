import { ChineseAnalyzer, normalizeText, type Token } from './chinese-analyzer';

const LEXICON = {
  userWords: [
    { word: '重疾险', freq: 2000, tag: 'n' },
    { word: '等待期', freq: 2000, tag: 'n' },
  ],
  synonymGroups: [
    ['理赔', '赔付', 'lp'],
    ['机动车保险', '车险'],
  ],
};

const words = (tokens: Token[]): string[] => tokens.filter((t) => t.kind !== 'bigram').map((t) => t.term);
const bigrams = (tokens: Token[]): string[] => tokens.filter((t) => t.kind === 'bigram').map((t) => t.term);

describe(ChineseAnalyzer.name, () => {
  const sut = ChineseAnalyzer.create(LEXICON);

  it('keeps dictionary terms as one word (重疾险, 等待期) and drops stop words', () => {
    const tokens = sut.analyze('我想咨询一下重疾险的等待期是多久');

    expect(words(tokens)).toEqual(['重疾险', '等待期', '多久']);
    expect(tokens.find((t) => t.term === '重疾险')?.kind).toBe('domain');
    expect(tokens.find((t) => t.term === '多久')?.kind).toBe('word');
  });

  it('without the insurance dictionary, jieba splits 等待期', () => {
    expect(words(ChineseAnalyzer.create().analyze('重疾险的等待期是多久'))).not.toContain('等待期');
  });

  it('maps synonyms to their canonical term, also inside text and from ASCII shorthand', () => {
    expect(words(sut.analyze('车险lp要啥材料'))).toEqual(['机动车保险', '理赔', '材料']);
    expect(words(sut.analyze('赔付多久到账'))).toContain('理赔');
  });

  it('maps ASCII synonyms only as whole ASCII words', () => {
    expect(words(sut.analyze('help'))).toEqual(['help']);
  });

  it('normalizes width and case (ＬＰ is lp) and drops punctuation', () => {
    expect(words(sut.analyze('ＬＰ进度？！'))).toEqual(['理赔', '进度']);
  });

  it('adds overlapping Han bigrams over each run of kept words', () => {
    expect(bigrams(sut.analyze('重疾险的等待期'))).toEqual(['重疾', '疾险', '等待', '待期']);
    expect(bigrams(sut.analyze('需要准备材料'))).toEqual(['需要', '要准', '准备', '备材', '材料']);
    // A rewritten synonym stands alone, so no bigram spans it.
    expect(bigrams(sut.analyze('赔付需要材料'))).toEqual(['理赔', '需要', '要材', '材料']);
  });

  it('returns nothing for text that is only punctuation or stop words', () => {
    expect(sut.analyze('？？？')).toEqual([]);
    expect(sut.analyze('请问一下吗')).toEqual([]);
  });
});

describe(normalizeText.name, () => {
  it('applies NFKC, lower-cases and turns punctuation runs into one space', () => {
    expect(normalizeText('Ｈello，世界！！ 123')).toBe('hello 世界 123');
  });
});
