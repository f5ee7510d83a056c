import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PromptException } from './prompt.exception';
import { PromptLibrary } from './prompt-library';
import { REQUIRED_PROMPTS } from './prompt.types';

const REAL_PROMPTS = join(__dirname, '..', '..', '..', '..', 'prompts');

const temps: string[] = [];

/** A minimal valid prompt file. */
function promptSource(id: string, inputs: readonly string[] = [], body?: string): string {
  const text =
    body ?? (inputs.length > 0 ? inputs.map((name) => `${name}：{{${name}}}`).join('\n') : '正文。');
  return [
    '---',
    `id: ${id}`,
    'version: 1',
    'description: Test prompt.',
    `inputs: [${inputs.join(', ')}]`,
    '---',
    text,
    '',
  ].join('\n');
}

/** A temp folder named "prompts" holding every required prompt; `files` replace (text) or drop (null) files. */
function promptsFolder(files: Record<string, string | null> = {}): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'anxin-prompts-')), 'prompts');
  temps.push(dir);
  mkdirSync(dir);
  const all: Record<string, string | null> = {
    ...Object.fromEntries(REQUIRED_PROMPTS.map((id) => [`${id}.md`, promptSource(id)])),
    ...files,
  };
  for (const [name, text] of Object.entries(all)) if (text !== null) writeFileSync(join(dir, name), text);
  return dir;
}

async function problemsLoading(dir: string): Promise<readonly string[]> {
  const error = await PromptLibrary.load(dir).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof PromptException))
    throw new Error(`expected a PromptException, got ${String(error)}`);
  expect(error.code).toBe('PROMPT.INVALID');
  expect(error.details).toEqual({ problems: error.problems });
  return error.problems;
}

afterAll(() => temps.forEach((dir) => rmSync(join(dir, '..'), { recursive: true, force: true })));

describe(PromptLibrary.name, () => {
  describe('with the real prompts folder', () => {
    let sut: PromptLibrary;

    beforeAll(async () => {
      sut = await PromptLibrary.load(REAL_PROMPTS);
    });

    it('holds every required prompt, each with a version and an English description', () => {
      expect(sut.list().map((p) => p.id)).toEqual(expect.arrayContaining([...REQUIRED_PROMPTS]));
      sut.list().forEach((p) => {
        expect(p.version).toBeGreaterThan(0);
        expect(p.description).toMatch(/^[\x20-\x7e]+$/);
        expect(p.file).toBe(`prompts/${p.id}.md`);
      });
    });

    it('declares the inputs the agent fills', () => {
      const inputs = (id: string): readonly string[] => sut.get(id).inputs;

      expect(inputs('agent-system')).toEqual(['today', 'stage_guidance', 'scripts', 'customer_status']);
      expect(inputs('agent-output')).toEqual(['handoff_reasons']);
      expect(inputs('agent-tools')).toEqual(['tool_list', 'verified']);
      expect(inputs('agent-tools-json')).toEqual(['tool_list']);
      expect(inputs('agent-regenerate')).toEqual(['problems']);
      REQUIRED_PROMPTS.filter((id) => id.startsWith('stage-')).forEach((id) =>
        expect(inputs(id)).toEqual([]),
      );
    });

    it('renders every prompt completely', () => {
      sut.list().forEach((p) => {
        const values = Object.fromEntries(p.inputs.map((name) => [name, `<${name}>`]));
        const { text } = sut.render(p.id, values);

        p.inputs.forEach((name) => expect(text).toContain(`<${name}>`));
        expect(text).not.toMatch(/\{\{/);
      });
    });

    it('tells the model who it is and what it must never do', () => {
      const { body } = sut.get('agent-system');

      expect(body).toContain('安心保险');
      expect(body).toContain('小安');
      expect(body).toMatch(/AI智能客服/);
      expect(body).toContain('不是真人');
      expect(body).toContain('转人工');
      expect(body).toContain('如实告知');
      ['犹豫期', '等待期', '责任免除', '现金价值', '核赔', '验证码', '[身份证号1]'].forEach((word) =>
        expect(body).toContain(word),
      );
    });

    it('spells out the JSON contract the code parses', () => {
      const { text } = sut.render('agent-output', { handoff_reasons: 'explicit_request, complaint' });

      expect(text).toContain('{"answer": "<给客户的回复>", "citations": ["<话术编号>"], "handoff": null}');
      expect(text).toContain('explicit_request, complaint');
      expect(sut.get('agent-tools-json').body).toContain('{"tool": {"name": "<工具名>"');
      expect(sut.get('agent-tools-json').body).toContain('工具结果');
    });
  });

  describe('rendering', () => {
    let sut: PromptLibrary;

    beforeAll(async () => {
      sut = await PromptLibrary.load(
        promptsFolder({
          'agent-regenerate.md': promptSource(
            'agent-regenerate',
            ['problems'],
            '问题：\n{{problems}}\n再次：{{problems}}',
          ),
        }),
      );
    });

    it('substitutes every placeholder with its value, verbatim', () => {
      expect(sut.render('agent-regenerate', { problems: '- 数字“3天”不在话术中 $& $1' })).toEqual({
        id: 'agent-regenerate',
        version: 1,
        text: '问题：\n- 数字“3天”不在话术中 $& $1\n再次：- 数字“3天”不在话术中 $& $1',
      });
    });

    it('does not expand placeholders inside values', () => {
      expect(sut.render('agent-regenerate', { problems: '{{problems}}' }).text).toBe(
        '问题：\n{{problems}}\n再次：{{problems}}',
      );
    });

    it('refuses a missing or an undeclared value', () => {
      expect(() => sut.render('agent-regenerate', {})).toThrow(
        expect.objectContaining({
          code: 'PROMPT.RENDER_FAILED',
          message: 'Cannot render prompt "agent-regenerate": missing problems',
        }),
      );
      expect(() => sut.render('stage-general', { today: '2026-01-01' })).toThrow(
        expect.objectContaining({
          code: 'PROMPT.RENDER_FAILED',
          message: 'Cannot render prompt "stage-general": undeclared today',
        }),
      );
    });

    it('throws PROMPT.NOT_FOUND for an unknown id', () => {
      expect(sut.has('stage-general')).toBe(true);
      expect(sut.has('stage-unknown')).toBe(false);
      expect(() => sut.get('stage-unknown')).toThrow(expect.objectContaining({ code: 'PROMPT.NOT_FOUND' }));
      expect(() => sut.render('stage-unknown', {})).toThrow(
        expect.objectContaining({ code: 'PROMPT.NOT_FOUND' }),
      );
    });
  });

  describe('validation', () => {
    it('throws PROMPT.NOT_FOUND for a folder that does not exist', async () => {
      await expect(PromptLibrary.load('/no/such/prompts')).rejects.toMatchObject({
        code: 'PROMPT.NOT_FOUND',
        kind: 'internal',
      });
    });

    it.each([
      [
        'a missing field',
        { 'stage-claims.md': promptSource('stage-claims').replace('version: 1\n', '') },
        ['prompts/stage-claims.md:2 version: is required'],
      ],
      [
        'a placeholder not declared in inputs',
        { 'agent-output.md': promptSource('agent-output', [], '第一行\n原因：{{handoff_reasons}}') },
        ['prompts/agent-output.md:8 body: placeholder {{handoff_reasons}} is not declared in inputs'],
      ],
      [
        'an input the body does not use',
        { 'agent-tools.md': promptSource('agent-tools', ['tool_list', 'verified'], '工具：{{tool_list}}') },
        ['prompts/agent-tools.md:5 inputs[1]: "verified" is not used in the body (write it as {{verified}})'],
      ],
      [
        'an id that differs from the file name',
        { 'stage-claims.md': promptSource('stage-claim') },
        ['prompts/stage-claims.md:2 id: "stage-claim" must equal the file name "stage-claims"'],
      ],
      [
        'an unknown field',
        {
          'stage-renewal.md': promptSource('stage-renewal').replace(
            'inputs: []\n',
            'inputs: []\nowner: ops\n',
          ),
        },
        ['prompts/stage-renewal.md:6 owner: unknown field'],
      ],
      [
        'a duplicate id',
        { 'stage-general-old.md': promptSource('stage-general') },
        [
          'prompts/stage-general-old.md:2 id: "stage-general" must equal the file name "stage-general-old"',
          'prompts/stage-general-old.md:2 id: "stage-general" is already the id of prompts/stage-general.md:2',
        ],
      ],
      [
        'a malformed placeholder',
        { 'stage-insale.md': promptSource('stage-insale', [], '正文 {{ Today }} 与 {{unclosed') },
        [
          'prompts/stage-insale.md:7 body: "{{unclosed" opens no {{placeholder}} (unclosed?)',
          'prompts/stage-insale.md:7 body: placeholder "{{ Today }}" must be {{snake_case}}',
        ],
      ],
      [
        'bad inputs',
        { 'stage-presale.md': promptSource('stage-presale', ['Stage', 'x', 'x'], '{{x}}') },
        [
          'prompts/stage-presale.md:5 inputs[0]: must be snake_case like "stage_guidance"',
          'prompts/stage-presale.md:5 inputs[2]: is listed twice',
        ],
      ],
      [
        'a missing front matter',
        { 'stage-aftersale.md': '正文而已。\n' },
        ['prompts/stage-aftersale.md:1 must start with a "---" line opening the YAML front matter'],
      ],
      [
        'invalid YAML',
        { 'stage-aftersale.md': promptSource('stage-aftersale').replace('inputs: []', 'inputs: [a') },
        [expect.stringMatching(/^prompts\/stage-aftersale\.md:\d+ invalid YAML: /)],
      ],
      [
        'a missing required prompt',
        { 'agent-tools-json.md': null },
        ['prompts/agent-tools-json.md file is missing (a required prompt)'],
      ],
    ])('reports %s with file, line and field', async (_case, files, expected) => {
      const problems = await problemsLoading(promptsFolder(files));

      expect(problems).toEqual(expected);
    });

    it('reports every problem of every file at once', async () => {
      const problems = await problemsLoading(
        promptsFolder({
          'stage-claims.md': promptSource('stage-claims').replace('version: 1', 'version: 0'),
          'stage-complaint.md': promptSource('stage-complaint', [], '{{ticket_no}}'),
          'agent-system.md': null,
        }),
      );

      expect(problems).toEqual([
        'prompts/stage-claims.md:3 version: must be a positive integer',
        'prompts/stage-complaint.md:7 body: placeholder {{ticket_no}} is not declared in inputs',
        'prompts/agent-system.md file is missing (a required prompt)',
      ]);
    });
  });
});
