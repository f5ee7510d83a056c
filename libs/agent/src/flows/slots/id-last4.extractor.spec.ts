import { extractIdLast4 } from './id-last4.extractor';

describe(extractIdLast4.name, () => {
  it.each([
    ['1234', '1234'],
    ['后四位是123X', '123X'],
    ['123x', '123X'],
    ['123×', '123X'],
    ['身份证后4位：0021', '0021'],
    ['身份证后四位是 0021 谢谢', '0021'],
    ['１２３４', '1234'],
    ['后四位一二三四', '1234'],
  ])('reads 「%s」 as %s', (text, last4) => {
    expect(extractIdLast4(text)).toBe(last4);
  });

  it.each([
    ['12345'],
    ['110101199001011234'],
    ['123'],
    ['12X4'],
    ['1234和5678'],
    ['AXCI1234'],
    ['不记得了'],
    ['后四位是1234，手机13812345678'],
  ])('refuses 「%s」', (text) => {
    expect(extractIdLast4(text)).toBeNull();
  });
});
