/**
 * Retrieval benchmark, two corpora through the public KnowledgeBase API, search() timed warm:
 * - generated: the shipped knowledge folder plus 10,000 generated scripts, every one built from
 *   the same 32 words, so each query word is in about half of all scripts (a worst case: real
 *   text spreads over a large vocabulary);
 * - public pool (when ../shared/eval exists; measurement only, nothing is copied): the 9,166
 *   real answers of the evaluation pool plus the shipped scripts plus generated scripts up to
 *   10,000 entries, asked the 600 real dev questions.
 *
 *   npm run bench:retrieval          # BENCH_SCRIPTS=10000 BENCH_QUERIES=2000
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { percentile } from './percentile.util';
import {
  KnowledgeBase,
  parseFaqFile,
  ProblemList,
  type Script,
  type SourceManifest,
  toScript,
} from '@anxin/knowledge';

const SCRIPTS = Number(process.env.BENCH_SCRIPTS ?? 10_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 2_000);
const ROOT = resolve(__dirname, '..', '..');

const SUBJECTS = [
  '重疾险',
  '医疗险',
  '意外险',
  '车险',
  '寿险',
  '年金险',
  '家财险',
  '交强险',
  '商业险',
  '百万医疗',
];
const TOPICS = [
  '理赔材料',
  '等待期',
  '犹豫期',
  '退保',
  '保单贷款',
  '续保',
  '受益人变更',
  '发票',
  '报案',
  '核保',
  '缴费',
  '宽限期',
  '免赔额',
  '现金价值',
];
const ASKS = [
  '需要准备什么',
  '多久能办好',
  '怎么操作',
  '有什么规定',
  '在哪里办理',
  '要注意什么',
  '可以线上办吗',
  '费用怎么算',
];

let seed = 7;
const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
const sentence = (): string => `${pick(SUBJECTS)}${pick(TOPICS)}${pick(ASKS)}`;

/** The shipped knowledge folder (its scripts, lexicons, standard, SLA) plus SCRIPTS generated scripts. */
function writeKnowledge(dir: string): void {
  for (const part of ['scripts', 'lexicon', 'standards', 'sla.yaml'])
    cpSync(join(ROOT, 'knowledge', part), join(dir, part), { recursive: true });
  mkdirSync(join(dir, 'scripts', 'general'), { recursive: true });
  for (let i = 0; i < SCRIPTS; i++) {
    const questions = [sentence(), sentence(), sentence()];
    const body = Array.from({ length: 6 }, sentence).join('，') + '。';
    writeFileSync(
      join(dir, 'scripts', 'general', `general-bench-${i}.md`),
      `---\nid: general-bench-${i}\ntitle: ${sentence()}\nstage: general\nintents: [bench]\nquestions:\n${questions
        .map((q) => `  - ${q}${i}`)
        .join('\n')}\nversion: 1\neffectiveDate: 2026-01-01\n---\n${body}\n`,
    );
  }
}

interface Searchable {
  search(query: string, options: { k: number }): unknown;
}

/** Warm-up, then the latency of every query in milliseconds, ascending. */
function time(index: Searchable, queries: readonly string[]): number[] {
  for (const q of queries.slice(0, 200)) index.search(q, { k: 5 });
  const times = queries.map((q) => {
    const started = performance.now();
    index.search(q, { k: 5 });
    return performance.now() - started;
  });
  return times.sort((a, b) => a - b);
}

function report(corpus: string, entries: number, queries: number, loadMs: number, times: number[]): void {
  const ms = (p: number): number => Math.round(percentile(times, p) * 1000) / 1000;
  const row = {
    corpus,
    entries,
    queries,
    'load s': Math.round(loadMs / 100) / 10,
    'p50 ms': ms(50),
    'p99 ms': ms(99),
    'heap MiB': Math.round(process.memoryUsage().heapUsed / 2 ** 20),
  };
  console.log(JSON.stringify(row));
}

async function generated(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'anxin-retrieval-bench-'));
  try {
    writeKnowledge(dir);
    const loadStarted = performance.now();
    const knowledge = await KnowledgeBase.load(dir);
    const loadMs = performance.now() - loadStarted;
    const queries = Array.from({ length: QUERIES }, sentence);
    report('generated', knowledge.scripts.length, QUERIES, loadMs, time(knowledge, queries));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function publicPool(): Promise<void> {
  const evalDir = resolve(ROOT, '..', 'shared', 'eval');
  const pool = join(evalDir, 'insuranceqa-zh-answers.jsonl');
  if (!existsSync(pool)) {
    console.log(JSON.stringify({ corpus: 'public pool', skipped: `${pool} not found` }));
    return;
  }
  const knowledge = await KnowledgeBase.load(join(ROOT, 'knowledge'));
  const problems = new ProblemList(evalDir);
  const records = parseFaqFile(readFileSync(pool, 'utf8'), 'jsonl', 'insuranceqa-zh-answers.jsonl', problems);
  const manifest: SourceManifest = {
    name: 'pool',
    stage: 'general',
    version: 1,
    importedAt: new Date().toISOString(),
    origin: { file: pool, format: 'jsonl', sha256: '0'.repeat(64) },
    entries: records.length,
  };
  const scripts: Script[] = [...knowledge.scripts, ...records.map((r) => toScript(manifest, r, 'pool'))];
  for (let i = 0; scripts.length < SCRIPTS; i++)
    scripts.push(
      toScript(manifest, { id: `gen-${i}`, questions: [sentence()], answer: sentence(), line: 0 }, 'pool'),
    );
  const questions = ['insuranceqa-zh-dev.jsonl', 'baoxianzhidao-zh-dev.jsonl'].flatMap((file) =>
    readFileSync(join(evalDir, file), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => String((JSON.parse(line) as { question: string }).question)),
  );
  const loadStarted = performance.now();
  const index = knowledge.indexOf(scripts);
  const loadMs = performance.now() - loadStarted;
  const queries = Array.from({ length: QUERIES }, (_, i) => questions[i % questions.length]);
  report('public pool', scripts.length, QUERIES, loadMs, time(index, queries));
}

async function main(): Promise<void> {
  await generated();
  await publicPool();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
