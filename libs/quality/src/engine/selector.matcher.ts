import type { RuleRole, SlotValue } from '@anxin/knowledge';
import { eventLabel, ROLE_LABELS } from './qa-labels';
import { maskedExcerpt } from './evidence.util';
import { isOneOf, type ScoringContext, type TimelineItem } from './scoring.context';

/** The selector shape of behaviour.yaml (trigger, timing from/to). */
export interface SelectorSpec {
  readonly event?: string;
  readonly roles?: readonly RuleRole[];
  readonly patterns?: readonly RegExp[];
  readonly pii?: readonly string[];
  readonly slots?: readonly SlotCondition[];
}

/** A condition on a slot value: a number at least `atLeast`, or a value `in` a list. */
export interface SlotCondition {
  readonly name: string;
  readonly atLeast?: number;
  readonly in?: readonly string[];
}

function holds(condition: SlotCondition, value: SlotValue | undefined): boolean {
  if (value === undefined) return false;
  if (condition.atLeast !== undefined) {
    const number = typeof value === 'number' ? value : Number(value);
    return Number.isFinite(number) && number >= condition.atLeast;
  }
  return condition.in === undefined || condition.in.includes(String(value));
}

/** What a selector matched: the item and (PII masked, computed on use) the text that made it match. */
export interface SelectorHit {
  readonly item: TimelineItem;
  readonly evidence: string;
}

function lazyHit(item: TimelineItem, evidence: () => string): SelectorHit {
  let value: string | undefined;
  return {
    item,
    get evidence(): string {
      value ??= evidence();
      return value;
    },
  };
}

/**
 * A compiled selector: an event, or turns of `roles` (matching any pattern or containing PII of the
 * listed kinds, when given). Slot conditions (`slots`) select a turn that changes one of their slots (its
 * own `slots`, or what lexicon/slot-cues.yaml reads from a customer turn) after which all of them hold.
 * A slot the transcript cannot show (no reader, no value carried) makes the detector not assessed: see
 * unreadableSlots.
 */
export class SelectorMatcher {
  readonly slotNames: readonly string[];

  constructor(private readonly spec: SelectorSpec) {
    this.slotNames = spec.slots?.map((slot) => slot.name) ?? [];
  }

  /** Slots of the conditions whose values this transcript cannot show (the detector is not assessed). */
  unreadableSlots(ctx: ScoringContext): string[] {
    return this.slotNames.filter((name) => !ctx.canRead(name));
  }

  get isEvent(): boolean {
    return this.spec.event !== undefined;
  }

  /** "客户" / "“发起转人工”" for explanations. */
  get label(): string {
    if (this.spec.event !== undefined) return `“${eventLabel(this.spec.event)}”`;
    return (this.spec.roles ?? ['customer']).map((role) => ROLE_LABELS[role]).join('或');
  }

  match(ctx: ScoringContext, item: TimelineItem): SelectorHit | null {
    const { spec } = this;
    if (spec.event !== undefined)
      return item.kind === 'event' && item.type === spec.event
        ? lazyHit(item, () => eventLabel(item.type))
        : null;
    if (item.kind !== 'message') return null;
    if (spec.roles !== undefined ? !isOneOf(spec.roles, item.role) : spec.slots === undefined) return null;
    if (spec.slots !== undefined && !this.slotsHold(ctx, item.index, spec.slots)) return null;
    const text = ctx.texts[item.index];
    if (spec.patterns === undefined && spec.pii === undefined)
      return lazyHit(item, () => maskedExcerpt(ctx, text));
    for (const pattern of spec.patterns ?? []) {
      const m = pattern.exec(text);
      if (m) return lazyHit(item, () => ctx.mask(m[0]));
    }
    if (spec.pii !== undefined) {
      const found = ctx.piiIn(item.index, spec.pii);
      if (found.length > 0) return lazyHit(item, () => ctx.mask(found[0].value));
    }
    return null;
  }

  /**
   * Turn `index` changes the value of one of the conditions' slots, and after it they all hold: a customer
   * asking again about the product already under discussion (same intent, same product line) opens no new
   * window.
   */
  private slotsHold(ctx: ScoringContext, index: number, conditions: readonly SlotCondition[]): boolean {
    if (!conditions.some((c) => ctx.filled(index).has(c.name))) return false;
    const after = ctx.slotsAfter(index);
    if (!conditions.every((c) => holds(c, after.get(c.name)))) return false;
    const before = index > 0 ? ctx.slotsAfter(index - 1) : undefined;
    return conditions.some((c) => before?.get(c.name) !== after.get(c.name));
  }

  /** Every matching item in timeline order. */
  all(ctx: ScoringContext): SelectorHit[] {
    const hits: SelectorHit[] = [];
    for (const item of ctx.timeline) {
      const hit = this.match(ctx, item);
      if (hit) hits.push(hit);
    }
    return hits;
  }

  /** First matching item after `pos`, before position `before`. */
  next(ctx: ScoringContext, pos: number, before = ctx.end): SelectorHit | null {
    for (let p = pos + 1; p < before; p++) {
      const hit = this.match(ctx, ctx.timeline[p]);
      if (hit) return hit;
    }
    return null;
  }
}
