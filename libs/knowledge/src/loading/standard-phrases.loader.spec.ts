import { problemsOf } from './__fixtures__/fixture-dir.helper';
import { ProblemList } from './problem.list';
import { parseStandardPhrases, StandardPhrases } from './standard-phrases.loader';

const VALID = `version: 1
phrases:
  greeting: >-
    您好，我是AI智能客服。
    请问有什么可以帮您？
  no_grounding: 很抱歉，这个问题我暂时无法准确回答。
  handoff_offer: 如需人工服务，请回复「转人工」。
  suggestion_intro: 您是想咨询以下哪个问题呢？
  answer_follow_up: 请问您还有其他需要帮助的吗？
`;

describe(StandardPhrases.name, () => {
  const sut = parseStandardPhrases(VALID, new ProblemList('knowledge')) as StandardPhrases;

  it('returns the text of a key, with YAML folding between Chinese sentences removed', () => {
    expect(sut.phrase('greeting')).toBe('您好，我是AI智能客服。请问有什么可以帮您？');
    expect(sut.phrase('answer_follow_up')).toBe('请问您还有其他需要帮助的吗？');
    expect(sut.keys()).toHaveLength(5);
  });

  it('throws KNOWLEDGE.NOT_LOADED for an unknown key', () => {
    expect(() => sut.phrase('farewell')).toThrow(expect.objectContaining({ code: 'KNOWLEDGE.NOT_LOADED' }));
  });
});

describe(parseStandardPhrases.name, () => {
  it.each([
    ['bad YAML', 'version: 1\nphrases: [a\n', /standard-phrases\.yaml:\d+ invalid YAML/],
    [
      'a wrong version',
      VALID.replace('version: 1', 'version: 0'),
      /standard-phrases\.yaml:1 version: must be a positive integer/,
    ],
    [
      'a missing required key',
      VALID.replace(/ {2}handoff_offer: .*\n/, ''),
      /standard-phrases\.yaml:2 phrases\.handoff_offer: is required/,
    ],
    [
      'an empty text',
      VALID.replace(/no_grounding: .*/, 'no_grounding: ""'),
      /standard-phrases\.yaml:6 phrases\.no_grounding: must not be empty/,
    ],
    [
      'a key that is not snake_case',
      `${VALID}  Farewell: 再见\n`,
      /standard-phrases\.yaml:10 phrases\.Farewell: key must be snake_case/,
    ],
    ['an unknown top-level field', `${VALID}extra: 1\n`, /standard-phrases\.yaml:10 extra: unknown field/],
  ])('reports %s with file, line and field', (_case, text, expected) => {
    expect(problemsOf((problems) => parseStandardPhrases(text, problems))).toEqual([
      expect.stringMatching(expected),
    ]);
  });
});
