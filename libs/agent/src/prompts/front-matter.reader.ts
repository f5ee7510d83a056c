import { readYaml, zodProblems as yamlZodProblems } from '@anxin/knowledge';
import type { z } from 'zod';

/** A validation problem inside one file; formatted as "<file>:<line> <field>: <message>". */
export interface FileProblem {
  line?: number;
  field?: string;
  message: string;
}

export interface FrontMatter {
  /** Plain JS value of the YAML, or undefined when it did not parse. */
  value: unknown;
  /** YAML syntax errors, on file lines. */
  errors: FileProblem[];
  /** File line of the node at `path` (or of its nearest existing parent, or the front matter's first line). */
  lineOf(path: readonly PropertyKey[]): number;
  /** The body after the closing "---" (raw), and the file line of its first line. */
  body: string;
  bodyLine: number;
}

/**
 * Splits "---\n<YAML>\n---\n<body>" and parses the YAML with file line numbers.
 * Returns a problem instead when the "---" lines are missing.
 */
export function readFrontMatter(source: string): FrontMatter | FileProblem {
  const lines = source
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  if (lines[0].trimEnd() !== '---')
    return { line: 1, message: 'must start with a "---" line opening the YAML front matter' };
  const close = lines.findIndex((line, i) => i > 0 && line.trimEnd() === '---');
  if (close < 0) return { line: 1, message: 'front matter has no closing "---" line' };

  // The YAML starts on file line 2.
  const { value, errors, lineOf } = readYaml(lines.slice(1, close).join('\n'), 1);
  return {
    value,
    errors,
    lineOf: (path) => lineOf(path) ?? 2,
    body: lines.slice(close + 1).join('\n'),
    bodyLine: close + 2,
  };
}

export function isProblem(value: FrontMatter | FileProblem): value is FileProblem {
  return 'message' in value;
}

/** zod issues as problems naming the field ("inputs[2]") and its line; unknown keys one by one. */
export function zodProblems(issues: readonly z.core.$ZodIssue[], front: FrontMatter): FileProblem[] {
  return yamlZodProblems(issues, front);
}
