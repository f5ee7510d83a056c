import { join } from 'node:path';
import { Rulebook, type Detector } from '@anxin/knowledge';
import { validateTranscript } from '@anxin/quality';
import { evaluate, fmt, loadFixtures, transcriptOf, type LoadedFixture } from '../../bench/qa-labels.util';

/**
 * The QA engine with the real knowledge folder against the labelled evaluation set (test/fixtures/qa):
 * floors a little below what was measured (docs/benchmarks.md, "QA (质检) accuracy and throughput"), so a
 * regression in the engine or in the standard's data fails here. Matching: bench/qa-labels.util.ts.
 * Measured with behaviour.yaml v2: no judge P 0.97 (67/69) R 0.83 (67/81); every candidate confirmed
 * P 0.97 (71/73) R 0.88 (71/81); the two remaining trap hits need engine changes (CS-02 first turn per
 * responder, CS-14 ticket already created).
 */
const ROOT = join(__dirname, '..', '..');
const FLOORS = {
  'no-judge': { precision: 0.95, recall: 0.8 },
  candidates: { precision: 0.95, recall: 0.85 },
} as const;
const MAX_TRAP_HITS = 2;

describe('QA labelled set (test/fixtures/qa)', () => {
  let rules: Rulebook;
  let fixtures: LoadedFixture[];

  beforeAll(async () => {
    rules = await Rulebook.load(join(ROOT, 'knowledge'));
    fixtures = loadFixtures(join(ROOT, 'test', 'fixtures', 'qa'));
  });

  it('holds 59 transcripts the engine accepts', () => {
    expect(fixtures).toHaveLength(59);
    for (const { file, fixture } of fixtures)
      expect({ file, problems: validateTranscript(transcriptOf(fixture)) }).toMatchObject({
        file,
        problems: { ok: true },
      });
  });

  describe.each(['no-judge', 'candidates'] as const)('scored %s', (mode) => {
    let result: Awaited<ReturnType<typeof evaluate>>;

    beforeAll(async () => {
      result = await evaluate(rules, fixtures, mode);
    });

    it(`keeps micro precision ≥ ${FLOORS[mode].precision} and recall ≥ ${FLOORS[mode].recall}`, () => {
      const { micro } = result.tally;
      const measured = `P ${fmt(micro.precision)} (${micro.tp}/${micro.tp + micro.fp}) R ${fmt(micro.recall)} (${micro.tp}/${micro.expected})`;
      const floor = FLOORS[mode];
      expect({
        measured,
        met: (micro.precision ?? 0) >= floor.precision && (micro.recall ?? 0) >= floor.recall,
      }).toEqual({ measured, met: true });
    });

    it('raises nothing on the fully compliant transcripts', () => {
      const findings = result.matches
        .filter((m) => m.compliant)
        .flatMap((m) => m.counted.map((f) => `${m.file} ${f.check}.${f.detector} #${f.messageIndex ?? '-'}`));
      expect(findings).toEqual([]);
    });

    it(`hits at most ${MAX_TRAP_HITS} labelled traps`, () => {
      const hits = result.matches.flatMap((m) =>
        m.trapHits.map(
          ({ finding }) => `${m.file} ${finding.check}.${finding.detector} #${finding.messageIndex}`,
        ),
      );
      expect(hits.length).toBeLessThanOrEqual(MAX_TRAP_HITS);
    });
  });
});

/**
 * The calibrated patterns of behaviour.yaml v2 on general phrasings beyond the labelled set: each fix must
 * keep what the rule is for (hit) and drop the misfire it was made for (miss).
 */
describe('behaviour.yaml pattern calibration', () => {
  let rules: Rulebook;

  beforeAll(async () => {
    rules = await Rulebook.load(join(ROOT, 'knowledge'));
  });

  const regexesOf = (check: string, detector: string, part: 'trigger' | 'patterns' | 'from'): RegExp[] => {
    const found = rules.standard.checks
      .find((c) => c.id === check)
      ?.detectors.find((d) => d.id === detector) as (Detector & Record<string, unknown>) | undefined;
    if (!found) throw new Error(`${check}.${detector} not found`);
    const source = (part === 'patterns' ? found : found[part]) as
      { patterns?: readonly RegExp[] } | undefined;
    return [...(source?.patterns ?? [])];
  };
  const matches = (regexes: readonly RegExp[], text: string): boolean =>
    regexes.some((r) => new RegExp(r.source, r.flags.replace('g', '')).test(text.normalize('NFKC')));

  it.each([
    {
      at: ['CS-05', 'handoff_offered_after_request', 'trigger'],
      hit: [
        '转人工',
        '我要人工客服',
        '我需要人工客服',
        '人工',
        '帮我转人工',
        '找真人',
        '我要跟真人说话',
        '有没有人工客服',
        '我说了要转人工！',
      ],
      miss: [
        '你是真人吗',
        '不用转人工，你直接告诉我',
        '不需要人工客服',
        '跟我聊天的是真人还是机器人',
        '人工关节能报销吗',
      ],
    },
    {
      at: ['CS-06', 'difficulty_cue_offer', 'trigger'],
      hit: [
        '这个App我看不懂',
        '我年纪大了',
        '人脸识别是啥，我弄不了',
        '字太小看不清',
        '我今年65了',
        '我都七十多岁了',
        '我不会用手机',
        '我是老年人',
      ],
      miss: [
        '想给家里老人买份意外险',
        '我爸年纪大了能买什么保险',
        '老年人能买重疾险吗',
        '被保险人65岁能投保吗',
        '我儿子30岁',
        '我60岁的妈妈想买保险',
      ],
    },
    {
      at: ['CS-11', 'truthful_reminder', 'trigger'],
      hit: [
        '我有高血压，能买重疾险吗',
        '体检查出甲状腺结节，投保会受影响吗',
        '想买医疗险，我去年做过手术',
        '健康告知里要填吗',
        '查出过胃炎还能投保吗',
        '体检有结节，要告知吗',
      ],
      miss: [
        '我爸脑梗住院了，之前买过你们的重疾险，这个能赔吗',
        '住院理赔要什么材料',
        '我做了手术，之前买的医疗险能报吗',
        '买医疗险住院能报多少',
      ],
    },
    {
      at: ['CS-11', 'concealment_inducement', 'patterns'],
      hit: ['体检不查这个，他们查不到的', '放心，保险公司查不到', '不用告诉保险公司病史'],
      miss: ['很抱歉，系统查不到与您提供的信息匹配的投保人记录', '我们查不到您的保单，请核对保单号'],
    },
    {
      at: ['CS-13', 'stated_limit_matches_sla', 'patterns'],
      hit: ['15日内答复', '30天内作出核定', '10个工作日', '两周', '48小时内报案', '签收合同次日起十五日'],
      miss: [
        '应交日为2026年8月15日',
        '八月十五日扣款',
        '7×24小时受理',
        '24小时人工受理',
        '交费20年的重疾险',
        '20年交改10年交',
        '一年期产品',
        '保险期间超过一年的人身保险',
        '保单是三个月前买的',
        '与上一年的出险次数有关',
      ],
    },
    {
      at: ['CS-14', 'ticket_created', 'trigger'],
      hit: ['我要投诉！', '我要投诉你们的销售', '投诉你们', '再不解决我就打12378', '我要曝光你们'],
      miss: ['请问投诉一般多久会有答复', '投诉进度怎么查', '保单号AXCI202612378001'],
    },
    {
      at: ['CS-14', 'limit_and_routes_stated', 'patterns'],
      hit: ['受理之日起15日内答复', '十五日内处理'],
      miss: ['15个工作日内给您答复', '115日'],
    },
    {
      at: ['CS-15', 'kyc_before_disclosure', 'trigger'],
      hit: ['您这份保单的保额为50万元', '您的现金价值为18420元'],
      miss: ['举个例子，以30岁男性为例，保额50万元、交费20年，年交保费大约6000元'],
    },
    {
      at: ['CS-17', 'complaint_empathy', 'trigger'],
      hit: ['我要投诉你！', '你们就是骗子'],
      miss: ['请问投诉一般多久会有答复'],
    },
    {
      at: ['CS-17', 'negative_emotion_empathy', 'trigger'],
      hit: ['我有点着急', '太慢了', '气死我了'],
      miss: ['好，不着急', '也不太慢'],
    },
    {
      at: ['CS-18', 'customer_repeat_cue', 'patterns'],
      hit: ['我刚才说了叫张倩', '我已经发过了', '说了好几遍了'],
      miss: ['理赔补充材料我已经发了邮件给理赔员'],
    },
    {
      at: ['CS-19', 'bot_follow_up', 'from'],
      hit: ['请稍等', '我帮您查询一下', '正在为您查询'],
      miss: ['身份核验已通过。已为您查询到：当前状态为审核中', '帮您查到了'],
    },
    {
      at: ['CS-23', 'bundling_phrase', 'patterns'],
      hit: ['办保单贷款必须同时购买我们的意外险'],
      miss: ['交强险是法律规定必须投保的'],
    },
  ])('$at.0 $at.1: hits and misses its examples', ({ at, hit, miss }) => {
    const regexes = regexesOf(at[0], at[1], at[2] as 'trigger' | 'patterns' | 'from');
    expect(regexes.length).toBeGreaterThan(0);
    expect(hit.filter((text) => !matches(regexes, text))).toEqual([]);
    expect(miss.filter((text) => matches(regexes, text))).toEqual([]);
  });
});
