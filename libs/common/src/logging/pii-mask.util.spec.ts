import { maskPii, maskPiiDeep } from './pii-mask.util';

describe('maskPii', () => {
  it.each([
    ['我的身份证号是11010519491231002X', '我的身份证号是1101**********002X'],
    ['手机13812345678，回电', '手机138****5678，回电'],
    ['卡号6222021234567890123', '卡号6222***********0123'],
    ['保单号AXCI202600001234', '保单号AXCI********1234'],
  ])('masks %s', (input, expected) => {
    expect(maskPii(input)).toBe(expected);
  });

  it('leaves amounts, dates and ordinary numbers alone', () => {
    const text = '2026年3月5日住院，花费3000元，等待期90天';
    expect(maskPii(text)).toBe(text);
  });

  it('masks strings deep inside log payloads', () => {
    expect(maskPiiDeep({ a: ['电话13812345678'], b: { c: 5 } })).toEqual({
      a: ['电话138****5678'],
      b: { c: 5 },
    });
  });
});
