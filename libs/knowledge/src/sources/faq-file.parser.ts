import { createHash } from 'node:crypto';
import type { ProblemList } from '../loading/problem.list';
import { readJsonObjects } from '../loading/jsonl.reader';
import { readCsv } from './csv.reader';

export const FAQ_FORMATS = ['jsonl', 'csv'] as const;
export type FaqFormat = (typeof FAQ_FORMATS)[number];

/** One question/answer pair (or answer only) of an imported FAQ pool, normalized. */
export interface FaqRecord {
  /** Stable within the source: the file's own id, or a hash of the answer when it has none. */
  id: string;
  title?: string;
  questions: string[];
  answer: string;
  /** Line of the record in the file it came from. */
  line: number;
}

export const FAQ_LIMITS = { answerChars: 20_000, questionChars: 500, records: 100_000 } as const;
const RECORD_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
// Control characters other than tab and line breaks never belong in approved text.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** CSV header names (lower-cased) accepted for each field, English or Chinese. */
const CSV_COLUMNS = {
  id: ['id', '编号', '序号'],
  title: ['title', '标题'],
  question: ['question', 'questions', '问题', '标准问', '相似问'],
  answer: ['answer', 'text', '答案', '标准答案', '答复'],
} as const;

interface RawRecord {
  line: number;
  id?: unknown;
  title?: unknown;
  questions: unknown[];
  answer?: unknown;
}

/**
 * Parses an FAQ export. JSONL: one object per line with `answer` (or `text`), optional `id`,
 * `title`, `question` (string) and/or `questions` (list); other fields are ignored.
 * CSV: a header row naming the columns (see CSV_COLUMNS; several question columns allowed),
 * one record per row. Every problem is recorded against `file` with its line; the caller
 * refuses the whole file when there is any, so nothing is half-imported.
 */
export function parseFaqFile(
  text: string,
  format: FaqFormat,
  file: string,
  problems: ProblemList,
): FaqRecord[] {
  const raw = format === 'jsonl' ? readJsonl(text, file, problems) : readCsvRecords(text, file, problems);
  if (raw.length > FAQ_LIMITS.records) {
    problems.add(file, { message: `has ${raw.length} records; at most ${FAQ_LIMITS.records} per source` });
    return [];
  }
  const records: FaqRecord[] = [];
  const seen = new Map<string, number>();
  for (const item of raw) {
    const record = validate(item, file, problems);
    if (!record) continue;
    const first = seen.get(record.id);
    if (first !== undefined) {
      problems.add(file, {
        line: record.line,
        field: 'id',
        message: `duplicate id "${record.id}" (also line ${first})`,
      });
      continue;
    }
    seen.set(record.id, record.line);
    records.push(record);
  }
  if (raw.length === 0 && problems.count === 0) problems.add(file, { message: 'has no records' });
  return records;
}

function readJsonl(text: string, file: string, problems: ProblemList): RawRecord[] {
  const out: RawRecord[] = [];
  readJsonObjects(text, file, problems).forEach(({ line, obj }) => {
    const questions: unknown[] = [];
    if (obj.question !== undefined) questions.push(obj.question);
    if (obj.questions !== undefined) {
      if (Array.isArray(obj.questions)) questions.push(...(obj.questions as unknown[]));
      else {
        problems.add(file, { line, field: 'questions', message: 'must be a list of strings' });
        return;
      }
    }
    out.push({ line, id: obj.id, title: obj.title, questions, answer: obj.answer ?? obj.text });
  });
  return out;
}

function readCsvRecords(text: string, file: string, problems: ProblemList): RawRecord[] {
  const csv = readCsv(text);
  if (!csv.ok) {
    problems.add(file, { line: csv.line, message: csv.message });
    return [];
  }
  const [header, ...rows] = csv.records;
  if (!header) return [];
  const names = header.fields.map((name) => name.trim().toLowerCase());
  const columnsOf = (field: keyof typeof CSV_COLUMNS): number[] =>
    names.flatMap((name, i) => ((CSV_COLUMNS[field] as readonly string[]).includes(name) ? [i] : []));
  const answerColumn = columnsOf('answer');
  if (answerColumn.length !== 1) {
    problems.add(file, {
      line: header.line,
      message: `header must name exactly one answer column (${CSV_COLUMNS.answer.join('|')}), got "${header.fields.join(',')}"`,
    });
    return [];
  }
  const [idColumn] = columnsOf('id');
  const [titleColumn] = columnsOf('title');
  const questionColumns = columnsOf('question');
  return rows.map((row): RawRecord => {
    if (row.fields.length > names.length)
      problems.add(file, {
        line: row.line,
        message: `has ${row.fields.length} fields; the header has ${names.length}`,
      });
    const cell = (column: number | undefined): string | undefined =>
      column === undefined ? undefined : row.fields[column];
    return {
      line: row.line,
      id: blankToUndefined(cell(idColumn)),
      title: blankToUndefined(cell(titleColumn)),
      questions: questionColumns.map(cell).filter((q) => q !== undefined && q.trim() !== ''),
      answer: cell(answerColumn[0]) ?? '',
    };
  });
}

function validate(item: RawRecord, file: string, problems: ProblemList): FaqRecord | undefined {
  const before = problems.count;
  const report = (field: string, message: string): void =>
    problems.add(file, { line: item.line, field, message });
  const answer = text(item.answer, 'answer', FAQ_LIMITS.answerChars, report, true);
  const title = text(item.title, 'title', FAQ_LIMITS.questionChars, report, false);
  const questions = item.questions.flatMap((q, i) => {
    const value = text(q, `questions[${i}]`, FAQ_LIMITS.questionChars, report, true);
    return value === undefined ? [] : [value];
  });
  let id: string | undefined;
  if (item.id === undefined || item.id === null)
    id = answer === undefined ? undefined : hashId(answer, questions);
  else if ((typeof item.id === 'string' || typeof item.id === 'number') && RECORD_ID.test(String(item.id)))
    id = String(item.id);
  else report('id', 'must be 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit');
  if (problems.count > before || answer === undefined || id === undefined) return undefined;
  return { id, ...(title ? { title } : {}), questions: [...new Set(questions)], answer, line: item.line };
}

function text(
  value: unknown,
  field: string,
  max: number,
  report: (field: string, message: string) => void,
  required: boolean,
): string | undefined {
  if (value === undefined || value === null) {
    if (required) report(field, 'is required');
    return undefined;
  }
  if (typeof value !== 'string') {
    report(field, 'must be a string');
    return undefined;
  }
  const trimmed = value.trim();
  if (trimmed === '') {
    if (required) report(field, 'must not be empty');
    return undefined;
  }
  if (CONTROL.test(trimmed)) report(field, 'contains control characters');
  else if ([...trimmed].length > max) report(field, `is longer than ${max} characters`);
  else return trimmed;
  return undefined;
}

function blankToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function hashId(answer: string, questions: readonly string[]): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([answer, questions]))
    .digest('hex');
  return `h${digest.slice(0, 12)}`;
}
