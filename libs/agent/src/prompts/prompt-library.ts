import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { FileProblem } from './front-matter.reader';
import { parsePromptFile, PLACEHOLDER } from './prompt-file.parser';
import { PromptException } from './prompt.exception';
import { REQUIRED_PROMPTS, type PromptTemplate, type RenderedPrompt } from './prompt.types';

/**
 * The agent's prompts, kept as data in prompts/<id>.md (YAML front matter: id, version, description,
 * inputs; then the template body with {{input}} placeholders). Validated as a whole at load.
 */
export class PromptLibrary {
  private readonly byId: ReadonlyMap<string, PromptTemplate>;

  private constructor(templates: readonly PromptTemplate[]) {
    this.byId = new Map(templates.map((template) => [template.id, Object.freeze(template)]));
  }

  /**
   * Reads every *.md file of `dir` (other files and subfolders are ignored).
   * @throws PromptException PROMPT.INVALID listing every problem ("<file>:<line> <field>: <message>");
   *   PROMPT.NOT_FOUND when `dir` is not a folder.
   */
  static async load(dir: string): Promise<PromptLibrary> {
    const root = resolve(dir);
    const isFolder = await stat(root).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (!isFolder) throw new PromptException('PROMPT.NOT_FOUND', `Prompt folder not found: ${root}`);
    const label = basename(root);
    const problems: string[] = [];
    const report = (file: string, problem: FileProblem): void => {
      const where = `${file}${problem.line === undefined ? '' : `:${problem.line}`}`;
      problems.push(`${where} ${problem.field ? `${problem.field}: ` : ''}${problem.message}`);
    };

    const fileNames = (await readdir(root, { withFileTypes: true }))
      .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
      .map((entry) => entry.name)
      .sort();
    const templates: PromptTemplate[] = [];
    const declared: { file: string; fileName: string; id: string; line?: number }[] = [];
    for (const fileName of fileNames) {
      const file = `${label}/${fileName}`;
      const source = await readFile(join(root, fileName), 'utf8');
      const parsed = parsePromptFile(file, fileName, source);
      parsed.problems.forEach((problem) => report(file, problem));
      if (parsed.id !== undefined) declared.push({ file, fileName, id: parsed.id, line: parsed.idLine });
      if (parsed.template) templates.push(parsed.template);
    }
    // A duplicate is reported on the file not named after the id (the owner is <id>.md when it exists).
    const owners = new Map<string, (typeof declared)[number]>();
    [...declared]
      .sort((a, b) => Number(b.fileName === `${b.id}.md`) - Number(a.fileName === `${a.id}.md`))
      .forEach((entry) => {
        const owner = owners.get(entry.id);
        if (!owner) owners.set(entry.id, entry);
        else
          report(entry.file, {
            line: entry.line,
            field: 'id',
            message: `"${entry.id}" is already the id of ${owner.file}${owner.line === undefined ? '' : `:${owner.line}`}`,
          });
      });
    REQUIRED_PROMPTS.filter((id) => !fileNames.includes(`${id}.md`)).forEach((id) =>
      report(`${label}/${id}.md`, { message: 'file is missing (a required prompt)' }),
    );
    if (problems.length > 0) throw PromptException.invalid(problems);
    return new PromptLibrary(templates);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** @throws PromptException PROMPT.NOT_FOUND for an id the folder does not hold. */
  get(id: string): PromptTemplate {
    const template = this.byId.get(id);
    if (!template) throw new PromptException('PROMPT.NOT_FOUND', `Unknown prompt "${id}"`);
    return template;
  }

  /**
   * The body with each {{input}} replaced by its value, verbatim and in one pass: a value that itself
   * contains "{{x}}" stays as it is.
   * @throws PromptException PROMPT.NOT_FOUND for an unknown id; PROMPT.RENDER_FAILED when a declared
   *   input has no value or a value names no declared input.
   */
  render(id: string, values: Readonly<Record<string, string>>): RenderedPrompt {
    const template = this.get(id);
    const missing = template.inputs.filter((name) => typeof values[name] !== 'string');
    const undeclared = Object.keys(values).filter((name) => !template.inputs.includes(name));
    if (missing.length > 0 || undeclared.length > 0) {
      const parts = [
        ...(missing.length > 0 ? [`missing ${missing.join(', ')}`] : []),
        ...(undeclared.length > 0 ? [`undeclared ${undeclared.join(', ')}`] : []),
      ];
      throw new PromptException('PROMPT.RENDER_FAILED', `Cannot render prompt "${id}": ${parts.join('; ')}`);
    }
    const text = template.body.replace(PLACEHOLDER, (_match, name: string) => values[name]);
    return { id: template.id, version: template.version, text };
  }

  /** Every prompt, by id. */
  list(): readonly PromptTemplate[] {
    return [...this.byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  }
}
