import type { Check, Detector, RuleRole } from '@anxin/knowledge';
import type { Candidate, RawFinding } from './detector.types';
import { eventLabel, slotReason } from './qa-labels';
import type { QualityJudge, JudgeRequest, JudgeVerdict } from './quality-judge.port';
import type { QaNotAssessed } from './quality.types';
import type { ScoringContext } from './scoring.context';
import { SelectorMatcher } from './selector.matcher';
import { excerpt, normalizeText } from './text.util';

type JudgeDetector = Extract<Detector, { kind: 'llm_judge' }>;

export const NO_JUDGE_REASON = '未配置大模型，未评估';
const EXPLANATION_MAX = 80;
const EVIDENCE_MAX = 120;
const QUOTE_MARKS = /^[「『“‘"'《\s]+|[」』”’"'》\s]+$/gu;

/** An llm_judge detector (mode judge) compiled for scoring. */
export interface JudgeTask {
  readonly check: Check;
  readonly detector: JudgeDetector;
  readonly trigger?: SelectorMatcher;
  /** Responder roles the detector judges and may charge. */
  readonly chargeRoles: readonly RuleRole[];
}

export function judgeTask(check: Check, detector: JudgeDetector): JudgeTask {
  return {
    check,
    detector,
    trigger: detector.trigger ? new SelectorMatcher(detector.trigger) : undefined,
    chargeRoles: check.appliesTo.filter((role) => detector.roles.includes(role)),
  };
}

export interface JudgeOutcome {
  readonly findings: RawFinding[];
  readonly notAssessed: QaNotAssessed[];
}

/**
 * Runs the LLM judge: judge-mode detectors on the transcript, confirm-mode detectors on rule candidates.
 * Without a judge, judge-mode detectors are not assessed, and a candidate becomes a finding only when it
 * is clear (see Candidate.clear): a lexicon entry the lexicon does not mark contextMatters is unambiguous
 * by the lexicon author's word, and a wrong time limit alone in its sentence is a plain number mismatch
 * (CS-13: 数字或单位不符的，不合格). Everything else (contextMatters entries, regex candidates, whose
 * detectors ask for the judge precisely because context decides) would be a guess, so it is reported not
 * assessed with its evidence for a human to look at. A failed judge call, or a verdict whose evidence is not a quote
 * from the transcript, leaves the detector (or candidate) not assessed; the score never waits on a guess.
 */
export class JudgeCoordinator {
  constructor(
    private readonly judge: QualityJudge | null,
    private readonly confirmers: ReadonlyMap<string, { check: Check; detector: JudgeDetector }>,
  ) {}

  async run(
    ctx: ScoringContext,
    tasks: readonly JudgeTask[],
    candidates: readonly Candidate[],
  ): Promise<JudgeOutcome> {
    const out: JudgeOutcome = { findings: [], notAssessed: [] };
    const rendered = new RenderedTranscript(ctx);
    const work: Promise<void>[] = [];
    for (const task of tasks) {
      const applicable = this.applicable(ctx, task);
      if (applicable !== true) {
        if (applicable) out.notAssessed.push(applicable);
        continue;
      }
      if (!this.judge) {
        out.notAssessed.push(notAssessed(task.check, task.detector, NO_JUDGE_REASON));
        continue;
      }
      work.push(this.judgeTask(this.judge, rendered, task, out));
    }
    for (const candidate of candidates) {
      const confirmer = this.confirmers.get(`${candidate.check.id}.${candidate.confirmWith}`);
      if (this.judge && confirmer) work.push(this.confirm(this.judge, rendered, candidate, confirmer, out));
      else if (candidate.clear) out.findings.push(candidate);
      else
        out.notAssessed.push({
          check: candidate.check.id,
          detector: candidate.detector,
          reason: `消息#${candidate.messageIndex ?? '-'}命中“${candidate.evidence}”，须结合语境由大模型复核（${candidate.confirmWith}）；${NO_JUDGE_REASON}`,
        });
    }
    await Promise.all(work);
    return out;
  }

  /** true, a not-assessed entry (slot trigger), or null when there is nothing to judge. */
  private applicable(ctx: ScoringContext, task: JudgeTask): true | QaNotAssessed | null {
    const unreadable = task.trigger?.unreadableSlots(ctx) ?? [];
    if (unreadable.length > 0) return notAssessed(task.check, task.detector, slotReason(unreadable));
    if (!ctx.hasTurnOf(task.detector.roles)) return null;
    if (task.trigger && task.trigger.all(ctx).length === 0) return null;
    return true;
  }

  private async judgeTask(
    judge: QualityJudge,
    rendered: RenderedTranscript,
    task: JudgeTask,
    out: JudgeOutcome,
  ): Promise<void> {
    const { check, detector } = task;
    const verdict = await ask(judge, rendered.request(check, detector, 'judge'));
    if (typeof verdict === 'string') {
      out.notAssessed.push(notAssessed(check, detector, verdict));
      return;
    }
    if (!verdict.violated) return;
    const { messageIndex } = verdict;
    if (messageIndex !== null && !(Number.isInteger(messageIndex) && rendered.hasMessage(messageIndex))) {
      out.notAssessed.push(notAssessed(check, detector, `大模型返回的消息序号${messageIndex}无效，未采用`));
      return;
    }
    const quotedAt = rendered.find(verdict.evidence, messageIndex);
    if (quotedAt === null) {
      out.notAssessed.push(notAssessed(check, detector, '大模型给出的证据不是对话原文，未采用'));
      return;
    }
    const explanation = excerpt(verdict.explanation.trim(), EXPLANATION_MAX) || '大模型判定不符合要求';
    out.findings.push({
      check,
      detector: detector.id,
      outcome: detector.outcome,
      messageIndex,
      pos: rendered.pos(messageIndex ?? quotedAt),
      chargeRoles: task.chargeRoles,
      evidence: excerpt(cleanQuote(verdict.evidence), EVIDENCE_MAX),
      explanation: `${check.title}：${explanation}`,
      source: 'judge',
    });
  }

  private async confirm(
    judge: QualityJudge,
    rendered: RenderedTranscript,
    candidate: Candidate,
    confirmer: { check: Check; detector: JudgeDetector },
    out: JudgeOutcome,
  ): Promise<void> {
    const request = rendered.request(confirmer.check, confirmer.detector, 'confirm', candidate);
    const verdict = await ask(judge, request);
    if (typeof verdict === 'string') {
      out.notAssessed.push({
        check: candidate.check.id,
        detector: candidate.detector,
        reason: `消息#${candidate.messageIndex ?? '-'}的候选“${candidate.evidence}”${verdict}`,
      });
      return;
    }
    if (!verdict.violated) return;
    const { confirmWith: _c, clear: _l, criteria: _x, ...finding } = candidate;
    out.findings.push({
      ...finding,
      explanation: `${finding.explanation}（大模型复核确认）`,
      source: 'judge',
    });
  }
}

async function ask(judge: QualityJudge, request: JudgeRequest): Promise<JudgeVerdict | string> {
  try {
    return await judge.judge(request);
  } catch (error) {
    return `大模型评估失败（${excerpt(error instanceof Error ? error.message : String(error), 60)}），未评估`;
  }
}

function notAssessed(check: Check, detector: Detector, reason: string): QaNotAssessed {
  return { check: check.id, detector: detector.id, reason };
}

function cleanQuote(text: string): string {
  return normalizeText(text).replace(QUOTE_MARKS, '').trim();
}

/** The transcript as the judge sees it (PII masked), built on first use. */
class RenderedTranscript {
  private masked?: string[];
  private text?: string;

  constructor(private readonly ctx: ScoringContext) {}

  hasMessage(index: number): boolean {
    return index >= 0 && index < this.ctx.texts.length;
  }

  pos(index: number): number {
    return this.ctx.turns[index].pos;
  }

  request(
    check: Check,
    detector: JudgeDetector,
    mode: 'judge' | 'confirm',
    candidate?: Candidate,
  ): JudgeRequest {
    return {
      rubric: detector.rubric,
      mode,
      check: { id: check.id, title: check.title, description: check.description },
      detector: detector.id,
      roles: detector.roles,
      evidence: detector.evidence,
      transcript: this.render(),
      messageIds: this.ctx.transcript.messages.map((m) => m.id),
      criteria: candidate?.criteria ?? [],
      ...(candidate && candidate.messageIndex !== null
        ? { candidate: { messageIndex: candidate.messageIndex, evidence: candidate.evidence } }
        : {}),
    };
  }

  /**
   * Where a verdict's evidence is quoted: the turn it names, else the first turn holding it. Quote marks
   * around it and white space are ignored; "…" may join quoted parts of one turn.
   */
  find(evidence: string, messageIndex: number | null): number | null {
    const parts = cleanQuote(evidence)
      .split(/…+|\.{3,}/u)
      .map(compact)
      .filter((part) => part !== '');
    if (parts.length === 0) return null;
    const texts = this.maskedTexts().map(compact);
    const holds = (i: number): boolean => parts.every((part) => texts[i].includes(part));
    if (messageIndex !== null) return holds(messageIndex) ? messageIndex : null;
    const at = texts.findIndex((_, i) => holds(i));
    return at < 0 ? null : at;
  }

  private maskedTexts(): string[] {
    this.masked ??= this.ctx.texts.map((text) => this.ctx.mask(text));
    return this.masked;
  }

  private render(): string {
    if (this.text === undefined) {
      const texts = this.maskedTexts();
      this.text = this.ctx.timeline
        .map((item) =>
          item.kind === 'message'
            ? `[${item.index}] ${speaker(this.ctx, item.index)} (${item.t}s): ${oneLine(texts[item.index])}`
            : `[event] ${item.type} ${eventLabel(item.type)} (${item.t}s)`,
        )
        .join('\n');
    }
    return this.text;
  }
}

/** "bot", "customer", "agent(A1)": the role words the QA prompts explain. */
function speaker(ctx: ScoringContext, index: number): string {
  const m = ctx.message(index);
  return m.role === 'agent' ? `agent(${m.agentId ?? 'unknown'})` : m.role;
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/gu, ' ');
}

function compact(text: string): string {
  return normalizeText(text).replace(/\s+/gu, '');
}
