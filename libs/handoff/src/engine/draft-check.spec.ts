import { join } from 'node:path';
import { Rulebook } from '@anxin/knowledge';
import { checkDraft } from './draft-check';

const KNOWLEDGE = join(__dirname, '..', '..', '..', '..', 'knowledge');
const LEXICONS = [
  'forbidden-phrases',
  'misleading-promotion',
  'claim-prejudgement',
  'secret-requests',
] as const;

describe(checkDraft.name, () => {
  let rules: Rulebook;
  const check = (text: string) =>
    checkDraft(
      text,
      LEXICONS.map((key) => rules.phraseLexicon(key)),
      rules.standard,
    );

  beforeAll(async () => {
    rules = await Rulebook.load(KNOWLEDGE);
  });

  it('passes an ordinary, careful reply', () => {
    expect(check('您好，理赔结果以审核结论为准，材料齐全后我们会尽快为您处理。')).toEqual([]);
  });

  it('names the behaviour check and the lexicon category of each rule a draft seems to break', () => {
    expect(check('放心，这种情况肯定能赔')).toEqual([
      expect.objectContaining({
        checkId: 'CS-09',
        lexicon: 'claim-prejudgement',
        severity: 'critical',
        matched: '肯定能赔',
      }),
    ]);
    expect(check('这款产品保本，收益比存款高')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ lexicon: 'misleading-promotion', category: 'guaranteed_return' }),
      ]),
    );
    expect(check('这不归我管')).toEqual([
      expect.objectContaining({
        lexicon: 'forbidden-phrases',
        category: 'brush_off',
        checkId: expect.stringMatching(/^CS-/),
      }),
    ]);
  });

  it('reports each category once, however often the draft repeats it, and normalises full-width text', () => {
    const warnings = check('肯定能赔，肯定能赔！');
    expect(warnings).toHaveLength(1);
    expect(check('ＯＫ，肯定能赔')).toHaveLength(1);
  });
});
