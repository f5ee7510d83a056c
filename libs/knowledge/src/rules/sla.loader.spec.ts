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

  it('reads the service timers into seconds by field', () => {
    expect(sut.service).toEqual({
      offerAcceptSeconds: 30,
      queueTimeoutSeconds: 600,
      queueUpdateSeconds: 60,
      averageHandleSeconds: 300,
      agentFirstResponseSeconds: 30,
      agentReconnectGraceSeconds: 45,
      botIdleCloseSeconds: 900,
      customerIdleReminderSeconds: 300,
      customerIdleCloseSeconds: 180,
    });
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
    [
      'a file without service timers',
      goodText(FILE).replace(/^service:[\s\S]*$/m, ''),
      'knowledge/sla.yaml:1 service: is required',
    ],
    [
      'a missing service timer',
      goodWith(FILE, /^ {2}queue_update: .*\n/m, ''),
      'knowledge/sla.yaml:31 service.queue_update: is required',
    ],
    [
      'an unknown service timer',
      `${goodText(FILE)}  agent_idle_close: { seconds: 60, title: 人工客服闲置, basis: [测试规则] }\n`,
      'knowledge/sla.yaml:41 service.agent_idle_close: unknown field',
    ],
    [
      'a service timer that is not a positive whole number of seconds',
      goodWith(FILE, 'seconds: 45', 'seconds: 0.5'),
      'knowledge/sla.yaml:37 service.agent_reconnect_grace.seconds: must be a positive integer',
    ],
    [
      'a service timer without basis',
      goodWith(
        FILE,
        'seconds: 180, title: 提醒后未回复自动结束, basis: [测试规则] }',
        'seconds: 180, title: 提醒后未回复自动结束 }',
      ),
      'knowledge/sla.yaml:40 service.customer_idle_close.basis: is required',
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
