import { isInside, isNegated, normalizeText, parseNumber, quotedSpans, sentenceAround } from './text.util';

const NEGATION = ['不', '并非', '不是', '请勿'];

describe('text utilities', () => {
  it('normalises full-width punctuation and digits to ASCII (NFKC)', () => {
    expect(normalizeText('您好，请稍等！３０天（工作日）')).toBe('您好,请稍等!30天(工作日)');
  });

  describe(isNegated.name, () => {
    const negated = (text: string, phrase: string, window = 4): boolean =>
      isNegated(text, text.indexOf(phrase), NEGATION, window);

    it('drops a match right after a negation word', () => {
      expect(negated('这款产品不保本', '保本')).toBe(true);
      expect(negated('保险并非无风险', '无风险')).toBe(true);
    });

    it('counts the characters between the negation and the match against the window', () => {
      expect(negated('并非是一款保本产品', '保本', 3)).toBe(true);
      expect(negated('并非是一款保本产品', '保本', 2)).toBe(false);
    });

    it('stops at the clause boundary', () => {
      expect(negated('不用担心,保本', '保本')).toBe(false);
      expect(negated('不会的。保本', '保本')).toBe(false);
    });

    it('keeps a match with no negation before it', () => {
      expect(negated('这款产品保本', '保本')).toBe(false);
    });
  });

  describe(quotedSpans.name, () => {
    const quoted = (text: string, phrase: string): boolean => {
      const start = text.indexOf(phrase);
      return isInside(quotedSpans(text), start, start + phrase.length);
    };

    it('finds matches inside each kind of quotation mark', () => {
      expect(quoted('您说的「保本」是指什么', '保本')).toBe(true);
      expect(quoted('您提到“稳赚”,这不准确', '稳赚')).toBe(true);
      expect(quoted('条款写"保证收益"吗', '保证收益')).toBe(true);
      expect(quoted('详见《保本须知》', '保本')).toBe(true);
    });

    it('does not treat text outside or after an unclosed mark as quoted', () => {
      expect(quoted('「您好」,这款产品保本', '保本')).toBe(false);
      expect(quoted('您说「这款产品保本', '保本')).toBe(false);
    });
  });

  it('parses Arabic and Chinese numerals', () => {
    expect([parseNumber('30'), parseNumber('1.5'), parseNumber('十五'), parseNumber('三十')]).toEqual([
      30, 1.5, 15, 30,
    ]);
    expect([parseNumber('一百八十'), parseNumber('两'), parseNumber('九十'), parseNumber('百')]).toEqual([
      180, 2, 90, 100,
    ]);
    expect(parseNumber('几')).toBeNaN();
  });

  it('finds the sentence around a match', () => {
    const text = '您好。理赔核定一般在30日内完成,请耐心等待!谢谢';

    expect(sentenceAround(text, text.indexOf('30日'), text.indexOf('30日') + 3)).toBe(
      '理赔核定一般在30日内完成,请耐心等待',
    );
  });
});
