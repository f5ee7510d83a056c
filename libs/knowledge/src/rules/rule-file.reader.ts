import type { z } from 'zod';
import type { ProblemList } from '../loading/problem.list';
import { readYaml, zodProblems, type YamlSource } from '../loading/yaml.reader';

/** Records a problem at a path of the file, e.g. ['checks', 3, 'id'] → "<file>:<line> checks[3].id: …". */
export type Reporter = (path: readonly PropertyKey[], message: string) => void;

export interface RuleFile<T> {
  data: T;
  yaml: YamlSource;
  report: Reporter;
}

/**
 * Parses YAML and validates it against `schema`, recording every problem with file, line and field.
 * Returns undefined when the YAML or the schema failed (cross-field checks need a valid shape).
 */
export function parseRuleFile<S extends z.ZodType>(
  relativePath: string,
  text: string,
  schema: S,
  problems: ProblemList,
): RuleFile<z.output<S>> | undefined {
  const yaml = readYaml(text.replace(/^\uFEFF/, ''));
  const report = reporterFor(relativePath, yaml, problems);
  yaml.errors.forEach((error) => problems.add(relativePath, error));
  if (yaml.errors.length > 0) return undefined;
  const parsed = schema.safeParse(yaml.value);
  if (!parsed.success) {
    zodProblems(parsed.error.issues, yaml).forEach((problem) => problems.add(relativePath, problem));
    return undefined;
  }
  return { data: parsed.data, yaml, report };
}

function reporterFor(relativePath: string, yaml: YamlSource, problems: ProblemList): Reporter {
  return (path, message) => {
    const issue = { code: 'custom', path: [...path], message, input: undefined } as z.core.$ZodIssue;
    zodProblems([issue], yaml).forEach((problem) => problems.add(relativePath, problem));
  };
}

/** The file line of a path, for "first on line N" hints. */
export function lineHint(yaml: YamlSource, path: readonly PropertyKey[]): string {
  const line = yaml.lineOf(path);
  return line === undefined ? '' : ` (line ${line})`;
}
