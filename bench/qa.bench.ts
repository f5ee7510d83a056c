/**
 * QA (质检) benchmark: accuracy of the rule engine on the labelled set and scoring throughput.
 *
 * Accuracy: the real knowledge folder (standard, lexicons, sla.yaml) is loaded through KnowledgeBase.load,
 * every transcript of test/fixtures/qa/ is scored, and the findings are matched to the labels with the
 * rule documented in bench/qa-labels.util.ts (same check and same messageIndex, or the label or the
 * finding without an index; one-to-one; checks in the transcript's labels.llmOnly and system_audit
 * findings are not counted). Two views:
 * - no judge: what the engine decides alone (rule candidates of confirmWith detectors become findings
 *   only when clear; the rest is reported not assessed) — the view the spec asserts;
 * - candidates: a stand-in judge confirms every rule candidate, so the data's own hits all count (where
 *   the lexicons and patterns over-match, this view shows it).
 * Printed per view: per check expected / TP / FP / FN / precision / recall, the micro average, the trap
 * hits (false positives at a labelled trap) and the misses with the engine's not-assessed reasons.
 *
 * Approved scripts: every script of the knowledge folder scored as a bot answer citing itself (after
 * kyc_passed), every candidate confirmed; hits of the detectors that forbid wording (regex / lexicon forbid,
 * CS-13 matches_sla, CS-20 numbers_in_citations) on approved text are listed — approved wording should only
 * raise what a confirm judge must reject.
 *
 * Throughput: the fixtures repeated to BENCH_SCORINGS scorings (no judge), timed warm one score() at a
 * time: transcripts per second, p50 / p99 ms per transcript, heap.
 *
 *   npm run bench:qa                       # BENCH_SCORINGS=10000
 *   QA_KNOWLEDGE=/some/knowledge npm run bench:qa   # score against another knowledge folder
 */
import { join, resolve } from 'node:path';
import { KnowledgeBase, type Rulebook } from '@anxin/knowledge';
import { QualityEngine } from '@anxin/quality';
import { percentile } from './percentile.util';
import {
  ConfirmAllJudge,
  evaluate,
  fmt,
  loadFixtures,
  transcriptOf,
  type EvaluationMode,
  type FixtureMatch,
} from './qa-labels.util';

const ROOT = resolve(__dirname, '..', '..');
const KNOWLEDGE = resolve(process.env.QA_KNOWLEDGE ?? join(ROOT, 'knowledge'));
const FIXTURES = join(ROOT, 'test', 'fixtures', 'qa');
const SCORINGS = Number(process.env.BENCH_SCORINGS ?? 10_000);
const WARM_UP = 500;

function accuracyReport(
  view: string,
  matches: FixtureMatch[],
  tally: Awaited<ReturnType<typeof evaluate>>['tally'],
): void {
  console.log(`\n## ${view}\n`);
  console.log('| check | expected | TP | FP | FN | precision | recall |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const c of [...tally.checks, tally.micro])
    console.log(
      `| ${c.check === 'micro' ? '**micro**' : c.check} | ${c.expected} | ${c.tp} | ${c.fp} | ${c.fn} | ${fmt(c.precision)} | ${fmt(c.recall)} |`,
    );
  console.log(`\ntraps hit: ${tally.trapHits}`);
  for (const m of matches)
    for (const { finding, label } of m.trapHits)
      console.log(
        `- ${m.file} ${finding.check}.${finding.detector} #${finding.messageIndex ?? '-'} “${finding.evidence}” — trap: ${label.note ?? ''}`,
      );
  const otherFp = matches.flatMap((m) =>
    m.falsePositives
      .filter((f) => !m.trapHits.some((t) => t.finding === f))
      .map((f) => `- ${m.file} ${f.check}.${f.detector} #${f.messageIndex ?? '-'} “${f.evidence}”`),
  );
  console.log(`\nother false positives (not at a labelled trap): ${otherFp.length}`);
  otherFp.forEach((line) => console.log(line));
  console.log(`\ncompliant transcripts with findings: ${tally.compliantWithFindings.join(', ') || 'none'}`);
  console.log('\nmisses (false negatives):');
  for (const m of matches)
    for (const label of m.falseNegatives) {
      const reasons = [
        ...new Set(
          m.notAssessed.filter((n) => n.check === label.check).map((n) => `${n.detector}: ${n.reason}`),
        ),
      ];
      console.log(
        `- ${m.file} ${label.check} #${label.messageIndex ?? '-'}: ${label.note ?? ''}${
          reasons.length > 0 ? `\n    not assessed: ${reasons.join(' | ')}` : ''
        }`,
      );
    }
}

/** Detector ids ("CS-07.forbidden_phrase") that forbid wording in the responder's own turn. */
function forbidDetectors(rules: Rulebook): Set<string> {
  const ids = new Set<string>();
  for (const check of rules.standard.checks)
    for (const d of check.detectors)
      if (
        (d.kind === 'regex' && d.mode === 'forbid') ||
        (d.kind === 'lexicon' && d.rule === 'forbid') ||
        (d.kind === 'slot' && (d.rule === 'matches_sla' || d.rule === 'numbers_in_citations'))
      )
        ids.add(`${check.id}.${d.id}`);
  return ids;
}

async function approvedScripts(knowledge: KnowledgeBase): Promise<void> {
  const { rules } = knowledge;
  const scripts = knowledge.scripts.filter((script) => script.source === 'scripts');
  const engine = new QualityEngine(rules, new ConfirmAllJudge(), knowledge);
  const forbid = forbidDetectors(rules);
  const hits: string[] = [];
  const byDetector = new Map<string, number>();
  for (const script of scripts) {
    const result = await engine.score({
      id: script.id,
      channel: 'web',
      messages: [
        { role: 'bot', t: 0, text: '您好，我是安心保险AI智能客服小安，请问有什么可以帮您？' },
        { role: 'customer', t: 5, text: script.questions[0] ?? script.title },
        { role: 'bot', t: 6, text: script.body, citations: [script.id] },
      ],
      events: [{ t: 1, type: 'kyc_passed' }],
    });
    for (const f of result.findings) {
      if (f.messageIndex !== 2) continue;
      const key = `${f.check}.${f.detector}`;
      byDetector.set(key, (byDetector.get(key) ?? 0) + 1);
      if (forbid.has(key)) hits.push(`- ${script.id} ${key} “${f.evidence}”`);
    }
  }
  console.log(`\n## approved scripts as bot answers (every candidate confirmed)\n`);
  console.log(`${scripts.length} scripts, ${hits.length} forbid-detector hits`);
  hits.forEach((line) => console.log(line));
  // Every finding on the script's turn; the excerpt has no closing, survey, ticket or handoff, so
  // CS-22, CS-14 ticket_created and CS-05 count what the conversation around a script must add.
  console.log(`\nall findings on the scripts' turn, by detector:`);
  for (const [key, count] of [...byDetector].sort()) console.log(`- ${key}: ${count}`);
}

async function throughput(
  engine: QualityEngine,
  transcripts: ReturnType<typeof transcriptOf>[],
): Promise<void> {
  for (let i = 0; i < WARM_UP; i++) await engine.score(transcripts[i % transcripts.length]);
  const times: number[] = [];
  const started = performance.now();
  for (let i = 0; i < SCORINGS; i++) {
    const t0 = performance.now();
    await engine.score(transcripts[i % transcripts.length]);
    times.push(performance.now() - t0);
  }
  const totalMs = performance.now() - started;
  times.sort((a, b) => a - b);
  const ms = (p: number): number => Math.round(percentile(times, p) * 1000) / 1000;
  const messages = transcripts.reduce((s, t) => s + t.messages.length, 0) / transcripts.length;
  console.log('\n## throughput (no judge, warm)\n');
  console.log(
    JSON.stringify({
      scorings: SCORINGS,
      'messages/transcript': Math.round(messages * 10) / 10,
      'transcripts/s': Math.round(SCORINGS / (totalMs / 1000)),
      'p50 ms': ms(50),
      'p99 ms': ms(99),
      'max ms': ms(100),
      'heap MiB': Math.round(process.memoryUsage().heapUsed / 2 ** 20),
    }),
  );
}

async function main(): Promise<void> {
  const loadStarted = performance.now();
  const knowledge = await KnowledgeBase.load(KNOWLEDGE);
  const { rules } = knowledge;
  const loadMs = performance.now() - loadStarted;
  const fixtures = loadFixtures(FIXTURES);
  console.log(
    `# QA benchmark: ${fixtures.length} labelled transcripts, standard v${rules.standard.version} (${KNOWLEDGE}, loaded in ${Math.round(loadMs)} ms)`,
  );
  const views: [EvaluationMode, string][] = [
    ['no-judge', 'accuracy, no judge'],
    ['candidates', 'accuracy, every rule candidate confirmed'],
  ];
  for (const [mode, title] of views) {
    const { matches, tally } = await evaluate(rules, fixtures, mode, knowledge);
    accuracyReport(title, matches, tally);
  }
  await approvedScripts(knowledge);
  await throughput(
    new QualityEngine(rules, null, knowledge),
    fixtures.map((f) => transcriptOf(f.fixture)),
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
