import { SEVERITIES, type Scoring } from '@anxin/knowledge';
import type { RawFinding } from './detector.types';
import type { QaDimensionScore, QaFinding, QaSubjectScore } from './quality.types';
import type { ScoringContext } from './scoring.context';

/** Dimension key of findings of red-line-only checks (they fail the session, no points). */
export const RED_LINE_DIMENSION = 'red_line';

/**
 * THE red-line rule: a finding is a red line (红线) when its severity is critical or its check belongs to
 * the compliance red-line gate (`redLine: true` in behaviour.yaml, carried on the finding as `redLine`),
 * e.g. a major CS-11 finding. Every red-line count goes through it: the stored `red_lines` of automatic
 * and reviewed scores, the API's `redLines`, the list's 含红线 filter, the KPIs (`qa.redLines`) and the
 * console's badges. (Passing is unchanged: only a critical finding fails a transcript, see tally.)
 */
export function isRedLine(finding: Pick<QaFinding, 'severity' | 'redLine'>): boolean {
  return finding.severity === 'critical' || finding.redLine === true;
}

/** How many of the findings are red lines (isRedLine). */
export function countRedLines(findings: readonly Pick<QaFinding, 'severity' | 'redLine'>[]): number {
  return findings.filter(isRedLine).length;
}

/**
 * isRedLine in SQL, for queries over stored findings (jsonb): `finding` is the SQL alias of one jsonb
 * finding (e.g. of jsonb_array_elements(findings)), chosen by the caller, never request text. Never NULL:
 * a finding without `redLine` is not gated. The same rule as isRedLine (score.calculator.int-spec.ts).
 */
export function redLineSql(finding: string): string {
  return `COALESCE(${finding}->>'severity' = 'critical' OR ${finding}->>'redLine' = 'true', false)`;
}

/**
 * Who a finding is charged to (its role/agentId, and so its subject):
 * - a finding on a bot or agent turn: that turn's author;
 * - any other finding (on a customer turn, e.g. 「我刚才说过了」, or session-wide, e.g. a reply that never
 *   came): the responder of the check's roles in charge at that point: the latest bot/agent turn of those
 *   roles at or before it, else the first one after it; nobody when the transcript has none;
 * - system_audit findings: the system (role "system"), no bot or agent subject.
 */
export function attribute(ctx: ScoringContext, raw: RawFinding, scoring: Scoring): QaFinding {
  const { outcome } = raw;
  const { severity } = outcome;
  const deduction =
    severity === 'critical' || raw.audit ? 0 : (outcome.deduction ?? scoring.deductions[severity]);
  const message = raw.messageIndex === null ? undefined : ctx.message(raw.messageIndex);
  let charged: { role: 'bot' | 'agent' | 'system'; agentId?: string } | undefined;
  if (raw.audit) charged = { role: 'system' };
  else {
    const index =
      message && (message.role === 'bot' || message.role === 'agent')
        ? raw.messageIndex
        : ctx.responsible(raw.pos, raw.chargeRoles)?.index;
    const author = index === undefined || index === null ? undefined : ctx.message(index);
    if (author?.role === 'bot') charged = { role: 'bot' };
    else if (author?.role === 'agent') charged = { role: 'agent', agentId: author.agentId ?? 'unknown' };
  }
  return {
    check: raw.check.id,
    detector: raw.detector,
    severity: outcome.severity,
    deduction,
    dimension: raw.check.dimension ?? RED_LINE_DIMENSION,
    redLine: raw.check.redLine,
    messageIndex: raw.messageIndex,
    ...(message?.id === undefined ? {} : { messageId: message.id }),
    ...(charged ?? {}),
    evidence: raw.evidence,
    explanation: raw.explanation,
    source: raw.source,
  };
}

/**
 * One finding per check per judged turn (per session when there is no turn): the most severe, then the
 * larger deduction, then the first found. System-audit findings are kept apart from service findings.
 */
export function onePerTurn(findings: readonly { finding: QaFinding; audit: boolean }[]): QaFinding[] {
  const kept = new Map<string, QaFinding>();
  for (const { finding, audit } of findings) {
    const key = audit
      ? `${finding.check}|audit|${finding.detector}`
      : `${finding.check}|${finding.messageIndex ?? 'session'}`;
    const current = kept.get(key);
    if (!current || worse(finding, current)) kept.set(key, finding);
  }
  return [...kept.values()].sort(
    (a, b) =>
      (a.messageIndex ?? Number.MAX_SAFE_INTEGER) - (b.messageIndex ?? Number.MAX_SAFE_INTEGER) ||
      a.check.localeCompare(b.check) ||
      a.detector.localeCompare(b.detector),
  );
}

function worse(a: QaFinding, b: QaFinding): boolean {
  const rank = SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity);
  return rank !== 0 ? rank > 0 : a.deduction > b.deduction;
}

export interface Tally {
  readonly score: number;
  readonly passed: boolean;
  readonly dimensions: QaDimensionScore[];
}

/** 100 minus each dimension's deductions capped at its weight; passing needs passScore and no critical. */
export function tally(
  findings: readonly Pick<QaFinding, 'dimension' | 'deduction' | 'severity'>[],
  dimensions: readonly { key: string; title: string; weight: number }[],
  scoring: Scoring,
): Tally {
  const scored = dimensions.map((d) => ({
    key: d.key,
    title: d.title,
    weight: d.weight,
    lost: Math.min(
      d.weight,
      findings.filter((f) => f.dimension === d.key).reduce((sum, f) => sum + f.deduction, 0),
    ),
  }));
  const score = 100 - scored.reduce((sum, d) => sum + d.lost, 0);
  const critical = findings.some((f) => f.severity === 'critical');
  return { score, passed: !critical && score >= scoring.passScore, dimensions: scored };
}

/** 'all'; 'bot' when the bot wrote a turn; one per agent (by agentId, "unknown" without one). */
export function subjects(
  ctx: ScoringContext,
  findings: readonly QaFinding[],
  dimensions: readonly { key: string; title: string; weight: number }[],
  scoring: Scoring,
  all: Tally,
): QaSubjectScore[] {
  const out: QaSubjectScore[] = [
    { subject: 'all', score: all.score, passed: all.passed, findings: findings.length },
  ];
  const subject = (charged: readonly QaFinding[]): { score: number; passed: boolean; findings: number } => {
    const t = tally(charged, dimensions, scoring);
    return { score: t.score, passed: t.passed, findings: charged.length };
  };
  const messages = ctx.transcript.messages;
  if (messages.some((m) => m.role === 'bot'))
    out.push({ subject: 'bot', ...subject(findings.filter((f) => f.role === 'bot')) });
  const agents = [...new Set(messages.filter((m) => m.role === 'agent').map((m) => m.agentId ?? 'unknown'))];
  for (const agentId of agents)
    out.push({
      subject: 'agent',
      agentId,
      ...subject(findings.filter((f) => f.role === 'agent' && f.agentId === agentId)),
    });
  return out;
}
