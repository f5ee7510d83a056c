import type { Check, Detector } from '@anxin/knowledge';
import type { DetectorRunner, DetectorSink, QaRules, RawFinding } from './detector.types';
import { maskedExcerpt } from './evidence.util';
import { eventsLabel, ROLE_LABELS, rolesLabel, slotReason } from './qa-labels';
import { isOneOf, type ScoringContext, type TurnItem } from './scoring.context';
import { SelectorMatcher } from './selector.matcher';
import { turnHit } from './text-match';
import { globalCopy } from './text.util';

type RegexDetector = Extract<Detector, { kind: 'regex' }>;

/** A scope window: the turns read, the timeline span where satisfiedBy events count, the judged turn. */
interface Window {
  readonly turns: readonly TurnItem[];
  readonly start: number;
  readonly end: number;
  readonly judged: TurnItem | null;
  /** What opened it, for the explanation (after_trigger). */
  readonly because?: string;
}

/**
 * regex detectors. Scopes: first_turn (first turn of each responder segment), first_turn_of_responder (first
 * turn of each responder: the bot, each agent), every_turn, last_n_turns
 * (last n turns of any role, of which `roles` are read), after_trigger (n `roles` turns after each trigger;
 * a trigger nobody answered is not judged here: unanswered turns are the timing checks' business).
 * Modes: forbid (each matching turn; with confirmWith a candidate for the judge), require (a window
 * without a match and without a satisfiedBy event), at_most (more than `max` matching turns: one finding).
 */
export function regexRunner(check: Check, detector: RegexDetector, rules: QaRules): DetectorRunner {
  const patterns = detector.patterns.map(globalCopy);
  const trigger = detector.trigger ? new SelectorMatcher(detector.trigger) : undefined;
  const outcome = rules.outcomeOf(detector);

  const finding = (
    ctx: ScoringContext,
    turn: TurnItem | null,
    evidence: string,
    detail: string,
  ): RawFinding => ({
    check,
    detector: detector.id,
    outcome,
    messageIndex: turn?.index ?? null,
    pos: turn?.pos ?? ctx.end,
    chargeRoles: check.appliesTo,
    evidence,
    explanation: `${check.title}：${detail}`,
    source: 'rule',
  });

  const windows = (ctx: ScoringContext): Window[] => {
    switch (detector.scope) {
      case 'first_turn':
        return ctx.segments
          .filter((s) => isOneOf(detector.roles, s.first.role))
          .map((s) => ({
            turns: [s.first],
            start: s.start,
            end: ctx.windowEndAfter(s.first),
            judged: s.first,
          }));
      case 'first_turn_of_responder':
        return ctx.responderFirsts
          .filter((first) => isOneOf(detector.roles, first.role))
          .map((first) => ({
            turns: [first],
            start: ctx.segments.find((s) => s.first === first)?.start ?? first.pos,
            end: ctx.windowEndAfter(first),
            judged: first,
          }));
      case 'every_turn':
        return ctx
          .turnsOf(detector.roles)
          .map((t) => ({ turns: [t], start: t.pos, end: ctx.windowEndAfter(t), judged: t }));
      case 'last_n_turns': {
        if (!ctx.hasTurnOf(detector.roles)) return [];
        const last = ctx.turns.slice(-(detector.n ?? 1));
        const turns = last.filter((t) => isOneOf(detector.roles, t.role));
        return [{ turns, start: last[0].pos, end: ctx.end - 1, judged: turns.at(-1) ?? null }];
      }
      case 'after_trigger':
        return (trigger as SelectorMatcher).all(ctx).flatMap((hit): Window[] => {
          const n = detector.n ?? 1;
          const turns = ctx.nextTurns(hit.item.pos, detector.roles, n);
          if (turns.length === 0) return [];
          const end = turns.length === n ? ctx.windowEndAfter(turns[n - 1]) : ctx.end - 1;
          const because = `${trigger?.label ?? ''}“${hit.evidence}”后，`;
          return [{ turns, start: hit.item.pos + 1, end, judged: turns[0], because }];
        });
    }
  };

  const hitIn = (ctx: ScoringContext, turn: TurnItem): ReturnType<typeof turnHit> =>
    turnHit(ctx, turn.index, patterns, detector.match, detector.unless);

  const requireMet = (ctx: ScoringContext, w: Window): boolean => {
    if (detector.satisfiedBy && ctx.eventIn(w.start, w.end, detector.satisfiedBy)) return true;
    if (detector.match === 'any') return w.turns.some((t) => hitIn(ctx, t) !== null);
    return patterns.every((regex) =>
      w.turns.some((t) => turnHit(ctx, t.index, [regex], 'any', detector.unless) !== null),
    );
  };

  const requireDetail = (w: Window): string => {
    const who = w.judged ? ROLE_LABELS[w.judged.role] : rolesLabel(detector.roles);
    const where =
      detector.scope === 'first_turn' || detector.scope === 'first_turn_of_responder'
        ? `${who}首次回复`
        : detector.scope === 'last_n_turns'
          ? `结束前${detector.n ?? 1}条消息中${who}的回复`
          : `${w.because ?? ''}${who}随后${w.turns.length}条回复`;
    const events = detector.satisfiedBy ? `，也未记录${eventsLabel(detector.satisfiedBy)}` : '';
    return `${where}未包含要求的表述${events}`;
  };

  return {
    check,
    detector,
    run(ctx: ScoringContext, sink: DetectorSink): void {
      const unreadable = trigger?.unreadableSlots(ctx) ?? [];
      if (unreadable.length > 0) {
        sink.skip(check, detector, slotReason(unreadable));
        return;
      }
      const all = windows(ctx);
      if (detector.mode === 'require') {
        for (const w of all) {
          if (requireMet(ctx, w)) continue;
          const text = w.judged ? ctx.texts[w.judged.index] : '';
          sink.add(finding(ctx, w.judged, maskedExcerpt(ctx, text), requireDetail(w)));
        }
        return;
      }
      const seen = new Set<number>();
      const matching: { turn: TurnItem; text: string }[] = [];
      for (const w of all)
        for (const turn of w.turns) {
          if (seen.has(turn.index)) continue;
          seen.add(turn.index);
          const hit = hitIn(ctx, turn);
          if (hit) matching.push({ turn, text: ctx.mask(hit.text) });
        }
      if (detector.mode === 'at_most') {
        const max = detector.max ?? 0;
        if (matching.length <= max) return;
        const over = matching[max];
        const detail = `${ROLE_LABELS[over.turn.role]}${matching.length}次出现“${over.text}”，超过${max}次`;
        sink.add(finding(ctx, over.turn, over.text, detail));
        return;
      }
      for (const { turn, text } of matching) {
        const detail =
          turn.role === 'customer' ? `客户表示“${text}”` : `${ROLE_LABELS[turn.role]}说了“${text}”`;
        const raw = finding(ctx, turn, text, detail);
        if (detector.confirmWith)
          sink.addCandidate({ ...raw, confirmWith: detector.confirmWith, clear: false, criteria: [] });
        else sink.add(raw);
      }
    },
  };
}
