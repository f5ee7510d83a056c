import { normalizeInput, sourceSpan } from './text-normalize.util';

describe(normalizeInput.name, () => {
  it.each([
    ['３月５日', '3月5日'],
    ['昨天 下午 3 点', '昨天下午3点'],
    ['2026-03-05 15:30', '2026-03-05 15:30'],
    ['800  RMB', '800 RMB'],
    ['￥８００', '¥800'],
    ['下午３：３０', '下午3:30'],
    ['\u3000张三\u3000', '张三'],
  ])('normalises 「%s」 to 「%s」', (input, expected) => {
    expect(normalizeInput(input).text).toBe(expected);
  });

  it('maps a normalised range back to the original characters', () => {
    const normalized = normalizeInput('大约 ３月５日 下午');
    const start = normalized.text.indexOf('3');
    expect(sourceSpan(normalized, start, start + 4)).toBe('３月５日');
    expect(sourceSpan(normalized, 2, 2)).toBe('');
  });
});
