import type { PiiMatch, RuleRole, SlotCues, SlotValue } from '@anxin/knowledge';
import type { PiiScanner } from './pii.scanner';
import type { QaRole, QaTranscript } from './quality.types';
import { isInside, normalizeText, quotedSpans } from './text.util';

export interface TurnItem {
  readonly kind: 'message';
  /** Place in the merged timeline of turns and events. */
  readonly pos: number;
  /** Index in transcript.messages. */
  readonly index: number;
  readonly role: QaRole;
  readonly t: number;
}

export interface EventItem {
  readonly kind: 'event';
  readonly pos: number;
  readonly type: string;
  readonly t: number;
}

export type TimelineItem = TurnItem | EventItem;

/** Where the conversation stands (bot → queued → agent → bot/closed), as the events and turns show. */
export type ConversationState = 'bot' | 'queued' | 'agent' | 'closed';

/** The first turn of a responder segment and where its scope window opens. */
export interface Segment {
  readonly first: TurnItem;
  /** First timeline position after the previous segment's last turn (0 for the first segment). */
  readonly start: number;
}

const RESPONDERS: readonly QaRole[] = ['bot', 'agent'];

/** Whether `role` is one of `roles` (rule roles are a subset of transcript roles). */
export function isOneOf(roles: readonly QaRole[] | undefined, role: QaRole): boolean {
  return roles !== undefined && roles.includes(role);
}

const NO_SLOTS: ReadonlyMap<string, SlotValue> = new Map();

/**
 * One transcript prepared for the detectors: NFKC texts, a single timeline of turns and events (an event
 * sits right after the turn it names by messageIndex, else after the last turn not later than it), the
 * conversation state at each point, the responder segments and (read on first use) the slot values each
 * turn fills. Built once per score() call.
 */
export class ScoringContext {
  readonly texts: readonly string[];
  readonly timeline: readonly TimelineItem[];
  /** Turn items by message index. */
  readonly turns: readonly TurnItem[];
  readonly segments: readonly Segment[];
  /** The first turn of each responder (the bot; each agent by agentId) in the whole transcript. */
  readonly responderFirsts: readonly TurnItem[];
  /** State just before each timeline position, and after the last one. */
  private readonly states: readonly ConversationState[];
  private readonly quotes = new Map<number, readonly (readonly [number, number])[]>();
  private readonly piiFound = new Map<number, readonly PiiMatch[]>();
  private readonly masks = new Map<string, string>();
  private filledSlots?: readonly ReadonlyMap<string, SlotValue>[];
  private slotStates?: readonly ReadonlyMap<string, SlotValue>[];
  private explicitSlots?: ReadonlySet<string>;

  constructor(
    readonly transcript: QaTranscript,
    readonly pii: PiiScanner,
    /** lexicon/slot-cues.yaml: how slots read from customer turns; undefined reads none. */
    readonly slotCues?: SlotCues,
  ) {
    this.texts = transcript.messages.map((m) => normalizeText(m.text));
    this.timeline = buildTimeline(transcript);
    const turns: TurnItem[] = [];
    for (const item of this.timeline) if (item.kind === 'message') turns[item.index] = item;
    this.turns = turns;
    this.states = buildStates(this.timeline, transcript);
    this.segments = buildSegments(this.turns, transcript);
    this.responderFirsts = firstTurnsOfResponders(this.turns, transcript);
  }

  /** Whether the transcript records citations: some bot turn has the field (possibly empty). */
  get citationsRecorded(): boolean {
    return this.transcript.messages.some((m) => m.role === 'bot' && m.citations !== undefined);
  }

  /**
   * The slot values turn `index` fills: the message's own `slots`, over what slot-cues reads from a
   * customer turn's text.
   */
  filled(index: number): ReadonlyMap<string, SlotValue> {
    this.filledSlots ??= this.transcript.messages.map((m, i) => {
      const read =
        m.role === 'customer' && this.slotCues
          ? this.slotCues.read(this.texts[i], (kind) => this.piiIn(i, [kind])[0]?.value)
          : undefined;
      if (!m.slots) return read && read.size > 0 ? read : NO_SLOTS;
      const own = new Map(read);
      for (const [name, value] of Object.entries(m.slots)) own.set(name, value);
      return own;
    });
    return this.filledSlots[index];
  }

  /** Every slot value filled up to and including turn `index` (a later value replaces an earlier one). */
  slotsAfter(index: number): ReadonlyMap<string, SlotValue> {
    if (!this.slotStates) {
      const states: ReadonlyMap<string, SlotValue>[] = [];
      let state: ReadonlyMap<string, SlotValue> = NO_SLOTS;
      for (let i = 0; i < this.transcript.messages.length; i++) {
        const filled = this.filled(i);
        if (filled.size > 0) state = new Map([...state, ...filled]);
        states.push(state);
      }
      this.slotStates = states;
    }
    return this.slotStates[index] ?? NO_SLOTS;
  }

  /** Whether values of `slot` can be known: slot-cues reads it, or a message carries it. */
  canRead(slot: string): boolean {
    if (this.slotCues?.slot(slot)) return true;
    this.explicitSlots ??= new Set(this.transcript.messages.flatMap((m) => Object.keys(m.slots ?? {})));
    return this.explicitSlots.has(slot);
  }

  get end(): number {
    return this.timeline.length;
  }

  message(index: number): QaTranscript['messages'][number] {
    return this.transcript.messages[index];
  }

  /** Valid PII of `kinds` in turn `index` (all kinds scanned once per turn). */
  piiIn(index: number, kinds: readonly string[]): PiiMatch[] {
    let found = this.piiFound.get(index);
    if (!found) {
      found = this.pii.find(this.texts[index]);
      this.piiFound.set(index, found);
    }
    return found.filter((m) => kinds.includes(m.kind));
  }

  /** `text` with PII masked (memoised; evidence and judge lines are masked). */
  mask(text: string): string {
    let masked = this.masks.get(text);
    if (masked === undefined) {
      masked = this.pii.mask(text);
      this.masks.set(text, masked);
    }
    return masked;
  }

  /** Whether [start, end) of turn `index` is inside a quotation. */
  quoted(index: number, start: number, end: number): boolean {
    let spans = this.quotes.get(index);
    if (!spans) {
      spans = quotedSpans(this.texts[index]);
      this.quotes.set(index, spans);
    }
    return isInside(spans, start, end);
  }

  turnsOf(roles: readonly QaRole[]): TurnItem[] {
    return this.turns.filter((turn) => roles.includes(turn.role));
  }

  hasTurnOf(roles: readonly QaRole[]): boolean {
    return this.turns.some((turn) => roles.includes(turn.role));
  }

  /** Up to `n` turns of `roles` after timeline position `pos`. */
  nextTurns(pos: number, roles: readonly QaRole[], n: number): TurnItem[] {
    const out: TurnItem[] = [];
    for (let p = pos + 1; p < this.timeline.length && out.length < n; p++) {
      const item = this.timeline[p];
      if (item.kind === 'message' && roles.includes(item.role)) out.push(item);
    }
    return out;
  }

  /** Last position of a window ending with `turn`: the events logged right after it are in it. */
  windowEndAfter(turn: TurnItem): number {
    const next = this.turns[turn.index + 1] as TurnItem | undefined;
    return next ? next.pos - 1 : this.timeline.length - 1;
  }

  /** First event of `types` at positions from..to (inclusive). */
  eventIn(from: number, to: number, types: readonly string[]): EventItem | undefined {
    for (let p = Math.max(from, 0); p <= to && p < this.timeline.length; p++) {
      const item = this.timeline[p];
      if (item.kind === 'event' && types.includes(item.type)) return item;
    }
    return undefined;
  }

  hasEvent(type: string): boolean {
    return this.timeline.some((item) => item.kind === 'event' && item.type === type);
  }

  /** Position of the first conversation_closed after `pos`, else the end of the timeline. */
  closeAfter(pos: number): number {
    for (let p = pos + 1; p < this.timeline.length; p++) {
      const item = this.timeline[p];
      if (item.kind === 'event' && item.type === 'conversation_closed') return p;
    }
    return this.timeline.length;
  }

  stateAt(pos: number): ConversationState {
    return this.states[pos] ?? 'closed';
  }

  /**
   * Whether, after position `from` and up to `to`, the conversation passed to a responder outside `roles`
   * (the queue leads to an agent, so it counts as the agent's); closing is not a hand-over.
   */
  handedOver(from: number, to: number, roles: readonly QaRole[]): boolean {
    for (let p = from + 1; p <= Math.min(to, this.timeline.length); p++) {
      const state = this.states[p];
      if (state !== 'closed' && !roles.includes(state === 'queued' ? 'agent' : state)) return true;
    }
    return false;
  }

  /** Position where the current state began (the item that caused it), or 0. */
  stateSince(pos: number): number {
    const state = this.stateAt(pos);
    let p = pos;
    while (p > 0 && this.states[p - 1] === state) p--;
    return Math.max(p - 1, 0);
  }

  /**
   * The responder charged with something at `pos`: the latest turn of `roles` at or before it, else the
   * first one after it; undefined when no turn of `roles` exists.
   */
  responsible(pos: number, roles: readonly RuleRole[]): TurnItem | undefined {
    const responders: readonly QaRole[] = roles.filter((role) => RESPONDERS.includes(role));
    let after: TurnItem | undefined;
    for (let i = this.turns.length - 1; i >= 0; i--) {
      const turn = this.turns[i];
      if (!responders.includes(turn.role)) continue;
      if (turn.pos <= pos) return turn;
      after = turn;
    }
    return after;
  }
}

/** "bot", or "agent:<agentId>" ("agent:unknown" without one): who a responder segment belongs to. */
function responderKey(message: QaTranscript['messages'][number]): string {
  return message.role === 'agent' ? `agent:${message.agentId ?? 'unknown'}` : message.role;
}

function firstTurnsOfResponders(turns: readonly TurnItem[], transcript: QaTranscript): TurnItem[] {
  const seen = new Set<string>();
  const firsts: TurnItem[] = [];
  for (const turn of turns) {
    if (!RESPONDERS.includes(turn.role)) continue;
    const key = responderKey(transcript.messages[turn.index]);
    if (seen.has(key)) continue;
    seen.add(key);
    firsts.push(turn);
  }
  return firsts;
}

function buildTimeline(transcript: QaTranscript): TimelineItem[] {
  const { messages } = transcript;
  const byAnchor = new Map<number, { event: QaTranscript['events'][number]; order: number }[]>();
  transcript.events.forEach((event, order) => {
    const anchor =
      event.messageIndex !== undefined && event.messageIndex >= 0 && event.messageIndex < messages.length
        ? event.messageIndex
        : lastIndexNotAfter(messages, event.t);
    const list = byAnchor.get(anchor) ?? [];
    list.push({ event, order });
    byAnchor.set(anchor, list);
  });
  const items: TimelineItem[] = [];
  const pushEvents = (anchor: number): void => {
    const list = byAnchor.get(anchor) ?? [];
    list.sort((a, b) => a.event.t - b.event.t || a.order - b.order);
    for (const { event } of list)
      items.push({ kind: 'event', pos: items.length, type: event.type, t: event.t });
  };
  pushEvents(-1);
  messages.forEach((m, index) => {
    items.push({ kind: 'message', pos: items.length, index, role: m.role, t: m.t });
    pushEvents(index);
  });
  return items;
}

function lastIndexNotAfter(messages: QaTranscript['messages'], t: number): number {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i].t <= t) return i;
  return -1;
}

function buildStates(timeline: readonly TimelineItem[], transcript: QaTranscript): ConversationState[] {
  const states: ConversationState[] = [];
  let state: ConversationState = 'bot';
  for (const item of timeline) {
    states.push(state);
    if (state === 'closed') continue;
    if (item.kind === 'event') {
      if (item.type === 'handoff_requested') state = 'queued';
      else if (item.type === 'handoff_accepted') state = 'agent';
      else if (item.type === 'handoff_returned') state = 'bot';
      else if (item.type === 'conversation_closed') state = 'closed';
    } else if (transcript.messages[item.index].role === 'agent') state = 'agent';
    else if (item.role === 'bot' && state === 'agent') state = 'bot';
  }
  states.push(state);
  return states;
}

function buildSegments(turns: readonly TurnItem[], transcript: QaTranscript): Segment[] {
  const segments: Segment[] = [];
  let key: string | undefined;
  let lastPos = -1;
  for (const turn of turns) {
    if (!RESPONDERS.includes(turn.role)) continue;
    const turnKey = responderKey(transcript.messages[turn.index]);
    if (turnKey !== key) segments.push({ first: turn, start: lastPos + 1 });
    key = turnKey;
    lastPos = turn.pos;
  }
  return segments;
}
