import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
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

  const lineCounter = new LineCounter();
  const doc = parseDocument(lines.slice(1, close).join('\n'), { lineCounter });
  // The YAML starts on file line 2.
  const fileLine = (offset: number): number => lineCounter.linePos(offset).line + 1;
  const errors = doc.errors.map((error) => ({
    line: error.linePos ? error.linePos[0].line + 1 : undefined,
    message: `invalid YAML: ${error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`,
  }));
  const lineOf = (path: readonly PropertyKey[]): number => {
    let node: unknown = doc.contents;
    let line = 2;
    for (const part of path) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && item.key.value === part);
        if (!pair || !isScalar(pair.key) || !pair.key.range) break;
        line = fileLine(pair.key.range[0]);
        node = pair.value;
      } else if (isSeq(node) && typeof part === 'number') {
        const item = node.items[part] as Node | undefined;
        if (!item?.range) break;
        line = fileLine(item.range[0]);
        node = item;
      } else break;
    }
    return line;
  };
  return {
    value: errors.length > 0 ? undefined : doc.toJS(),
    errors,
    lineOf,
    body: lines.slice(close + 1).join('\n'),
    bodyLine: close + 2,
  };
}

export function isProblem(value: FrontMatter | FileProblem): value is FileProblem {
  return 'message' in value;
}

/** zod issues as problems naming the field ("inputs[2]") and its line; unknown keys one by one. */
export function zodProblems(issues: readonly z.core.$ZodIssue[], front: FrontMatter): FileProblem[] {
  return issues.flatMap((issue): FileProblem[] => {
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => ({
        line: front.lineOf([...issue.path, key]),
        field: fieldName([...issue.path, key]),
        message: 'unknown field',
      }));
    return [
      { line: front.lineOf(issue.path), field: fieldName(issue.path) || undefined, message: issue.message },
    ];
  });
}

function fieldName(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i > 0 ? '.' : ''}${String(part)}`))
    .join('');
}
