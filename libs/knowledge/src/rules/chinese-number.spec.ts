import { parseChineseNumber } from './chinese-number';

describe(parseChineseNumber.name, () => {
  it.each([
    ['15', 15],
    ['1.5', 1.5],
    ['十五', 15],
    ['三十', 30],
    ['六十五', 65],
    ['一百零二', 102],
    ['一百八十', 180],
    ['三千', 3000],
    ['一万二千', 12_000],
    ['两万', 20_000],
  ])('reads %s as %d', (text, value) => {
    expect(parseChineseNumber(text)).toBe(value);
  });

  it('refuses what is not a number', () => {
    expect(parseChineseNumber('')).toBeNaN();
    expect(parseChineseNumber('几')).toBeNaN();
    expect(parseChineseNumber('1万')).toBeNaN();
  });
});
