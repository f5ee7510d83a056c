import type { Check, Detector } from '@anxin/knowledge';
import {
  DetectorSink,
  type Candidate,
  type DetectorRunner,
  type QaRules,
  type RawFinding,
  type ScriptLookup,
} from './detector.types';
import { eventOrderRunner } from './event-order.detector';
import { JudgeCoordinator, judgeTask, type JudgeTask } from './judge.coordinator';
import { lexiconRunner } from './lexicon.detector';
import type { QualityJudge } from './quality-judge.port';
import type { QaNotAssessed, QaResult, QaTranscript } from './quality.types';
import { PiiScanner } from './pii.scanner';
import { regexRunner } from './regex.detector';
import { attribute, onePerTurn, subjects, tally } from './score.calculator';
import { ScoringContext } from './scoring.context';
import { slotRunner } from './slot.detector';
import { systemAuditRunner } from './system-audit.detector';
import { timingRunner } from './timing.detector';

type JudgeDetector = Extract<Detector, { kind: 'llm_judge' }>;

/**
 * Scores a transcript against the behaviour standard (knowledge/standards/behaviour.yaml): every detector
 * of CS-01…CS-25 runs on the transcript, rule candidates go to the LLM judge when one is configured, and
 * the findings are scored per dimension, for the session and for each responder. Framework-free; every
 * regex is compiled once, here. The judge is optional (see JudgeCoordinator for what happens without it);
 * so are the approved scripts (`scripts`, e.g. the KnowledgeBase): without them a bot turn's citations
 * cannot be read and CS-20 numbers_in_citations reports such turns not assessed.
 * score() trusts its input's shape: run untrusted input (queue jobs, API bodies) through validateTranscript.
 */
export class QualityEngine {
  static readonly VERSION = 'qa-engine/1';

  private readonly runners: readonly DetectorRunner[];
  private readonly tasks: readonly JudgeTask[];
  private readonly judges: JudgeCoordinator;
  private readonly pii: PiiScanner;

  constructor(
    private readonly rules: QaRules,
    judge: QualityJudge | null = null,
    scripts: ScriptLookup | null = null,
  ) {
    const runners: DetectorRunner[] = [];
    const tasks: JudgeTask[] = [];
    const confirmers = new Map<string, { check: Check; detector: JudgeDetector }>();
    for (const check of rules.standard.checks)
      for (const detector of check.detectors) {
        if (detector.kind === 'llm_judge') {
          if (detector.mode === 'judge') tasks.push(judgeTask(check, detector));
          else confirmers.set(`${check.id}.${detector.id}`, { check, detector });
        } else runners.push(compile(check, detector, rules, scripts));
      }
    this.runners = runners;
    this.tasks = tasks;
    this.judges = new JudgeCoordinator(judge, confirmers);
    this.pii = new PiiScanner(rules.pii);
  }

  async score(transcript: QaTranscript): Promise<QaResult> {
    const { standard } = this.rules;
    const ctx = new ScoringContext(transcript, this.pii, this.rules.slotCues);
    const findings: RawFinding[] = [];
    const candidates: Candidate[] = [];
    const notAssessed: QaNotAssessed[] = [];
    for (const runner of this.runners) {
      const sink = new DetectorSink();
      runner.run(ctx, sink);
      findings.push(...sink.findings);
      candidates.push(...sink.candidates);
      notAssessed.push(...sink.notAssessed);
    }
    const judged = await this.judges.run(ctx, this.tasks, candidates);
    findings.push(...judged.findings);
    notAssessed.push(...judged.notAssessed);

    const kept = onePerTurn(
      findings.map((raw) => ({ finding: attribute(ctx, raw, standard.scoring), audit: raw.audit === true })),
    );
    const total = tally(kept, standard.dimensions, standard.scoring);
    return {
      transcriptId: transcript.id,
      standardVersion: standard.version,
      engineVersion: QualityEngine.VERSION,
      score: total.score,
      passed: total.passed,
      dimensions: total.dimensions,
      findings: kept,
      notAssessed: notAssessed.sort((a, b) => a.check.localeCompare(b.check)),
      subjects: subjects(ctx, kept, standard.dimensions, standard.scoring, total),
    };
  }
}

function compile(
  check: Check,
  detector: Exclude<Detector, { kind: 'llm_judge' }>,
  rules: QaRules,
  scripts: ScriptLookup | null,
): DetectorRunner {
  switch (detector.kind) {
    case 'regex':
      return regexRunner(check, detector, rules);
    case 'lexicon':
      return lexiconRunner(check, detector, rules);
    case 'timing':
      return timingRunner(check, detector, rules);
    case 'event_order':
      return eventOrderRunner(check, detector);
    case 'slot':
      return slotRunner(check, detector, rules, scripts);
    case 'system_audit':
      return systemAuditRunner(check, detector);
  }
}
