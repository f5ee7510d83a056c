import { problemsOf } from '../loading/__fixtures__/fixture-dir.helper';
import { ProblemList } from '../loading/problem.list';
import { goodText, goodWith } from './__fixtures__/rules-fixture.helper';
import { parseReplyCues } from './reply-cues.loader';

const FILE = 'lexicon/reply-cues.yaml';

describe(parseReplyCues.name, () => {
  it('loads the three lists, NFKC-normalised and lower-cased', () => {
    const sut = parseReplyCues(goodWith(FILE, 'OK]', 'ＯＫ, Yes]'), new ProblemList('knowledge'));

    expect(sut).toEqual({
      version: 1,
      yes: ['是的', '对', 'ok', 'yes'],
      no: ['不对', '有误'],
      cancel: ['取消', '算了'],
    });
  });

  it.each([
    [
      'an empty list',
      goodWith(FILE, 'cancel: [取消, 算了]', 'cancel: []'),
      /reply-cues\.yaml:5 cancel: must be a non-empty list of strings$/,
    ],
    ['a missing list', goodWith(FILE, 'no: [不对, 有误]\n', ''), /reply-cues\.yaml:1 no: is required$/],
    [
      'a phrase in two lists',
      goodWith(FILE, 'cancel: [取消, 算了]', 'cancel: [取消, 不对]'),
      /reply-cues\.yaml:5 cancel\[1\]: "不对" is already in no\[0\] \(line 4\)$/,
    ],
    [
      'a phrase that differs only in width or case',
      goodWith(FILE, 'no: [不对, 有误]', 'no: [不对, ｏｋ]'),
      /reply-cues\.yaml:4 no\[1\]: "ｏｋ" is already in yes\[2\] \(line 3\)$/,
    ],
    [
      'a phrase listed twice',
      goodWith(FILE, '对, OK', '对, 对'),
      /reply-cues\.yaml:3 yes\[2\]: is listed twice$/,
    ],
    ['an unknown field', `${goodText(FILE)}maybe: [也许]\n`, /reply-cues\.yaml:6 maybe: unknown field$/],
    [
      'a wrong version',
      goodWith(FILE, 'version: 1', 'version: 0'),
      /reply-cues\.yaml:1 version: must be a positive integer$/,
    ],
  ])('reports %s with file, line and field', (_case, text, expected) => {
    expect(problemsOf((problems) => parseReplyCues(text, problems))).toEqual([
      expect.stringMatching(expected),
    ]);
  });
});
