import type { ProblemList } from './problem.list';

/**
 * The JSON objects of a JSON Lines text with their line numbers; blank lines are skipped, a
 * leading BOM is ignored, and a line that is not a JSON object is recorded as a problem of `file`.
 */
export function readJsonObjects(
  text: string,
  file: string,
  problems: ProblemList,
): { line: number; obj: Record<string, unknown> }[] {
  const out: { line: number; obj: Record<string, unknown> }[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((content, i) => {
      const line = i + 1;
      if (content.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(content);
      } catch {
        problems.add(file, { line, message: 'is not valid JSON' });
        return;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        problems.add(file, { line, message: 'must be a JSON object' });
        return;
      }
      out.push({ line, obj: value as Record<string, unknown> });
    });
  return out;
}
