import { problemsOf } from '../loading/__fixtures__/fixture-dir.helper';
import { ProblemList } from '../loading/problem.list';
import { goodText, goodWith } from './__fixtures__/rules-fixture.helper';
import { BEHAVIOUR_FILE, parseBehaviour, type BehaviourContext } from './behaviour.loader';
import { parsePhraseLexicon } from './phrase-lexicon.loader';
import { parsePiiPatterns, type PiiPatterns } from './pii-patterns.loader';
import {
  PHRASE_LEXICONS,
  type BehaviourStandard,
  type PhraseLexicon,
  type PhraseLexiconKey,
} from './rules.types';

const FILE = BEHAVIOUR_FILE;

function fixtureContext(): BehaviourContext {
  const problems = new ProblemList('knowledge');
  const phraseLexicons: Partial<Record<PhraseLexiconKey, PhraseLexicon>> = {};
  PHRASE_LEXICONS.forEach((key) => {
    phraseLexicons[key] = parsePhraseLexicon(key, goodText(`lexicon/${key}.yaml`), problems);
  });
  const pii = parsePiiPatterns(goodText('lexicon/pii-patterns.yaml'), problems) as PiiPatterns;
  problems.throwIfAny();
  return { phraseLexicons, piiKinds: new Set(pii.kinds()) };
}

/** 1-based line of the first line containing `needle` (after `after`, when given). */
function lineOf(text: string, needle: string, after?: string): number {
  const start = after === undefined ? 0 : text.indexOf(after) + after.length;
  const index = text.indexOf(needle, start);
  if ((after !== undefined && start < after.length) || index < 0) throw new Error(`no ${needle}`);
  return text.slice(0, index).split('\n').length;
}

describe(parseBehaviour.name, () => {
  const context = fixtureContext();
  const good = goodText(FILE);

  describe('with the good fixture', () => {
    const sut = parseBehaviour(good, new ProblemList('knowledge'), context) as BehaviourStandard;

    it('loads 25 checks in id order with their dimensions and scoring', () => {
      expect(sut.checks.map((check) => check.id)).toEqual(
        Array.from({ length: 25 }, (_, i) => `CS-${String(i + 1).padStart(2, '0')}`),
      );
      expect(sut.dimensions).toEqual([
        { key: 'opening', title: '开场', weight: 40 },
        { key: 'accuracy', title: '准确', weight: 60 },
      ]);
      expect(sut).toMatchObject({ version: 1, effectiveDate: '2026-01-01', scoring: { passScore: 80 } });
    });

    it('resolves each detector outcome from its own severity, else its check', () => {
      const [inherited, own] = sut.checks[3].detectors;

      expect(sut.checks[3].outcome).toEqual({ severity: 'major', deduction: 10 });
      expect(inherited).toMatchObject({
        id: 'handoff_after_request',
        outcome: { severity: 'major', deduction: 10 },
      });
      expect(own).toMatchObject({
        id: 'repeated_request',
        minTriggers: 2,
        outcome: { severity: 'critical', deduction: null },
      });
      expect(own).not.toHaveProperty('severity');
      expect(sut.checks[4].outcome).toEqual({ severity: 'critical', deduction: null });
    });

    it('compiles patterns with flags iu and fills defaults', () => {
      const detector = sut.checks[0].detectors[0];
      if (detector.kind !== 'regex') throw new Error('expected a regex detector');

      expect(detector.patterns[0]).toEqual(/智能客服/iu);
      expect(detector).toMatchObject({ match: 'any', satisfiedBy: ['ai_label_shown'] });
      expect(sut.checks[2].detectors[0]).toMatchObject({
        kind: 'timing',
        from: { roles: ['customer'], occurrence: 'first' },
        thresholds: [
          { over: 3, severity: 'minor', deduction: 3 },
          { over: 120, severity: 'major', deduction: 10 },
        ],
      });
      expect(sut.checks[2].detectors[0]).not.toHaveProperty('outcome');
      expect(sut.checks[3].detectors[0]).toMatchObject({ kind: 'event_order', earlierCounts: false });
    });
  });

  it('accepts per-responder first turns, earlierCounts on after, and numbers_in_citations with its figures', () => {
    const replacements: [string | RegExp, string][] = [
      [
        "rule: matches_sla\n        roles: [bot]\n        patterns: ['\\d+(日|天)']",
        "rule: numbers_in_citations\n        roles: [bot]\n        patterns: ['\\d+(元|日)']\n        exceptWhen: ['您名下']",
      ],
      [
        'within: { turns: 1, roles: [bot] }',
        'within: { turns: 1, roles: [bot] }\n        earlierCounts: true',
      ],
      [/scope: first_turn\b/, 'scope: first_turn_of_responder'],
    ];
    const text = replacements.reduce((out, [from, to]) => {
      const next = out.replace(from, to);
      if (next === out) throw new Error(`fixture has no ${String(from)}`);
      return next;
    }, good);
    const standard = parseBehaviour(text, new ProblemList('knowledge'), context) as BehaviourStandard;

    expect(standard.checks[0].detectors[0]).toMatchObject({ scope: 'first_turn_of_responder' });
    expect(standard.checks[3].detectors[0]).toMatchObject({ earlierCounts: true });
    expect(standard.checks[6].detectors[0]).toMatchObject({
      rule: 'numbers_in_citations',
      patterns: [/\d+(元|日)/iu],
      exceptWhen: [/您名下/iu],
    });
  });

  it.each([
    [
      'a regex that does not compile',
      goodWith(FILE, "patterns: ['智能客服']", "patterns: ['(智能客服']"),
      "patterns: ['(智能客服']",
      /checks\[0\]\.detectors\[0\]\.patterns\[0\]: must be a valid JavaScript regular expression \(Invalid regular expression: \/\(智能客服\/iu: Unterminated group\)$/,
    ],
    [
      'a pattern not in NFKC form',
      goodWith(FILE, "patterns: ['还有(其他|什么)']", "patterns: ['还有(其他|什么)？']"),
      "patterns: ['还有(其他|什么)？']",
      /checks\[16\]\.detectors\[0\]\.patterns\[0\]: must be written in NFKC form, as turn text is normalised before matching \("？" → "\?"\)$/,
    ],
    [
      'an unknown field in a check',
      goodWith(FILE, 'dimension: opening\n', 'dimension: opening\n    weight: 3\n'),
      'weight: 3',
      /checks\[0\]\.weight: unknown field$/,
    ],
    [
      'an unknown field in a detector',
      goodWith(
        FILE,
        'satisfiedBy: [ai_label_shown]',
        'satisfiedBy: [ai_label_shown]\n        scopes: first_turn',
      ),
      'scopes: first_turn',
      /checks\[0\]\.detectors\[0\]\.scopes: unknown field$/,
    ],
    [
      'an unknown detector kind',
      goodWith(FILE, 'kind: regex', 'kind: keyword'),
      'kind: keyword',
      /checks\[0\]\.detectors\[0\]\.kind: must be one of regex\|lexicon\|timing\|event_order\|slot\|llm_judge\|system_audit$/,
    ],
    [
      'a detector without a kind',
      goodWith(FILE, '        kind: regex\n', ''),
      '      - id: ai_disclosure',
      /checks\[0\]\.detectors\[0\]\.kind: is required$/,
    ],
    [
      'an unknown system audit',
      goodWith(FILE, 'audit: do_not_contact', 'audit: dnc_list'),
      'audit: dnc_list',
      /checks\[14\]\.detectors\[0\]\.audit: must be one of pii_masking\|transcript_integrity\|retention\|outbound_quiet_hours\|do_not_contact$/,
    ],
    [
      'an unknown event',
      goodWith(FILE, 'satisfiedBy: [ai_label_shown]', 'satisfiedBy: [ai_label_seen]'),
      'satisfiedBy: [ai_label_seen]',
      /checks\[0\]\.detectors\[0\]\.satisfiedBy\[0\]: must be one of conversation_opened\|/,
    ],
    [
      'a missing title',
      goodWith(FILE, '    title: 告知AI身份\n', ''),
      '  - id: CS-01',
      /checks\[0\]\.title: is required$/,
    ],
    [
      'a badly formed check id',
      goodWith(FILE, 'id: CS-25\n', 'id: CS-7\n'),
      'id: CS-7\n',
      /checks\[24\]\.id: must look like "CS-07"$/,
    ],
    [
      'a deduction on a critical check',
      goodWith(
        FILE,
        '    severity: critical\n    dimension: null\n',
        '    severity: critical\n    deduction: 10\n    dimension: null\n',
      ),
      'deduction: 10\n    dimension: null',
      /checks\[4\]\.deduction: must be left out for a critical severity \(a critical finding fails the session\)$/,
    ],
    [
      'a deduction outside the range of its severity',
      goodWith(
        FILE,
        'severity: minor\n    deduction: 3\n    dimension: opening',
        'severity: minor\n    deduction: 8\n    dimension: opening',
      ),
      'deduction: 8',
      /checks\[0\]\.deduction: must be 1–5 points for a minor severity$/,
    ],
    [
      'a timing threshold without a deduction',
      goodWith(FILE, '{ over: 3, severity: minor, deduction: 3 }', '{ over: 3, severity: minor }'),
      '{ over: 3, severity: minor }',
      /checks\[2\]\.detectors\[0\]\.thresholds\[0\]\.deduction: is required for a minor severity$/,
    ],
    [
      'timing thresholds out of order',
      goodWith(FILE, '{ over: 120, severity: major', '{ over: 2, severity: major'),
      '{ over: 2, severity: major',
      /checks\[2\]\.detectors\[0\]\.thresholds\[1\]\.over: thresholds must ascend by over$/,
    ],
    [
      'after_trigger without a trigger',
      goodWith(FILE, "        trigger: { roles: [customer], patterns: ['生气'] }\n", ''),
      '      - id: empathy',
      /checks\[17\]\.detectors\[0\]\.trigger: is required for scope after_trigger$/,
    ],
    [
      'require over every turn',
      goodWith(FILE, 'scope: last_n_turns\n        n: 10', 'scope: every_turn'),
      "scope: every_turn\n        patterns: ['还有",
      /checks\[16\]\.detectors\[0\]\.scope: mode require needs a window: first_turn, first_turn_of_responder, last_n_turns or after_trigger$/,
    ],
    [
      'an event selector combined with roles',
      goodWith(
        FILE,
        "trigger: { roles: [customer], patterns: ['生气'] }",
        'trigger: { event: kyc_passed, roles: [customer] }',
      ),
      'trigger: { event: kyc_passed',
      /checks\[17\]\.detectors\[0\]\.trigger\.event: cannot be combined with roles$/,
    ],
    [
      'an event_order with both before and after',
      goodWith(
        FILE,
        'before: [kyc_passed]',
        'before: [kyc_passed]\n        after: [handoff_offered]\n        within: { seconds: 10 }',
      ),
      'before: [kyc_passed]',
      /checks\[4\]\.detectors\[0\]\.before: needs exactly one of before or after$/,
    ],
    [
      'earlierCounts on a before detector',
      goodWith(FILE, 'before: [kyc_passed]', 'before: [kyc_passed]\n        earlierCounts: true'),
      'earlierCounts: true',
      /checks\[4\]\.detectors\[0\]\.earlierCounts: is only for after$/,
    ],
    [
      'numbers_in_citations without the figures it checks',
      goodWith(
        FILE,
        "rule: matches_sla\n        roles: [bot]\n        patterns: ['\\d+(日|天)']\n        confirmWith: timeline_context",
        'rule: numbers_in_citations\n        roles: [bot]\n        confirmWith: timeline_context',
      ),
      '      - id: stated_limit',
      /checks\[6\]\.detectors\[0\]\.patterns: is required for rule numbers_in_citations$/,
    ],
    [
      'exceptWhen on a matches_sla detector',
      goodWith(
        FILE,
        "patterns: ['\\d+(日|天)']",
        "patterns: ['\\d+(日|天)']\n        exceptWhen: ['您名下']",
      ),
      "exceptWhen: ['您名下']",
      /checks\[6\]\.detectors\[0\]\.exceptWhen: is only for rule set_grows_after_complete or numbers_in_citations$/,
    ],
  ])('reports %s with file, line and field', (_case, text, lineNeedle, expected) => {
    const problems = problemsOf((p) => parseBehaviour(text, p, context));

    expect(problems).toEqual([expect.stringMatching(expected)]);
    expect(problems[0]).toMatch(
      new RegExp(`^knowledge/standards/behaviour\\.yaml:${lineOf(text, lineNeedle)} `),
    );
  });

  it('reports a missing check id at the checks list', () => {
    const text = goodWith(FILE, /\n {2}- id: CS-25\n[^]*$/, '\n');

    expect(problemsOf((p) => parseBehaviour(text, p, context))).toEqual([
      `knowledge/${FILE}:${lineOf(text, 'checks:')} checks: CS-25 is missing`,
    ]);
  });

  it('reports a duplicate id with the line of the first, and the id left missing', () => {
    const text = goodWith(FILE, 'id: CS-25\n', 'id: CS-24\n');

    expect(problemsOf((p) => parseBehaviour(text, p, context))).toEqual([
      `knowledge/${FILE}:${lineOf(text, 'id: CS-24\n', 'id: CS-24\n')} checks[24].id: CS-24 is already defined by checks[23] (line ${lineOf(text, 'id: CS-24\n')})`,
      `knowledge/${FILE}:${lineOf(text, 'checks:')} checks: CS-25 is missing`,
    ]);
  });

  it('reports an id outside CS-01…CS-25', () => {
    const text = goodWith(FILE, 'id: CS-25\n', 'id: CS-26\n');

    expect(problemsOf((p) => parseBehaviour(text, p, context))).toEqual([
      `knowledge/${FILE}:${lineOf(text, 'id: CS-26\n')} checks[24].id: CS-26 is not one of CS-01…CS-25`,
      `knowledge/${FILE}:${lineOf(text, 'checks:')} checks: CS-25 is missing`,
    ]);
  });

  it('reports weights that do not sum to 100', () => {
    const text = goodWith(FILE, 'weight: 60', 'weight: 55');

    expect(problemsOf((p) => parseBehaviour(text, p, context))).toEqual([
      `knowledge/${FILE}:${lineOf(text, 'dimensions:')} dimensions: weights must sum to 100, got 95`,
    ]);
  });

  it('reports an unknown dimension, and the dimension left without checks', () => {
    const text = good.replace(/dimension: opening/g, 'dimension: opener');

    expect(problemsOf((p) => parseBehaviour(text, p, context))).toEqual([
      `knowledge/${FILE}:${lineOf(text, '- key: opening')} dimensions[0]: "opening" has no checks`,
      ...['CS-01', 'CS-02', 'CS-03', 'CS-17'].map(
        (id, i) =>
          `knowledge/${FILE}:${lineOf(text, 'dimension: opener', `id: ${id}`)} checks[${[0, 1, 2, 16][i]}].dimension: unknown dimension "opener" (declared: opening, accuracy)`,
      ),
    ]);
  });

  it('reports a null dimension on a check that can score a non-critical finding', () => {
    const text = good.replace(/(id: CS-20\n[^]*?)dimension: accuracy/, '$1dimension: null');

    expect(problemsOf((p) => parseBehaviour(text, p, context))).toEqual([
      `knowledge/${FILE}:${lineOf(text, 'dimension: null', 'id: CS-20')} checks[19].dimension: must name a dimension: detector "sample" can score major (null is for checks whose scored findings are all critical)`,
    ]);
  });

  it('accepts a non-critical system audit in a null-dimension check, but not a red line without a critical outcome', () => {
    const text = good.replace(/(id: CS-20\n[^]*?)redLine: false/, '$1redLine: true');

    expect(problemsOf((p) => parseBehaviour(good, p, context))).toEqual([]);
    expect(problemsOf((p) => parseBehaviour(text, p, context))).toEqual([
      `knowledge/${FILE}:${lineOf(text, 'redLine: true', 'id: CS-20')} checks[19].redLine: a red-line check needs at least one critical outcome`,
    ]);
  });

  it('counts a critical lexicon entry as a red-line outcome of a major lexicon detector', () => {
    const text = goodWith(
      FILE,
      'dimension: opening\n    redLine: false\n    basis: [测试依据]\n    detectors:\n      - id: forbidden_phrase',
      'dimension: opening\n    redLine: true\n    basis: [测试依据]\n    detectors:\n      - id: forbidden_phrase',
    );

    expect(problemsOf((p) => parseBehaviour(text, p, context))).toEqual([]);
    expect(
      problemsOf((p) =>
        parseBehaviour(
          text.replace('categories: [brush_off, insult]', 'categories: [brush_off]'),
          p,
          context,
        ),
      ),
    ).toEqual([
      expect.stringMatching(/checks\[1\]\.redLine: a red-line check needs at least one critical outcome$/),
    ]);
  });

  it('reports references to unknown lexicon categories and PII kinds', () => {
    const text = good
      .replace('categories: [brush_off, insult]', 'categories: [brush_off, rudeness]')
      .replace('pii: [policy_no, id_card]', 'pii: [policy_no, passport]');

    expect(problemsOf((p) => parseBehaviour(text, p, context))).toEqual([
      `knowledge/${FILE}:${lineOf(text, 'categories: [brush_off, rudeness]')} checks[1].detectors[0].categories[1]: unknown category "rudeness" in lexicon forbidden-phrases`,
      `knowledge/${FILE}:${lineOf(text, 'pii: [policy_no, passport]')} checks[4].detectors[0].trigger.pii[1]: unknown PII kind "passport" (lexicon/pii-patterns.yaml has policy_no, id_card, bank_card, mobile)`,
    ]);
  });

  it('reports a confirmWith naming no confirm judge, and a confirm judge nobody names', () => {
    const text = goodWith(FILE, 'confirmWith: promotion_context', 'confirmWith: promotion_judge');

    expect(problemsOf((p) => parseBehaviour(text, p, context))).toEqual([
      `knowledge/${FILE}:${lineOf(text, 'confirmWith: promotion_judge')} checks[7].detectors[0].confirmWith: "promotion_judge" is not an llm_judge with mode confirm in this check`,
      `knowledge/${FILE}:${lineOf(text, 'mode: confirm', 'id: promotion_context')} checks[7].detectors[1].mode: a confirm judge must be named by a detector's confirmWith`,
    ]);
  });

  it('reports all schema problems in one pass, then cross-field problems once the shape is valid', () => {
    const text = good
      .replace('weight: 60', 'weight: 50')
      .replace("'智能客服'", "'(智能客服'")
      .replace('kind: timing', 'kind: clock');

    expect(problemsOf((p) => parseBehaviour(text, p, context))).toHaveLength(2);
    expect(
      problemsOf((p) =>
        parseBehaviour(
          text.replace("'(智能客服'", "'智能客服'").replace('kind: clock', 'kind: timing'),
          p,
          context,
        ),
      ),
    ).toHaveLength(1);
  });
});
