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

describe('maskPiiDeep on errors', () => {
  it('masks the message and the stack, and keeps the code', () => {
    const error = Object.assign(new Error('手机号13812345678无效'), { code: '23505' });
    const sut = maskPiiDeep({ err: error }) as { err: { message: string; stack: string; code: string } };
    expect(sut.err.message).toBe('手机号138****5678无效');
    expect(sut.err.stack).not.toContain('13812345678');
    expect(sut.err.code).toBe('23505');
  });

  it('does not pass deep values through unmasked', () => {
    let nested: unknown = '13812345678';
    for (let i = 0; i < 10; i++) nested = { nested };
    expect(JSON.stringify(maskPiiDeep(nested))).not.toContain('13812345678');
  });
});
