import type { RuleRole } from '@anxin/knowledge';
import { eventLabel, ROLE_LABELS } from './qa-labels';
import { maskedExcerpt } from './evidence.util';
import { isOneOf, type ScoringContext, type TimelineItem } from './scoring.context';

/** The selector shape of behaviour.yaml (trigger, timing from/to). */
export interface SelectorSpec {
  readonly event?: string;
  readonly roles?: readonly RuleRole[];
  readonly patterns?: readonly RegExp[];
  readonly pii?: readonly string[];
  readonly slots?: readonly { readonly name: string }[];
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
 * listed kinds, when given). Slot conditions need conversation state a transcript does not carry:
 * `slotNames` lists them and the detector reports itself not assessed.
 */
export class SelectorMatcher {
  readonly slotNames: readonly string[];

  constructor(private readonly spec: SelectorSpec) {
    this.slotNames = spec.slots?.map((slot) => slot.name) ?? [];
  }

  get needsSlots(): boolean {
    return this.slotNames.length > 0;
  }

  get isEvent(): boolean {
    return this.spec.event !== undefined;
  }

  /** "客户" / "“发起转人工”" for explanations. */
  get label(): string {
    if (this.spec.event !== undefined) return `“${eventLabel(this.spec.event)}”`;
    return (this.spec.roles ?? []).map((role) => ROLE_LABELS[role]).join('或');
  }

  match(ctx: ScoringContext, item: TimelineItem): SelectorHit | null {
    const { spec } = this;
    if (spec.event !== undefined)
      return item.kind === 'event' && item.type === spec.event
        ? lazyHit(item, () => eventLabel(item.type))
        : null;
    if (item.kind !== 'message' || !isOneOf(spec.roles, item.role)) return null;
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
