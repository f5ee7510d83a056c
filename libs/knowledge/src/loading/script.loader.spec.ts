import { KnowledgeException } from '../knowledge.exception';
import {
  fixtureCopy,
  GOOD_FIXTURE,
  problemsOf,
  removeFixtureCopies,
  scriptSource,
} from './__fixtures__/fixture-dir.helper';
import { ProblemList } from './problem.list';
import { loadScripts, parseScript } from './script.loader';

const PATH = 'scripts/claims/claims-test-script.md';

describe(parseScript.name, () => {
  const sut = parseScript;

  it('parses a valid script, normalizing the date and defaulting disclosures', () => {
    const script = sut(PATH, scriptSource(), new ProblemList('knowledge'));

    expect(script).toEqual({
      id: 'claims-test-script',
      title: '测试话术',
      stage: 'claims',
      intents: ['test'],
      questions: ['测试问题一', '测试问题二'],
      version: 1,
      effectiveDate: '2026-01-01',
      disclosures: [],
      body: '您好，这是经过审核的标准答复。',
      source: 'scripts',
      sourcePath: PATH,
    });
  });

  it('accepts CRLF line endings, a BOM and a quoted date', () => {
    const source = `\uFEFF${scriptSource({ effectiveDate: '"2026-03-31"' }).replace(/\n/g, '\r\n')}`;

    expect(sut(PATH, source, new ProblemList('knowledge'))?.effectiveDate).toBe('2026-03-31');
  });

  it.each([
    ['bad YAML', scriptSource({ intents: '[test' }), /claims-test-script\.md:\d+ invalid YAML/],
    ['a missing field', scriptSource({ title: undefined }), /claims-test-script\.md:2 title: is required/],
    [
      'an empty question list',
      scriptSource({ questions: '[]' }),
      /claims-test-script\.md:6 questions: must be a non-empty list/,
    ],
    [
      'an empty question',
      scriptSource({ questions: '\n  - 问题\n  - ""' }),
      /claims-test-script\.md:8 questions\[1\]: must not be empty/,
    ],
    ['a stage that is not one', scriptSource({ stage: 'sales' }), /:4 stage: must be one of presale\|insale/],
    [
      'a stage other than the folder',
      scriptSource({ stage: 'general' }),
      /:4 stage: "general" does not match its folder "claims"/,
    ],
    [
      'an id other than the file name',
      scriptSource({ id: 'claims-other' }),
      /:2 id: "claims-other" must equal the file name "claims-test-script"/,
    ],
    ['an id that is not kebab-case', scriptSource({ id: 'Claims_Test' }), /:2 id: must be kebab-case/],
    [
      'a version that is not a positive integer',
      scriptSource({ version: '0' }),
      /:9 version: must be a positive integer/,
    ],
    [
      'an impossible date',
      scriptSource({ effectiveDate: '2026-02-30' }),
      /:10 effectiveDate: must be a date YYYY-MM-DD/,
    ],
    ['an unknown field', scriptSource({ disclosure: '[等待期]' }), /:11 disclosure: unknown field/],
    ['an empty body', scriptSource({}, '   \n'), /:12 body: must not be empty/],
    ['no front matter', '只有正文\n', /claims-test-script\.md:1 must start with a "---" line/],
    [
      'an unclosed front matter',
      '---\nid: x\n',
      /claims-test-script\.md:1 front matter has no closing "---" line/,
    ],
  ])('reports %s with file, line and field', (_case, source, expected) => {
    const problems = problemsOf((list) => sut(PATH, source, list));

    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^knowledge\/scripts\/claims\/claims-test-script\.md/);
    expect(problems[0]).toMatch(expected);
  });

  it('reports every problem of a file, not just the first', () => {
    const problems = problemsOf((list) =>
      sut(PATH, scriptSource({ title: undefined, version: '-1', intents: '[]' }), list),
    );

    expect(problems).toEqual([
      expect.stringContaining('title: is required'),
      expect.stringContaining('intents: must be a non-empty list'),
      expect.stringContaining('version: must be a positive integer'),
    ]);
  });
});

describe(loadScripts.name, () => {
  const sut = async (dir: string) => {
    const problems = new ProblemList('knowledge');
    const scripts = await loadScripts(dir, problems);
    problems.throwIfAny();
    return scripts;
  };

  afterAll(removeFixtureCopies);

  it('loads every script of the good fixture, in folder order', async () => {
    const scripts = await sut(GOOD_FIXTURE);

    expect(scripts.map((s) => s.sourcePath)).toEqual([
      'scripts/claims/claims-motor-documents.md',
      'scripts/claims/claims-progress.md',
      'scripts/general/general-greeting.md',
      'scripts/presale/presale-critical-illness-waiting-period.md',
    ]);
    expect(scripts[3].disclosures).toEqual(['等待期']);
  });

  it.each([
    [
      'a duplicate id',
      {
        'scripts/general/claims-progress.md': scriptSource({
          id: 'claims-progress',
          stage: 'general',
          questions: '[别的问题]',
        }),
      },
      'knowledge/scripts/general/claims-progress.md id: duplicate id "claims-progress" (also scripts/claims/claims-progress.md)',
    ],
    [
      'a sample question another script already has',
      { [PATH]: scriptSource({ questions: '[我的理赔到哪一步了！]' }) },
      'knowledge/scripts/claims/claims-test-script.md questions[0]: same sample question as scripts/claims/claims-progress.md',
    ],
    [
      'a folder that is not a stage',
      { 'scripts/sales/x.md': scriptSource() },
      'knowledge/scripts/sales/ folder is not a stage',
    ],
    [
      'a script outside a stage folder',
      { 'scripts/loose.md': scriptSource() },
      'knowledge/scripts/loose.md scripts live in scripts/<stage>/<id>.md',
    ],
    ['a missing scripts folder', { scripts: null }, 'knowledge/scripts/ folder is missing'],
  ])('reports %s', async (_case, changes: Record<string, string | null>, expected) => {
    const run = sut(fixtureCopy(changes));

    await expect(run).rejects.toThrow(KnowledgeException);
    await expect(run).rejects.toThrow(expected);
  });
});
