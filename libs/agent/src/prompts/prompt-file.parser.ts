import { z } from 'zod';
import { isProblem, readFrontMatter, zodProblems, type FileProblem } from './front-matter.reader';
import type { PromptTemplate } from './prompt.types';

export const PROMPT_ID_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
export const INPUT_NAME_PATTERN = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
/** Anything between double braces; a name that is not snake_case is a malformed placeholder. */
export const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

function mustBe(what: string): { error: (issue: { input?: unknown }) => string } {
  return { error: (issue) => (issue.input === undefined ? 'is required' : `must be ${what}`) };
}

const frontMatterSchema = z.strictObject(
  {
    id: z.string(mustBe('a string')).regex(PROMPT_ID_PATTERN, 'must be kebab-case like "agent-system"'),
    version: z
      .number(mustBe('a positive integer'))
      .int('must be a positive integer')
      .positive('must be a positive integer'),
    description: z.string(mustBe('a string')).trim().min(1, 'must not be empty'),
    inputs: z
      .array(
        z.string(mustBe('a string')).regex(INPUT_NAME_PATTERN, 'must be snake_case like "stage_guidance"'),
        mustBe('a list of input names ([] for none)'),
      )
      .superRefine((names, ctx) => {
        names.forEach((name, i) => {
          if (names.indexOf(name) < i)
            ctx.addIssue({ code: 'custom', path: [i], message: 'is listed twice' });
        });
      }),
  },
  mustBe('a YAML map with id, version, description and inputs'),
);

export interface ParsedPrompt {
  template?: PromptTemplate;
  /** The id the front matter declares, even when other fields are invalid (for duplicate checks). */
  id?: string;
  /** Line of the id field. */
  idLine?: number;
  problems: FileProblem[];
}

/**
 * Parses one prompts/<fileName> file: front matter (strict), id equal to the file name, every placeholder
 * declared in inputs and every input used. `file` is the label used in messages ("prompts/x.md").
 */
export function parsePromptFile(file: string, fileName: string, source: string): ParsedPrompt {
  const front = readFrontMatter(source);
  if (isProblem(front)) return { problems: [front] };
  const problems: FileProblem[] = [...front.errors];
  if (front.errors.length > 0) return { problems };

  const parsed = frontMatterSchema.safeParse(front.value);
  if (!parsed.success) problems.push(...zodProblems(parsed.error.issues, front));
  const idLine = front.lineOf(['id']);
  const raw: unknown = front.value;
  const declared = isRecord(raw) && typeof raw.id === 'string' ? raw.id : undefined;
  const fileId = fileName.replace(/\.md$/, '');
  if (parsed.success && parsed.data.id !== fileId)
    problems.push({
      line: idLine,
      field: 'id',
      message: `"${parsed.data.id}" must equal the file name "${fileId}"`,
    });

  const leading = /^(?:[ \t]*\n)*/.exec(front.body)?.[0] ?? '';
  const body = front.body.trim();
  const bodyLine = front.bodyLine + (leading.match(/\n/g)?.length ?? 0);
  if (body === '') problems.push({ line: front.bodyLine, field: 'body', message: 'must not be empty' });

  const { used, stray } = placeholdersIn(body, bodyLine);
  stray.forEach((s) =>
    problems.push({
      line: s.line,
      field: 'body',
      message: `"${s.text}" opens no {{placeholder}} (unclosed?)`,
    }),
  );
  used
    .filter((p) => !INPUT_NAME_PATTERN.test(p.name))
    .forEach((p) =>
      problems.push({
        line: p.line,
        field: 'body',
        message: `placeholder "{{${p.name}}}" must be {{snake_case}}`,
      }),
    );
  if (parsed.success) {
    const inputs = parsed.data.inputs;
    used
      .filter((p) => INPUT_NAME_PATTERN.test(p.name) && !inputs.includes(p.name))
      .forEach((p) =>
        problems.push({
          line: p.line,
          field: 'body',
          message: `placeholder {{${p.name}}} is not declared in inputs`,
        }),
      );
    inputs.forEach((name, i) => {
      if (!used.some((p) => p.name === name))
        problems.push({
          line: front.lineOf(['inputs', i]),
          field: `inputs[${i}]`,
          message: `"${name}" is not used in the body (write it as {{${name}}})`,
        });
    });
  }
  if (problems.length > 0 || !parsed.success) return { id: declared, idLine, problems };
  return { template: { ...parsed.data, body, file }, id: declared, idLine, problems };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface BodyPlaceholders {
  /** Each placeholder once per line, in order, with its file line. */
  used: { name: string; line: number }[];
  /** Lines with a "{{" that opens no placeholder (e.g. unclosed), with the text from it. */
  stray: { line: number; text: string }[];
}

function placeholdersIn(body: string, firstLine: number): BodyPlaceholders {
  const result: BodyPlaceholders = { used: [], stray: [] };
  body.split('\n').forEach((text, i) => {
    const line = firstLine + i;
    const names = [...text.matchAll(PLACEHOLDER)].map((match) => match[1]);
    [...new Set(names)].forEach((name) => result.used.push({ name, line }));
    const rest = text.replace(PLACEHOLDER, '');
    const at = rest.indexOf('{{');
    if (at >= 0) result.stray.push({ line, text: rest.slice(at, at + 20) });
  });
  return result;
}
