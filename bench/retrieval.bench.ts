/**
 * Retrieval benchmark: loads the shipped knowledge folder plus 10,000 generated scripts (synthetic
 * Chinese insurance sentences) through the public KnowledgeBase API and times search().
 *
 *   npm run bench:retrieval          # BENCH_SCRIPTS=10000 BENCH_QUERIES=2000
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { percentile } from './percentile.util';
import { KnowledgeBase } from '@anxin/knowledge';

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

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'anxin-retrieval-bench-'));
  try {
    writeKnowledge(dir);
    const loadStarted = performance.now();
    const knowledge = await KnowledgeBase.load(dir);
    const loadMs = performance.now() - loadStarted;
    const queries = Array.from({ length: QUERIES }, sentence);
    for (const q of queries.slice(0, 200)) knowledge.search(q); // warm-up
    const times = queries.map((q) => {
      const started = performance.now();
      knowledge.search(q, { k: 5 });
      return performance.now() - started;
    });
    times.sort((a, b) => a - b);
    const row = {
      scripts: knowledge.scripts.length,
      queries: QUERIES,
      'load s': Math.round(loadMs / 100) / 10,
      'p50 ms': Math.round(percentile(times, 50) * 1000) / 1000,
      'p99 ms': Math.round(percentile(times, 99) * 1000) / 1000,
      'heap MiB': Math.round(process.memoryUsage().heapUsed / 2 ** 20),
    };
    console.log(JSON.stringify(row));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
