import type { Check, Detector } from '@anxin/knowledge';
import type { DetectorRunner, DetectorSink, RawFinding } from './detector.types';
import { eventsLabel, ROLE_LABELS, rolesLabel, slotReason } from './qa-labels';
import { isOneOf, type ScoringContext } from './scoring.context';
import { SelectorMatcher, type SelectorHit } from './selector.matcher';

type EventOrderDetector = Extract<Detector, { kind: 'event_order' }>;

interface Unanswered {
  readonly hit: SelectorHit;
  readonly messageIndex: number | null;
  readonly pos: number;
}

/**
 * event_order detectors.
 * - before: one of the events must be logged before each trigger (CS-15: kyc_passed before disclosure).
 * - after, within turns: one of the events must be logged after the trigger, up to the `turns`-th turn of
 *   `within.roles` and the events logged right after it. A trigger is judged only while those roles hold
 *   the conversation (a customer asking for a human while already with an agent is not), in the queue an
 *   event logged since the queue began counts, and a trigger no `within.roles` turn follows is not judged.
 *   With `earlierCounts`, an event logged anywhere before the trigger meets it too (CS-14: a complaint
 *   restated once its ticket exists).
 * - after, within seconds: the event must come within that many seconds; a transcript ending sooner is
 *   not judged.
 * A finding only from the `minTriggers`-th unanswered trigger on; the judged turn is the first reply after
 * a customer trigger, the trigger turn itself for a bot/agent trigger, none for an event trigger.
 */
export function eventOrderRunner(check: Check, detector: EventOrderDetector): DetectorRunner {
  const trigger = new SelectorMatcher(detector.trigger);
  const required: readonly string[] = detector.before ?? detector.after ?? [];
  const outcome = detector.outcome;

  const ownTurn = (hit: SelectorHit): number | null =>
    hit.item.kind === 'message' && hit.item.role !== 'customer' ? hit.item.index : null;

  const judgeBefore = (ctx: ScoringContext, hit: SelectorHit): Unanswered | null =>
    ctx.eventIn(0, hit.item.pos - 1, required)
      ? null
      : { hit, messageIndex: ownTurn(hit), pos: hit.item.pos };

  const judgeAfterTurns = (ctx: ScoringContext, hit: SelectorHit): Unanswered | null => {
    const { turns = 1, roles = [] } = detector.within ?? {};
    const pos = hit.item.pos;
    const state = ctx.stateAt(pos);
    if (state === 'closed' || ((state === 'bot' || state === 'agent') && !isOneOf(roles, state))) return null;
    if (state === 'queued' && ctx.eventIn(ctx.stateSince(pos), pos, required)) return null;
    if (detector.earlierCounts && ctx.eventIn(0, pos - 1, required)) return null;
    const replies = ctx.nextTurns(pos, roles, turns);
    const end = replies.length === turns ? ctx.windowEndAfter(replies[turns - 1]) : ctx.end - 1;
    if (ctx.eventIn(pos + 1, end, required)) return null;
    if (replies.length === 0) return null;
    const own = ownTurn(hit);
    return { hit, messageIndex: own ?? replies[0].index, pos: own === null ? replies[0].pos : pos };
  };

  const judgeAfterSeconds = (ctx: ScoringContext, hit: SelectorHit): Unanswered | null => {
    if (detector.earlierCounts && ctx.eventIn(0, hit.item.pos - 1, required)) return null;
    const seconds = detector.within?.seconds ?? 0;
    const limit = hit.item.t + seconds;
    let last = hit.item.t;
    for (let p = hit.item.pos + 1; p < ctx.end; p++) {
      const item = ctx.timeline[p];
      last = Math.max(last, item.t);
      if (item.kind === 'event' && required.includes(item.type) && item.t <= limit) return null;
    }
    if (last < limit) return null;
    return { hit, messageIndex: ownTurn(hit), pos: hit.item.pos };
  };

  const judge = detector.before
    ? judgeBefore
    : detector.within?.seconds !== undefined
      ? judgeAfterSeconds
      : judgeAfterTurns;

  const detail = (ctx: ScoringContext, u: Unanswered, count: number): string => {
    const what = trigger.isEvent ? trigger.label : `${trigger.label}“${u.hit.evidence}”`;
    const events = eventsLabel(required);
    if (detector.before) {
      if (u.hit.item.kind === 'event') return `在记录${events}之前出现${what}`;
      return `${ROLE_LABELS[ctx.message(u.hit.item.index).role]}在记录${events}之前说了“${u.hit.evidence}”`;
    }
    const within = detector.within;
    const budget =
      within?.seconds !== undefined
        ? `${within.seconds}秒内`
        : `${within?.turns ?? 1}条${rolesLabel(within?.roles ?? [])}回复内`;
    if (trigger.isEvent) return `${trigger.label}后${budget}未记录${events}`;
    if (count > 1) return `${trigger.label}已${count}次说“${u.hit.evidence}”，均未在${budget}记录${events}`;
    return `${what}后，${budget}未记录${events}`;
  };

  return {
    check,
    detector,
    run(ctx: ScoringContext, sink: DetectorSink): void {
      const unreadable = trigger.unreadableSlots(ctx);
      if (unreadable.length > 0) {
        sink.skip(check, detector, slotReason(unreadable));
        return;
      }
      const unanswered = trigger
        .all(ctx)
        .map((hit) => judge(ctx, hit))
        .filter((u): u is Unanswered => u !== null);
      unanswered.forEach((u, i) => {
        if (i + 1 < detector.minTriggers) return;
        const finding: RawFinding = {
          check,
          detector: detector.id,
          outcome,
          messageIndex: u.messageIndex,
          pos: u.pos,
          chargeRoles: check.appliesTo,
          evidence: u.hit.evidence,
          explanation: `${check.title}：${detail(ctx, u, i + 1)}`,
          source: 'rule',
        };
        sink.add(finding);
      });
    },
  };
}
