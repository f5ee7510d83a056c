import { problemsOf } from '../loading/__fixtures__/fixture-dir.helper';
import { ProblemList } from '../loading/problem.list';
import { goodText, goodWith } from './__fixtures__/rules-fixture.helper';
import { parseHandoffRouting } from './handoff-routing.loader';
import type { HandoffRouting } from './rules.types';

const FILE = 'handoff/routing.yaml';

describe(parseHandoffRouting.name, () => {
  const sut = parseHandoffRouting(goodText(FILE), new ProblemList('knowledge')) as HandoffRouting;

  it('loads skills in file order, the stage and reason skills and the priorities', () => {
    expect(sut.version).toBe(1);
    expect(sut.skills).toEqual([
      { key: 'general', title: '综合服务' },
      { key: 'claims', title: '理赔服务' },
      { key: 'complaints', title: '投诉处理' },
    ]);
    expect(sut.defaultSkill).toBe('general');
    expect(sut.stageSkills).toEqual({
      presale: 'general',
      insale: 'general',
      aftersale: 'general',
      renewal: 'general',
      claims: 'claims',
      complaint: 'complaints',
      general: 'general',
    });
    expect(sut.reasonSkills).toEqual({ complaint: 'complaints', sensitive_decision: 'claims' });
    expect(sut.priorities).toEqual([
      { level: 2, title: '紧急与适老优先', reasons: ['crisis', 'vulnerable'] },
      { level: 1, title: '投诉优先', reasons: ['complaint'] },
    ]);
    expect(sut.overflowToAnySkill).toBe(false);
  });

  it('routes by reason first, then by stage, then to the default skill', () => {
    expect(sut.skillOf('complaint', 'claims')).toBe('complaints');
    expect(sut.skillOf('sensitive_decision', null)).toBe('claims');
    expect(sut.skillOf('explicit_request', 'claims')).toBe('claims');
    expect(sut.skillOf('explicit_request', 'presale')).toBe('general');
    expect(sut.skillOf('repeated_failure', null)).toBe('general');
    expect(sut.skillOf('constructor', null)).toBe('general');
  });

  it('gives the highest priority level of the reasons, 0 for reasons in no priority', () => {
    expect(sut.priorityOf([])).toBe(0);
    expect(sut.priorityOf(['explicit_request'])).toBe(0);
    expect(sut.priorityOf(['complaint'])).toBe(1);
    expect(sut.priorityOf(['complaint', 'vulnerable'])).toBe(2);
    expect(sut.priorityOf(['negative_emotion', 'crisis'])).toBe(2);
  });

  it('names skills, and falls back to the key for an unknown one', () => {
    expect(sut.skillTitle('claims')).toBe('理赔服务');
    expect(sut.skillTitle('legal')).toBe('legal');
    expect(sut.hasSkill('complaints')).toBe(true);
    expect(sut.hasSkill('legal')).toBe(false);
  });

  it.each([
    [
      'a missing stage',
      goodWith(FILE, '  renewal: general\n', ''),
      ['knowledge/handoff/routing.yaml:11 stageSkills.renewal: is required'],
    ],
    [
      'a stage that does not exist',
      goodWith(FILE, '  presale: general\n', '  presale: general\n  sales: general\n'),
      ['knowledge/handoff/routing.yaml:13 stageSkills.sales: unknown field'],
    ],
    [
      'an unknown skill for a stage',
      goodWith(FILE, 'claims: claims', 'claims: claim'),
      [
        'knowledge/handoff/routing.yaml:16 stageSkills.claims: unknown skill "claim" (declared: general, claims, complaints)',
      ],
    ],
    [
      'an unknown skill for a reason',
      goodWith(FILE, 'sensitive_decision: claims', 'sensitive_decision: legal'),
      [
        'knowledge/handoff/routing.yaml:21 reasonSkills.sensitive_decision: unknown skill "legal" (declared: general, claims, complaints)',
      ],
    ],
    [
      'an unknown default skill',
      goodWith(FILE, 'defaultSkill: general', 'defaultSkill: sales'),
      [
        'knowledge/handoff/routing.yaml:10 defaultSkill: unknown skill "sales" (declared: general, claims, complaints)',
      ],
    ],
    [
      'a skill key used twice (and the skill it leaves undeclared)',
      goodWith(FILE, '  - key: claims', '  - key: general'),
      [
        'knowledge/handoff/routing.yaml:6 skills[1].key: "general" is already used by skills[0] (line 4)',
        'knowledge/handoff/routing.yaml:16 stageSkills.claims: unknown skill "claims" (declared: general, complaints)',
        'knowledge/handoff/routing.yaml:21 reasonSkills.sensitive_decision: unknown skill "claims" (declared: general, complaints)',
      ],
    ],
    [
      'a skill key that is not lower-case',
      goodWith(FILE, 'key: claims', 'key: Claims'),
      ['knowledge/handoff/routing.yaml:6 skills[1].key: must be a lower-case key like "claims"'],
    ],
    [
      'a reason that is not a lower-case key',
      goodWith(FILE, 'sensitive_decision: claims', 'Sensitive-Decision: claims'),
      [
        'knowledge/handoff/routing.yaml:21 reasonSkills.Sensitive-Decision: handoff reason must be a lower-case key like "complaint"',
      ],
    ],
    [
      'a priority level used twice',
      goodWith(FILE, 'level: 1', 'level: 2'),
      [
        'knowledge/handoff/routing.yaml:26 priorities[1].level: level 2 is already used by priorities[0] (line 23)',
      ],
    ],
    [
      'a priority level below 1',
      goodWith(FILE, 'level: 1', 'level: 0'),
      ['knowledge/handoff/routing.yaml:26 priorities[1].level: must be a positive integer'],
    ],
    [
      'a reason in two priorities',
      goodWith(FILE, 'reasons: [complaint]', 'reasons: [complaint, vulnerable]'),
      [
        'knowledge/handoff/routing.yaml:28 priorities[1].reasons[1]: "vulnerable" is already in priorities[0] (line 23)',
      ],
    ],
    [
      'a reason listed twice in one priority',
      goodWith(FILE, 'reasons: [crisis, vulnerable]', 'reasons: [crisis, crisis]'),
      ['knowledge/handoff/routing.yaml:25 priorities[0].reasons[1]: is listed twice'],
    ],
    [
      'an overflow flag that is not true or false',
      goodWith(FILE, 'overflowToAnySkill: false', 'overflowToAnySkill: sometimes'),
      ['knowledge/handoff/routing.yaml:29 overflowToAnySkill: must be true or false'],
    ],
    [
      'an unknown field',
      `${goodText(FILE)}fallbackSkill: general\n`,
      ['knowledge/handoff/routing.yaml:30 fallbackSkill: unknown field'],
    ],
  ])('reports %s with file, line and field', (_case, text, expected) => {
    expect(problemsOf((problems) => parseHandoffRouting(text, problems))).toEqual(expected);
  });
});
