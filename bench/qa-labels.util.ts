/**
 * The labelled QA evaluation set (test/fixtures/qa/*.json, see its README) and how engine findings are
 * matched to its labels. Used by bench/qa.bench.ts and test/qa/labelled-set.spec.ts, so both count alike.
 *
 * Matching rule (per transcript, per check C):
 * - Counted: the `expected` labels of C and the findings of C, unless C is in the transcript's
 *   `labels.llmOnly` (then neither is counted). Findings of system_audit detectors (CS-16
 *   transcript_masking, CS-25) are never counted: the set does not label them.
 * - A finding matches a label when the check is equal and the messageIndex is equal, or the label or the
 *   finding has no messageIndex (null / absent: session-wide).
 * - Pairs are one-to-one: first every finding with an index equal to a label's, then the remaining
 *   findings against the remaining labels where one side has no index, both in message order.
 * - A matched pair is a true positive, an unmatched label a false negative, an unmatched finding a false
 *   positive. An unmatched finding at a `traps` label (same check, equal index or either without one) is
 *   also reported as a trap hit.
 * - precision = TP / (TP + FP), recall = TP / (TP + FN), per check and micro-averaged over all checks
 *   (sums of TP, FP, FN); undefined when the denominator is 0.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  QualityEngine,
  type QaFinding,
  type QaNotAssessed,
  type QaRules,
  type QaTranscript,
  QualityJudge,
  type JudgeRequest,
  type JudgeVerdict,
} from '@anxin/quality';

export interface QaLabel {
  readonly check: string;
  readonly messageIndex?: number | null;
  readonly note?: string;
}

export interface QaFixture extends QaTranscript {
  readonly labels: {
    readonly expected: readonly QaLabel[];
    readonly traps: readonly QaLabel[];
    readonly llmOnly: readonly string[];
  };
}

export interface LoadedFixture {
  readonly file: string;
  readonly fixture: QaFixture;
}

/** The fixtures of `dir` (NN-slug.json), in file order. */
export function loadFixtures(dir: string): LoadedFixture[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({ file, fixture: JSON.parse(readFileSync(join(dir, file), 'utf8')) as QaFixture }));
}

/** The transcript part of a fixture (labels dropped; `citations` and other extra fields kept as is). */
export function transcriptOf(fixture: QaFixture): QaTranscript {
  const { labels: _labels, ...transcript } = fixture;
  return transcript;
}

/** A finding at a label's place (see the matching rule above). */
export interface MatchedFinding {
  readonly finding: QaFinding;
  readonly label: QaLabel;
}

export interface FixtureMatch {
  readonly file: string;
  readonly id: string;
  readonly truePositives: MatchedFinding[];
  readonly falsePositives: QaFinding[];
  readonly falseNegatives: QaLabel[];
  /** False positives at a trap label. */
  readonly trapHits: MatchedFinding[];
  /** Counted findings (after llmOnly and system_audit are left out). */
  readonly counted: QaFinding[];
  readonly notAssessed: readonly QaNotAssessed[];
  /** The transcript is fully compliant (expected: []). */
  readonly compliant: boolean;
}

/** The approved scripts the engine reads citations from (KnowledgeBase is one). */
export type ScriptLookup = ConstructorParameters<typeof QualityEngine>[2];

const sameIndex = (a: number | null | undefined, b: number | null | undefined): boolean =>
  a !== null && a !== undefined && b !== null && b !== undefined && a === b;
const hasNoIndex = (a: number | null | undefined): boolean => a === null || a === undefined;
const order = (a: number | null | undefined): number => a ?? Number.MAX_SAFE_INTEGER;

/** Ids ("CS-16.transcript_masking") of the system_audit detectors of a rulebook. */
export function auditDetectors(rules: QaRules): Set<string> {
  const ids = new Set<string>();
  for (const check of rules.standard.checks)
    for (const detector of check.detectors)
      if (detector.kind === 'system_audit') ids.add(`${check.id}.${detector.id}`);
  return ids;
}

/** Matches one transcript's findings to its labels (the rule at the top of this file). */
export function matchFixture(
  loaded: LoadedFixture,
  findings: readonly QaFinding[],
  notAssessed: readonly QaNotAssessed[],
  audits: ReadonlySet<string>,
): FixtureMatch {
  const { fixture } = loaded;
  const skip = new Set(fixture.labels.llmOnly);
  const counted = findings
    .filter((f) => !skip.has(f.check) && !audits.has(`${f.check}.${f.detector}`))
    .slice()
    .sort((a, b) => order(a.messageIndex) - order(b.messageIndex));
  const labels = fixture.labels.expected
    .filter((l) => !skip.has(l.check))
    .slice()
    .sort((a, b) => order(a.messageIndex) - order(b.messageIndex));

  const usedFindings = new Set<QaFinding>();
  const usedLabels = new Set<QaLabel>();
  const truePositives: MatchedFinding[] = [];
  const pair = (accept: (f: QaFinding, l: QaLabel) => boolean): void => {
    for (const finding of counted) {
      if (usedFindings.has(finding)) continue;
      const label = labels.find((l) => !usedLabels.has(l) && l.check === finding.check && accept(finding, l));
      if (!label) continue;
      usedFindings.add(finding);
      usedLabels.add(label);
      truePositives.push({ finding, label });
    }
  };
  pair((f, l) => sameIndex(f.messageIndex, l.messageIndex));
  pair((f, l) => hasNoIndex(f.messageIndex) || hasNoIndex(l.messageIndex));

  const falsePositives = counted.filter((f) => !usedFindings.has(f));
  const trapHits: MatchedFinding[] = [];
  for (const finding of falsePositives) {
    const trap = fixture.labels.traps.find(
      (t) =>
        t.check === finding.check &&
        (sameIndex(t.messageIndex, finding.messageIndex) ||
          hasNoIndex(t.messageIndex) ||
          hasNoIndex(finding.messageIndex)),
    );
    if (trap) trapHits.push({ finding, label: trap });
  }
  return {
    file: loaded.file,
    id: fixture.id,
    truePositives,
    falsePositives,
    falseNegatives: labels.filter((l) => !usedLabels.has(l)),
    trapHits,
    counted,
    notAssessed,
    compliant: fixture.labels.expected.length === 0,
  };
}

export interface CheckTally {
  readonly check: string;
  /** Counted expected labels. */
  readonly expected: number;
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly precision: number | undefined;
  readonly recall: number | undefined;
}

export interface SetTally {
  readonly checks: CheckTally[];
  readonly micro: CheckTally;
  readonly trapHits: number;
  /** Compliant transcripts with at least one counted finding. */
  readonly compliantWithFindings: string[];
}

const ratio = (num: number, den: number): number | undefined => (den === 0 ? undefined : num / den);

function tallyOf(check: string, tp: number, fp: number, fn: number): CheckTally {
  return { check, expected: tp + fn, tp, fp, fn, precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn) };
}

/** Per-check and micro-averaged counts over a set of matched transcripts. */
export function tallySet(matches: readonly FixtureMatch[]): SetTally {
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  const bump = (check: string, field: 'tp' | 'fp' | 'fn'): void => {
    const c = counts.get(check) ?? { tp: 0, fp: 0, fn: 0 };
    c[field]++;
    counts.set(check, c);
  };
  for (const m of matches) {
    m.truePositives.forEach((p) => bump(p.finding.check, 'tp'));
    m.falsePositives.forEach((f) => bump(f.check, 'fp'));
    m.falseNegatives.forEach((l) => bump(l.check, 'fn'));
  }
  const checks = [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([check, c]) => tallyOf(check, c.tp, c.fp, c.fn));
  const sum = (field: 'tp' | 'fp' | 'fn'): number => checks.reduce((s, c) => s + c[field], 0);
  return {
    checks,
    micro: tallyOf('micro', sum('tp'), sum('fp'), sum('fn')),
    trapHits: matches.reduce((s, m) => s + m.trapHits.length, 0),
    compliantWithFindings: matches.filter((m) => m.compliant && m.counted.length > 0).map((m) => m.file),
  };
}

/**
 * A stand-in judge that confirms every rule candidate (confirm mode) and finds nothing itself (judge
 * mode). Scoring with it shows what the standard's data alone raises, including the contextMatters
 * lexicon entries and the regex candidates that, without a judge, are only reported not assessed.
 */
export class ConfirmAllJudge extends QualityJudge {
  judge(request: JudgeRequest): Promise<JudgeVerdict> {
    if (request.mode === 'confirm' && request.candidate)
      return Promise.resolve({
        violated: true,
        messageIndex: request.candidate.messageIndex,
        evidence: request.candidate.evidence,
        explanation: 'candidate accepted',
      });
    return Promise.resolve({ violated: false, messageIndex: null, evidence: '', explanation: '' });
  }
}

/** How the set is scored: no judge (what the engine decides alone), or every candidate confirmed. */
export type EvaluationMode = 'no-judge' | 'candidates';

/**
 * Scores every fixture with `rules` and matches the findings to the labels. `scripts` (the knowledge base)
 * lets CS-20 read the scripts bot turns cite.
 */
export async function evaluate(
  rules: QaRules,
  fixtures: readonly LoadedFixture[],
  mode: EvaluationMode = 'no-judge',
  scripts: ScriptLookup | null = null,
): Promise<{ matches: FixtureMatch[]; tally: SetTally }> {
  const engine = new QualityEngine(rules, mode === 'candidates' ? new ConfirmAllJudge() : null, scripts);
  const audits = auditDetectors(rules);
  const matches: FixtureMatch[] = [];
  for (const loaded of fixtures) {
    const result = await engine.score(transcriptOf(loaded.fixture));
    matches.push(matchFixture(loaded, result.findings, result.notAssessed, audits));
  }
  return { matches, tally: tallySet(matches) };
}

/** "0.83", or "—" when undefined. */
export function fmt(value: number | undefined): string {
  return value === undefined ? '—' : value.toFixed(2);
}
