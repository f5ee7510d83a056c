import type { KnowledgeIndex } from '../knowledge-index';
import { readJsonObjects } from '../loading/jsonl.reader';
import type { ProblemList } from '../loading/problem.list';

/** One line of a questions file (format of ../shared/eval/README.md); other fields are ignored. */
export interface EvalQuestion {
  id: string;
  question: string;
  goldAnswerIds: string[];
}

export interface RetrievalMetrics {
  n: number;
  'recall@1': number;
  'recall@5': number;
  /** Named after k: "mrr@10" by default. */
  [mrr: `mrr@${number}`]: number;
  p50_ms: number;
  p99_ms: number;
}

/** Parses `{"id", "question", "gold_answer_ids": [...]}` per line; every bad line is recorded. */
export function parseEvalQuestions(text: string, file: string, problems: ProblemList): EvalQuestion[] {
  const questions: EvalQuestion[] = [];
  readJsonObjects(text, file, problems).forEach(({ line, obj }) => {
    const gold = obj.gold_answer_ids;
    if (typeof obj.question !== 'string' || obj.question.trim() === '')
      problems.add(file, { line, field: 'question', message: 'must be a non-empty string' });
    else if (!Array.isArray(gold) || gold.length === 0 || !gold.every((id) => typeof id === 'string'))
      problems.add(file, {
        line,
        field: 'gold_answer_ids',
        message: 'must be a non-empty list of answer ids',
      });
    else
      questions.push({
        id: typeof obj.id === 'string' ? obj.id : `line-${line}`,
        question: obj.question,
        goldAnswerIds: gold as string[],
      });
  });
  if (questions.length === 0 && problems.count === 0) problems.add(file, { message: 'has no questions' });
  return questions;
}

/**
 * Asks every question of the index and scores the ranking against the gold answers: recall@1,
 * recall@5, MRR@k and the latency of each search. `answerIdOf` maps a hit back to the answer id
 * of the file (the index prefixes ids with the source name).
 */
export function evaluateRetrieval(
  index: KnowledgeIndex,
  questions: readonly EvalQuestion[],
  answerIdOf: (scriptId: string) => string,
  k = 10,
  now: () => number = () => performance.now(),
): RetrievalMetrics {
  let top1 = 0;
  let top5 = 0;
  let reciprocal = 0;
  const latencies: number[] = [];
  for (const { question, goldAnswerIds } of questions) {
    const started = now();
    const hits = index.search(question, { k: Math.max(k, 5) });
    latencies.push(now() - started);
    const rank = hits.findIndex((hit) => goldAnswerIds.includes(answerIdOf(hit.script.id)));
    if (rank === 0) top1++;
    if (rank >= 0 && rank < 5) top5++;
    if (rank >= 0 && rank < k) reciprocal += 1 / (rank + 1);
  }
  const n = questions.length;
  const ratio = (count: number): number => (n === 0 ? 0 : round(count / n, 4));
  latencies.sort((a, b) => a - b);
  return {
    n,
    'recall@1': ratio(top1),
    'recall@5': ratio(top5),
    [`mrr@${k}`]: ratio(reciprocal),
    p50_ms: round(percentile(latencies, 0.5), 3),
    p99_ms: round(percentile(latencies, 0.99), 3),
  };
}

/** Nearest-rank percentile of sorted values (0 when empty). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
