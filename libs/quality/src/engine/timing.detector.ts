import type { Check, Detector, Outcome, RuleRole } from '@anxin/knowledge';
import type { DetectorRunner, DetectorSink, QaRules } from './detector.types';
import { maskedExcerpt } from './evidence.util';
import { ROLE_LABELS, slotReason } from './qa-labels';
import type { ScoringContext, TurnItem } from './scoring.context';
import { SelectorMatcher, type SelectorHit } from './selector.matcher';

type TimingDetector = Extract<Detector, { kind: 'timing' }>;

/**
 * timing detectors. A measurement starts at each `from` match (or only the first) and ends at the next
 * `to` match before the conversation closes; several starts ending at the same `to` keep the longest.
 * The highest threshold exceeded gives the outcome; a measurement that never ends exceeds every threshold,
 * except: when the conversation was handed to a responder outside `to.roles` meanwhile (a bot's 「请稍等」
 * followed by a transfer is the agent's to honour; an agent-only transcript has no bot to time), and for
 * `each` measurements from customer turns no responder turn follows (the customer's closing 「没有了，谢谢」
 * is not a wait; a first message never answered still is, through occurrence: first).
 * `remedy` waives a late reply when one of the `withinTurns` turns of its roles, starting with the late
 * one, matches a remedy pattern (e.g. an apology for the wait). The judged turn is the late reply; an
 * unanswered measurement is session-wide.
 */
export function timingRunner(check: Check, detector: TimingDetector, rules: QaRules): DetectorRunner {
  const from = new SelectorMatcher(detector.from);
  const to = new SelectorMatcher(detector.to);
  const chargeRoles: readonly RuleRole[] = detector.to.roles
    ? check.appliesTo.filter((role) => detector.to.roles?.includes(role))
    : check.appliesTo;
  const { remedy } = detector;

  const outcomeOf = (delay: number): { outcome: Outcome; over: number } | null => {
    const passed = detector.thresholds.filter((t) => delay > t.over);
    const top = passed.at(-1);
    if (!top) return null;
    const deduction =
      top.severity === 'critical' ? null : (top.deduction ?? rules.standard.scoring.deductions[top.severity]);
    return { outcome: { severity: top.severity, deduction }, over: top.over };
  };

  const remedied = (ctx: ScoringContext, late: TurnItem): boolean => {
    if (!remedy) return false;
    const first = remedy.roles.includes(late.role as RuleRole) ? [late] : [];
    const turns = [...first, ...ctx.nextTurns(late.pos, remedy.roles, remedy.withinTurns - first.length)];
    return turns.some((t) => remedy.patterns.some((p) => p.test(ctx.texts[t.index])));
  };

  /** Never-answered measurements the standard does not mean (see the class comment). */
  const notJudgedUnanswered = (ctx: ScoringContext, start: SelectorHit, close: number): boolean => {
    if (detector.to.roles && ctx.handedOver(start.item.pos, close, detector.to.roles)) return true;
    const { item } = start;
    return (
      detector.from.occurrence === 'each' &&
      item.kind === 'message' &&
      item.role === 'customer' &&
      ctx.nextTurns(item.pos, ['bot', 'agent'], 1).length === 0
    );
  };

  const fromDescription = (ctx: ScoringContext, hit: SelectorHit): string => {
    if (hit.item.kind === 'event') return `“${hit.evidence}”`;
    const role = ROLE_LABELS[ctx.message(hit.item.index).role];
    return detector.from.patterns || detector.from.pii ? `${role}说“${hit.evidence}”` : `${role}发言`;
  };

  return {
    check,
    detector,
    run(ctx: ScoringContext, sink: DetectorSink): void {
      const unreadable = [...from.unreadableSlots(ctx), ...to.unreadableSlots(ctx)];
      if (unreadable.length > 0) {
        sink.skip(check, detector, slotReason(unreadable));
        return;
      }
      const starts = from.all(ctx);
      const measured = new Map<number, { start: SelectorHit; end: SelectorHit | null }>();
      for (const start of detector.from.occurrence === 'first' ? starts.slice(0, 1) : starts) {
        const close = ctx.closeAfter(start.item.pos);
        const end = to.next(ctx, start.item.pos, close);
        if (!end && notJudgedUnanswered(ctx, start, close)) continue;
        const key = end?.item.pos ?? -1;
        if (!measured.has(key)) measured.set(key, { start, end });
      }
      for (const { start, end } of measured.values()) {
        const delay = end ? Math.max(0, end.item.t - start.item.t) : Number.POSITIVE_INFINITY;
        const result = outcomeOf(delay);
        if (!result) continue;
        const late = end?.item.kind === 'message' ? end.item : null;
        if (late && remedied(ctx, late)) continue;
        const since = fromDescription(ctx, start);
        const detail = !end
          ? `${since}后${to.label}始终未回复`
          : `${late ? ROLE_LABELS[late.role] : to.label}在${since}后${Number(delay.toFixed(1))}秒才回复（超过${result.over}秒）${
              remedy ? `，随后${remedy.withinTurns}条回复内也未见要求的表述` : ''
            }`;
        sink.add({
          check,
          detector: detector.id,
          outcome: result.outcome,
          messageIndex: late?.index ?? null,
          pos: end?.item.pos ?? start.item.pos,
          chargeRoles,
          evidence: late ? maskedExcerpt(ctx, ctx.texts[late.index]) : start.evidence,
          explanation: `${check.title}：${detail}`,
          source: 'rule',
        });
      }
    },
  };
}
