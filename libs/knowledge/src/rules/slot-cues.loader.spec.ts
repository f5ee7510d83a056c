import { problemsOf } from '../loading/__fixtures__/fixture-dir.helper';
import { ProblemList } from '../loading/problem.list';
import { goodText } from './__fixtures__/rules-fixture.helper';
import { parsePiiPatterns, type PiiPatterns } from './pii-patterns.loader';
import type { SlotCues } from './rules.types';
import { parseSlotCues } from './slot-cues.loader';

const PII = parsePiiPatterns(
  goodText('lexicon/pii-patterns.yaml'),
  new ProblemList('knowledge'),
) as PiiPatterns;

const GOOD = `version: 1
description: 测试用槽位识别词表。
ask: ['请(您)?提供|是多少']
slots:
  - name: policy_no
    title: 保单号
    labels: [保单号]
    pii: policy_no
    examples:
      - { text: 保单号AXCI202600001234, value: AXCI202600001234 }
  - name: customer_age
    title: 年龄
    number: true
    values: ['我(?:今年)?(\\d{1,3}|[一二三四五六七八九十]{1,3})(?:岁|了)']
    examples:
      - { text: 我今年六十五了, value: 65 }
      - { text: 我爸70了, value: null }
  - name: product_line
    title: 险种
    classes:
      - { value: medical, patterns: ['医疗险'] }
      - { value: critical_illness, patterns: ['重疾'] }
    examples:
      - { text: 想买医疗险, value: medical }
  - name: intent
    title: 意图
    classes:
      - { value: surrender, patterns: ['退保'] }
      - { value: how_to_buy, with: [product_line], patterns: ['想买'] }
    examples:
      - { text: 想买重疾险, value: how_to_buy }
      - { text: 想买点东西, value: null }
documents:
  cue: '材料'
  add: '还需要'
  name: '(证明|发票)$'
  separator: '[、,;]'
  itemPrefix: '^(需要)+'
  genericEnd: '(证明)+$'
  listItem: '^\\s*\\d[.]'
`;

const withText = (from: string, to: string): string => {
  if (!GOOD.includes(from)) throw new Error(`no ${from}`);
  return GOOD.replace(from, to);
};

describe(parseSlotCues.name, () => {
  let sut: SlotCues;

  beforeAll(() => {
    sut = parseSlotCues(GOOD, new ProblemList('knowledge'), PII) as SlotCues;
  });

  it('reads every slot a text states, in file order', () => {
    const text = '我今年70了，想买重疾险，保单号AXCI202600001234';
    const pii = (kind: string): string | undefined => PII.find(text, [kind])[0]?.value;

    expect(Object.fromEntries(sut.read(text, pii))).toEqual({
      policy_no: 'AXCI202600001234',
      customer_age: 70,
      product_line: 'critical_illness',
      intent: 'how_to_buy',
    });
  });

  it('skips a class whose `with` slots the text does not state', () => {
    expect(sut.read('想买点东西', () => undefined).has('intent')).toBe(false);
  });

  it('exposes the slots by name with their labels, the ask cue and the document words', () => {
    expect(sut.version).toBe(1);
    expect(sut.slot('policy_no')).toMatchObject({ title: '保单号', labels: ['保单号'], pii: 'policy_no' });
    expect(sut.slot('claim_no')).toBeUndefined();
    expect(sut.ask[0].test('请提供保单号')).toBe(true);
    expect(sut.documents.name.test('诊断证明')).toBe(true);
  });

  it.each([
    [
      'two readers on one slot',
      withText('    pii: policy_no\n', "    pii: policy_no\n    values: ['(AX\\d+)']\n"),
      /slot-cues\.yaml:\d+ slots\[0\]\.values: needs exactly one reader: pii, values or classes$/,
    ],
    [
      'a values pattern without a capture group',
      withText('(\\d{1,3}|[一二三四五六七八九十]{1,3})(?:岁|了)', '\\d+岁'),
      /slot-cues\.yaml:\d+ slots\[1\]\.values\[0\]: needs a capture group \(…\) around the value$/,
    ],
    [
      'number on a classes slot',
      withText('    title: 险种\n', '    title: 险种\n    number: true\n'),
      /slot-cues\.yaml:\d+ slots\[2\]\.number: is only for a values reader$/,
    ],
    [
      'an unknown PII kind',
      withText('pii: policy_no', 'pii: passport'),
      /slot-cues\.yaml:\d+ slots\[0\]\.pii: unknown PII kind "passport" \(lexicon\/pii-patterns\.yaml has policy_no, id_card, bank_card, mobile\)$/,
    ],
    [
      'a class needing a slot defined below it',
      withText('with: [product_line]', 'with: [customer_name]'),
      /slot-cues\.yaml:\d+ slots\[3\]\.classes\[1\]\.with\[0\]: "customer_name" must name a slot defined above this one$/,
    ],
    [
      'a slot defined twice',
      withText('  - name: intent', '  - name: product_line'),
      /slot-cues\.yaml:\d+ slots\[3\]\.name: "product_line" is already defined in slots\[2\] \(line \d+\)$/,
    ],
    [
      'an example that reads otherwise',
      withText('{ text: 我爸70了, value: null }', '{ text: 我70了, value: null }'),
      /slot-cues\.yaml:\d+ slots\[1\]\.examples\[1\]: "我70了" reads as "70", expected nothing$/,
    ],
    [
      'a regex not in NFKC form',
      withText("cue: '材料'", "cue: '材料（'"),
      /slot-cues\.yaml:\d+ documents\.cue: must be written in NFKC form/,
    ],
    [
      'a missing documents section',
      GOOD.slice(0, GOOD.indexOf('documents:')),
      /slot-cues\.yaml:1 documents: is required$/,
    ],
  ])('reports %s with file, line and field', (_case, text, expected) => {
    expect(problemsOf((problems) => parseSlotCues(text, problems, PII))).toEqual([
      expect.stringMatching(expected),
    ]);
  });
});
