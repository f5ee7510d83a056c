import { problemsOf } from '../loading/__fixtures__/fixture-dir.helper';
import { ProblemList } from '../loading/problem.list';
import { goodText, goodWith } from './__fixtures__/rules-fixture.helper';
import { parseSla, SlaTable } from './sla.loader';

const FILE = 'sla.yaml';

describe(SlaTable.name, () => {
  const sut = parseSla(goodText(FILE), new ProblemList('knowledge')) as SlaTable;

  it('looks entries up by key', () => {
    expect(sut.keys()).toEqual(['claim_decision_complex', 'application_refund']);
    expect(sut.get('claim_decision_complex')).toEqual({
      key: 'claim_decision_complex',
      title: '复杂案件核定时限',
      value: 30,
      unit: 'days',
      bound: 'within',
      limits: '情形复杂的案件作出核定的期限',
      startsAt: '收到理赔申请及资料之日',
      lines: ['all'],
      stages: ['claims'],
      contractMayDiffer: true,
      cues: ['核定'],
      basisKind: 'statute',
      basis: ['《中华人民共和国保险法》第二十三条'],
      scripts: ['claims-progress'],
    });
    expect(sut.get('application_refund')).toMatchObject({
      value: 3,
      upTo: 7,
      unit: 'working_days',
      scripts: [],
    });
    expect(sut.get('nope')).toBeUndefined();
  });
});

describe(parseSla.name, () => {
  it.each([
    [
      'an entry without basis',
      goodWith(FILE, '    basis: [安心保险投保服务说明]\n', ''),
      'knowledge/sla.yaml:18 entries[1].basis: is required',
    ],
    [
      'an empty basis list',
      goodWith(FILE, 'basis: [安心保险投保服务说明]', 'basis: []'),
      'knowledge/sla.yaml:30 entries[1].basis: must be a non-empty list of strings',
    ],
    [
      'an unknown unit',
      goodWith(FILE, 'unit: working_days', 'unit: weekdays'),
      'knowledge/sla.yaml:22 entries[1].unit: must be one of minutes|hours|days|working_days|months|years',
    ],
    [
      'a range whose upper end is not above its value',
      goodWith(FILE, 'upTo: 7', 'upTo: 2'),
      'knowledge/sla.yaml:21 entries[1].upTo: must be greater than value',
    ],
    [
      'a duplicate key',
      goodWith(FILE, 'key: application_refund', 'key: claim_decision_complex'),
      'knowledge/sla.yaml:18 entries[1].key: "claim_decision_complex" is already used by entries[0] (line 5)',
    ],
    [
      'an unknown stage',
      goodWith(FILE, 'stages: [insale]', 'stages: [sales]'),
      'knowledge/sla.yaml:26 entries[1].appliesTo.stages[0]: must be one of presale|insale|aftersale|claims|renewal|complaint|general',
    ],
  ])('reports %s', (_case, text, expected) => {
    expect(problemsOf((p) => parseSla(text, p))).toEqual([expected]);
  });

  it('reports a script reference the knowledge folder does not have', () => {
    expect(problemsOf((p) => parseSla(goodText(FILE), p, new Set(['claims-motor-documents'])))).toEqual([
      'knowledge/sla.yaml:17 entries[0].scripts[0]: no script "claims-progress" in scripts/',
    ]);
    expect(problemsOf((p) => parseSla(goodText(FILE), p, new Set(['claims-progress'])))).toEqual([]);
  });
});
