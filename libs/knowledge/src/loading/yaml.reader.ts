import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { z } from 'zod';
import type { ProblemAt } from './problem.list';

export interface YamlSource {
  /** Plain JS value, or undefined when the YAML did not parse. */
  value: unknown;
  /** Syntax errors, already placed on file lines. */
  errors: ProblemAt[];
  /** File line of the node at `path` (or of its nearest existing parent, or the YAML's first line). */
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

/** Parses YAML that starts `lineOffset` lines into its file (front matter starts after "---"). */
export function readYaml(text: string, lineOffset = 0): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const fileLine = (offset: number): number => lineCounter.linePos(offset).line + lineOffset;
  const errors = doc.errors.map((error) => ({
    line: error.linePos ? error.linePos[0].line + lineOffset : undefined,
    message: `invalid YAML: ${error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`,
  }));

  // Walks the path through maps and lists; a map entry is placed on its key's line.
  const lineOf = (path: readonly PropertyKey[]): number | undefined => {
    let node: unknown = doc.contents;
    // A field missing at the top level is placed on the first line of the YAML.
    let line: number | undefined = lineOffset + 1;
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
  return { value: errors.length > 0 ? undefined : doc.toJS(), errors, lineOf };
}

/** Turns zod issues into problems naming the field ("questions[2]") and its line. */
export function zodProblems(issues: readonly z.core.$ZodIssue[], source: YamlSource): ProblemAt[] {
  return issues.flatMap((issue): ProblemAt[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        line: source.lineOf([...issue.path, key]),
        field: fieldName([...issue.path, key]),
        message: 'unknown field',
      }));
    }
    return [
      { line: source.lineOf(issue.path), field: fieldName(issue.path) || undefined, message: issue.message },
    ];
  });
}

function fieldName(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i > 0 ? '.' : ''}${String(part)}`))
    .join('');
}
