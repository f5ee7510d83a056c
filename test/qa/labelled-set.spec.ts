import { join } from 'node:path';
import { KnowledgeBase, Rulebook, type Detector } from '@anxin/knowledge';
import { validateTranscript } from '@anxin/quality';
import { evaluate, fmt, loadFixtures, transcriptOf, type LoadedFixture } from '../../bench/qa-labels.util';

/**
 * The QA engine with the real knowledge folder (standard, lexicons, slot cues and the approved scripts bot
 * turns cite) against the labelled evaluation set (test/fixtures/qa): floors at or a little below what was
 * measured (docs/benchmarks.md, "QA (质检) accuracy and throughput"), so a regression in the engine or in the
 * standard's data fails here. Matching: bench/qa-labels.util.ts.
 * Measured with behaviour.yaml v3 and slot-cues.yaml v1: no judge P 1.00 (77/77) R 0.95 (77/81, the four
 * misses are contextMatters / regex candidates only the confirm judge decides); every candidate confirmed
 * P 1.00 (81/81) R 1.00 (81/81); no trap hit.
 */
const ROOT = join(__dirname, '..', '..');
const FLOORS = {
  'no-judge': { precision: 0.95, recall: 0.95 },
  candidates: { precision: 0.95, recall: 0.98 },
} as const;
const MAX_TRAP_HITS = 0;

describe('QA labelled set (test/fixtures/qa)', () => {
  let knowledge: KnowledgeBase;
  let fixtures: LoadedFixture[];

  beforeAll(async () => {
    knowledge = await KnowledgeBase.load(join(ROOT, 'knowledge'));
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
      result = await evaluate(knowledge.rules, fixtures, mode, knowledge);
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
      expect(hits.length <= MAX_TRAP_HITS ? [] : hits).toEqual([]);
    });
  });
});

/**
 * The calibrated patterns of behaviour.yaml (v2, v3) on general phrasings beyond the labelled set: each fix
 * must keep what the rule is for (hit) and drop the misfire it was made for (miss).
 */
describe('behaviour.yaml pattern calibration', () => {
  let rules: Rulebook;

  beforeAll(async () => {
    rules = await Rulebook.load(join(ROOT, 'knowledge'));
  });

  const regexesOf = (
    check: string,
    detector: string,
    part: 'trigger' | 'patterns' | 'from' | 'exceptWhen',
  ): RegExp[] => {
    const found = rules.standard.checks
      .find((c) => c.id === check)
      ?.detectors.find((d) => d.id === detector) as (Detector & Record<string, unknown>) | undefined;
    if (!found) throw new Error(`${check}.${detector} not found`);
    if (part === 'exceptWhen') return [...((found.exceptWhen as readonly RegExp[] | undefined) ?? [])];
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
        '年满60周岁的客户可一键转接人工',
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
      at: ['CS-20', 'numbers_in_citations', 'patterns'],
      hit: [
        '免赔额5000元',
        '一般为1万元',
        '保额50万',
        '签收合同次日起15日',
        '7个工作日内',
        '48小时内报案',
        '年满60周岁',
        '借款比例80%',
        '等待期三十天',
        '保费一万二千元',
      ],
      miss: [
        '应交日为2026年8月15日',
        '理赔报案7×24小时受理',
        '身份证号码的后四位',
        '客服热线400-888-9955',
        '第3天',
        '请为本次服务打分(1-5星)',
        '保单号AXCI202600001234',
        '统一天数',
      ],
    },
    {
      at: ['CS-20', 'numbers_in_citations', 'exceptWhen'],
      hit: [
        '您名下的重疾险(保单号AXCI********2281)下一期保费应交日为…',
        '报案号CL202611250001(保单AXCI202600001234):已赔付,核定金额12000元',
      ],
      miss: ['已为您登记投诉,工单号TK202607170207,我们会在7个工作日内处理并答复您', '您的保单犹豫期为20日'],
    },
    {
      at: ['CS-23', 'bundling_phrase', 'patterns'],
      hit: ['办保单贷款必须同时购买我们的意外险'],
      miss: ['交强险是法律规定必须投保的'],
    },
  ])('$at.0 $at.1: hits and misses its examples', ({ at, hit, miss }) => {
    const regexes = regexesOf(at[0], at[1], at[2] as 'trigger' | 'patterns' | 'from' | 'exceptWhen');
    expect(regexes.length).toBeGreaterThan(0);
    expect(hit.filter((text) => !matches(regexes, text))).toEqual([]);
    expect(miss.filter((text) => matches(regexes, text))).toEqual([]);
  });
});

/**
 * lexicon/slot-cues.yaml readers on phrasings beyond the labelled set (its own examples are checked at load):
 * product intents need a product named with them; claims, complaints and surrenders are no sales talk.
 */
describe('slot-cues.yaml readers', () => {
  let rules: Rulebook;

  beforeAll(async () => {
    rules = await Rulebook.load(join(ROOT, 'knowledge'));
  });

  const read = (text: string): Record<string, string | number> => {
    const normal = text.normalize('NFKC');
    const found = (kind: string): string | undefined => rules.pii.find(normal, [kind])[0]?.value;
    return Object.fromEntries(rules.slotCues?.read(normal, found) ?? []);
  };

  it.each([
    ['有没有适合老人的意外险推荐', { intent: 'product_recommendation', product_line: 'accident' }],
    ['重疾险和医疗险有什么区别', { intent: 'product_comparison', product_line: 'medical' }],
    ['我打算给孩子买份重疾险', { intent: 'how_to_buy', product_line: 'critical_illness' }],
    ['年金险怎么投保', { intent: 'how_to_buy', product_line: 'annuity' }],
    ['能在App上买定期寿险吗', { intent: 'online_application', product_line: 'life' }],
    ['介绍一下你们的家财险', { intent: 'product_overview', product_line: 'property' }],
    ['我的重疾险想退保', { intent: 'surrender', product_line: 'critical_illness' }],
    ['车险理赔款什么时候到账', { intent: 'claim_status', product_line: 'motor' }],
    ['我叫刘洋，报案号CL202611250001', { customer_name: '刘洋', claim_no: 'CL202611250001' }],
    ['本人72岁，看不清字', { customer_age: 72 }],
  ])('reads “%s”', (text, expected) => {
    expect(read(text)).toEqual(expected);
  });

  it.each([
    '我爸今年75了，能买医疗险吗',
    '等待期和犹豫期有什么区别',
    '我不想买保险，别推销了',
    '重疾险能保甲状腺结节吗',
    '本人身份证丢了',
  ])('reads no product intent, age or name from “%s”', (text) => {
    const slots = read(text);

    expect([slots.intent, slots.customer_age, slots.customer_name].filter((v) => v !== undefined)).toEqual(
      [],
    );
  });
});
