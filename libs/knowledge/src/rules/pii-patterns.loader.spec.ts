import { problemsOf } from '../loading/__fixtures__/fixture-dir.helper';
import { ProblemList } from '../loading/problem.list';
import { goodText, goodWith } from './__fixtures__/rules-fixture.helper';
import { maskValue, parsePiiPatterns, PiiPatterns } from './pii-patterns.loader';

const FILE = 'lexicon/pii-patterns.yaml';

describe(PiiPatterns.name, () => {
  const sut = parsePiiPatterns(goodText(FILE), new ProblemList('knowledge')) as PiiPatterns;

  it('finds PII that passes its check digit, left to right', () => {
    const text = '保单AXCI202600001234，身份证11010519491231002X，卡6222021234567890128，电话13812345678';

    expect(sut.find(text).map((m) => [m.kind, m.value])).toEqual([
      ['policy_no', 'AXCI202600001234'],
      ['id_card', '11010519491231002X'],
      ['bank_card', '6222021234567890128'],
      ['mobile', '13812345678'],
    ]);
    expect(sut.find(text, ['mobile'])).toEqual([
      { kind: 'mobile', value: '13812345678', index: 64, valid: true },
    ]);
  });

  it('gives an 18-digit run to the first kind whose check passes', () => {
    // 110105194912310021 fails GB 11643; it is not a Luhn number either, so nothing is found.
    expect(sut.find('号码110105194912310021')).toEqual([]);
    // 6222021234567890128 passes Luhn only, so it is a bank card.
    expect(sut.find('6222021234567890128').map((m) => m.kind)).toEqual(['bank_card']);
  });

  it('masks valid matches and failed-checksum ID numbers, keeping the configured ends', () => {
    expect(sut.mask('身份证11010519491231002X，手机13812345678。')).toBe(
      '身份证1101**********002X，手机138****5678。',
    );
    expect(sut.mask('身份证110105194912310021')).toBe('身份证1101**********0021');
    expect(sut.mask('卡号6222021234567890123')).toBe('卡号6222021234567890123');
    expect(sut.mask('金额12345元，日期20260101')).toBe('金额12345元，日期20260101');
  });

  it('exposes each pattern with its validator', () => {
    const idCard = sut.get('id_card');

    expect(idCard).toMatchObject({
      validator: 'gb11643',
      keepStart: 4,
      keepEnd: 4,
      maskFailedChecksum: true,
    });
    expect(idCard?.validate('11010519491231002X')).toBe(true);
    expect(idCard?.validate('110105194912310021')).toBe(false);
    expect(sut.get('passport')).toBeUndefined();
  });
});

describe(maskValue.name, () => {
  it('keeps both ends and stars at least four characters', () => {
    expect(maskValue('13812345678', 3, 4)).toBe('138****5678');
    expect(maskValue('123456', 3, 2)).toBe('123****56');
    expect(maskValue('AB123', 2, 0)).toBe('AB****');
  });
});

describe(parsePiiPatterns.name, () => {
  it.each([
    [
      'a positive example the pattern misses',
      goodWith(FILE, 'positive: [电话13812345678]', 'positive: [电话12812345678]'),
      'knowledge/lexicon/pii-patterns.yaml:36 entries[3].examples.positive[0]: "电话12812345678" is not matched by the pattern',
    ],
    [
      'a positive example that fails the checksum',
      goodWith(FILE, 'positive: [身份证11010519491231002X]', 'positive: [身份证110105194912310021]'),
      'knowledge/lexicon/pii-patterns.yaml:20 entries[1].examples.positive[0]: "身份证110105194912310021" is matched ("110105194912310021") but fails the gb11643 check',
    ],
    [
      'a negative example that is found',
      goodWith(FILE, "negative: ['6222021234567890123']", "negative: ['6217000123456788']"),
      'knowledge/lexicon/pii-patterns.yaml:29 entries[2].examples.negative[0]: "6217000123456788" is found by the pattern with the luhn check ("6217000123456788")',
    ],
    [
      'an unknown validator',
      goodWith(FILE, 'validator: luhn', 'validator: mod10'),
      'knowledge/lexicon/pii-patterns.yaml:25 entries[2].validator: must be one of gb11643|luhn|none',
    ],
    [
      'a pattern that does not compile',
      goodWith(FILE, "pattern: '(?<!\\d)1[3-9]\\d{9}(?!\\d)'", "pattern: '(?<!\\d)1[3-9\\d{9}(?!\\d)'"),
      expect.stringMatching(
        /^knowledge\/lexicon\/pii-patterns\.yaml:32 entries\[3\]\.pattern: must be a valid JavaScript regular expression \(/,
      ),
    ],
    [
      'maskFailedChecksum without a checksum',
      goodWith(FILE, 'title: 手机号\n', 'title: 手机号\n    maskFailedChecksum: true\n'),
      'knowledge/lexicon/pii-patterns.yaml:32 entries[3].maskFailedChecksum: is only for a checksum validator',
    ],
    [
      'a required kind left out',
      goodWith(FILE, 'kind: policy_no', 'kind: contract_no'),
      'knowledge/lexicon/pii-patterns.yaml:4 entries: kind policy_no is required',
    ],
  ])('reports %s', (_case, text, expected) => {
    expect(problemsOf((p) => parsePiiPatterns(text, p))).toEqual([expected]);
  });
});
