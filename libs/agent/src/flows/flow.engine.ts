import type { TranscriptEvent } from '@anxin/conversation';
import type { PiiPatterns } from '@anxin/knowledge';
import type { InsuranceCore } from '../insurance/insurance-core.port';
import { FlowActions } from './flow-actions';
import {
  fill,
  type FlowDefinition,
  type FlowDefinitions,
  messageOf,
  phrasesOf,
  type SlotDefinition,
} from './flow-definition.loader';
import type { AgentState, FlowContext, FlowState, FlowStep } from './flow.types';
import { readSlot, showSlot } from './slot-reader';
import { classifyReply, type ReplyCues } from './slots';

const CORRECTION_CUES = /(改成|改为|改一下|应该是|更正|说错|不对|错了|写错)/u;

/**
 * Guided flows (claim report, policy lookup, claim status, complaint intake) and the identity
 * check that guards them, as a state machine over the definitions in knowledge/flows/. Works the
 * same with or without an LLM: slots are read deterministically; the customer may correct any
 * slot (「时间改成前天上午十点」) or cancel at any step. The state lives in the transcript.
 */
export class FlowEngine {
  private readonly actions: FlowActions;

  constructor(
    private readonly flows: FlowDefinitions,
    core: InsuranceCore,
    private readonly cues: ReplyCues,
    private readonly pii: PiiPatterns,
  ) {
    this.actions = new FlowActions(core);
  }

  /** The flow the message asks for, if any. */
  triggeredBy(text: string): FlowDefinition | null {
    return this.flows.triggeredBy(text);
  }

  /**
   * Starts a flow, behind the identity check when it needs one. `prefill` are values already known
   * (from the LLM's tool call or the first message); invalid ones are dropped, never trusted.
   */
  async start(
    flowId: string,
    state: AgentState,
    ctx: FlowContext,
    prefill: Readonly<Record<string, string>> = {},
    firstMessage = '',
  ): Promise<FlowStep> {
    const flow = this.flows.get(flowId);
    const slots = this.readPrefill(flow, prefill, firstMessage, ctx.now);
    const started: TranscriptEvent = {
      type: 'flow_started',
      note: `开始${flow.title}`,
      data: { flow: flow.id },
    };
    if (flow.requiresIdentity && !state.identity) {
      const identity = this.flows.get('identity');
      const step = this.advance(
        identity,
        {
          flow: identity.id,
          version: identity.version,
          slots: {},
          awaiting: '',
          then: { flow: flow.id, slots },
        },
        state,
        ctx,
      );
      return { ...(await step), events: [started] };
    }
    const step = await this.advance(
      flow,
      { flow: flow.id, version: flow.version, slots, awaiting: '' },
      state,
      ctx,
    );
    return { ...step, events: [started, ...step.events] };
  }

  /** The flow and slot the bot asked for last; null at a confirmation or outside a flow. */
  pending(state: AgentState): { flow: FlowDefinition; slot: SlotDefinition } | null {
    if (!state.flow) return null;
    const flow = this.flows.get(state.flow.flow);
    const slot = flow.slots.find((s) => s.key === state.flow?.awaiting);
    return slot ? { flow, slot } : null;
  }

  /** Whether the message holds a value for the slot asked (a free-text slot takes almost anything). */
  reads(state: AgentState, text: string, now: Date): boolean {
    const pending = this.pending(state);
    return pending !== null && readSlot(pending.slot.kind, text, this.pii, now) !== null;
  }

  /** The question of the slot asked, to ask again after answering something else. */
  askAgain(state: AgentState): string | null {
    const pending = this.pending(state);
    return pending && state.flow ? this.askText(pending.slot, state.flow) : null;
  }

  /**
   * The customer's reply inside a flow. `hints` are slot values the model read from the message
   * (LlmSlotExtractor); each is checked by the slot's own reader, never trusted: the model's value
   * wins for free text (it leaves out what belongs to other slots), the deterministic one otherwise,
   * and other missing slots the message also answers are filled too.
   */
  async continue(
    state: AgentState,
    text: string,
    ctx: FlowContext,
    hints: Readonly<Record<string, string>> = {},
  ): Promise<FlowStep> {
    const current = state.flow as FlowState;
    const flow = this.flows.get(current.flow);
    const reply = classifyReply(text, this.cues);
    if (reply === 'cancel') {
      return {
        text: messageOf(flow, 'cancelled'),
        state: { ...state, flow: undefined },
        events: [{ type: 'flow_cancelled', note: `客户取消${flow.title}`, data: { flow: flow.id } }],
      };
    }
    if (
      flow.action === 'verify_identity' &&
      current.awaiting === 'sms_code' &&
      matchesAny(text, phrasesOf(flow, 'resend'))
    )
      return this.actions.resendCode(flow, current, state, (f, s) => this.advance(f, s, state, ctx));
    if (current.awaiting === 'confirm') {
      if (reply === 'yes') return this.act(flow, current, state, ctx);
      const corrected = this.correction(flow, current, text, ctx.now);
      if (corrected) return this.advance(flow, corrected, state, ctx);
      return this.say(
        flow,
        reply === 'no' ? { ...current, awaiting: 'which_slot' } : current,
        state,
        reply === 'no' ? messageOf(flow, 'which_slot') : this.confirmText(flow, current),
      );
    }
    if (current.awaiting === 'which_slot') {
      const corrected = this.correction(flow, current, text, ctx.now, true);
      if (corrected) return this.advance(flow, corrected, state, ctx);
      return this.say(flow, current, state, messageOf(flow, 'which_slot'));
    }
    const slot = flow.slots.find((s) => s.key === current.awaiting);
    if (!slot) return this.advance(flow, current, state, ctx);
    if (slot.optional && matchesAny(text, phrasesOf(flow, 'skip')))
      return this.advance(flow, { ...current, slots: { ...current.slots, [slot.key]: '' } }, state, ctx);
    const read = readSlot(slot.kind, text, this.pii, ctx.now);
    const hinted = this.readHint(slot, hints, ctx.now);
    const value = slot.kind === 'text' ? (hinted ?? read) : (read ?? hinted);
    const others = this.otherHints(flow, current, slot.key, hints, ctx.now);
    if (value === null) {
      const corrected = this.correction(flow, current, text, ctx.now);
      if (corrected) return this.advance(flow, corrected, state, ctx);
      return this.say(flow, { ...current, slots: { ...current.slots, ...others } }, state, slot.invalid);
    }
    return this.advance(
      flow,
      { ...current, slots: { ...current.slots, ...others, [slot.key]: value } },
      state,
      ctx,
    );
  }

  private readHint(slot: SlotDefinition, hints: Readonly<Record<string, string>>, now: Date): string | null {
    const hint = hints[slot.key];
    return hint === undefined ? null : readSlot(slot.kind, hint, this.pii, now);
  }

  /** Checked hinted values of the flow's other slots that are still missing. */
  private otherHints(
    flow: FlowDefinition,
    current: FlowState,
    asked: string,
    hints: Readonly<Record<string, string>>,
    now: Date,
  ): Record<string, string> {
    const values: Record<string, string> = {};
    for (const slot of flow.slots) {
      if (slot.key === asked || slot.key in current.slots) continue;
      const value = this.readHint(slot, hints, now);
      if (value !== null) values[slot.key] = value;
    }
    return values;
  }

  /** Asks the next missing slot, or confirms, or acts when everything is known. */
  async advance(
    flow: FlowDefinition,
    current: FlowState,
    state: AgentState,
    ctx: FlowContext,
  ): Promise<FlowStep> {
    if (flow.action === 'verify_identity')
      return this.actions.verify(flow, current, state, ctx, (f, s, st) =>
        this.advanceAfterIdentity(f, s, st, ctx),
      );
    const missing = flow.slots.find((slot) => !(slot.key in current.slots));
    if (missing)
      return this.say(flow, { ...current, awaiting: missing.key }, state, this.askText(missing, current));
    if (flow.confirm)
      return this.say(flow, { ...current, awaiting: 'confirm' }, state, this.confirmText(flow, current));
    return this.act(flow, current, state, ctx);
  }

  private async advanceAfterIdentity(
    identityFlow: FlowDefinition,
    current: FlowState,
    state: AgentState,
    ctx: FlowContext,
  ): Promise<FlowStep> {
    if (!current.then)
      return { text: messageOf(identityFlow, 'passed'), state: { ...state, flow: undefined }, events: [] };
    const next = this.flows.get(current.then.flow);
    const step = await this.advance(
      next,
      { flow: next.id, version: next.version, slots: current.then.slots, awaiting: '' },
      state,
      ctx,
    );
    return { ...step, text: `${messageOf(identityFlow, 'passed')}\n${step.text}` };
  }

  private act(
    flow: FlowDefinition,
    current: FlowState,
    state: AgentState,
    ctx: FlowContext,
  ): Promise<FlowStep> {
    return this.actions.run(flow, current, state, ctx, (f, s) => this.advance(f, s, state, ctx));
  }

  private say(_flow: FlowDefinition, current: FlowState, state: AgentState, text: string): Promise<FlowStep> {
    return Promise.resolve({ text, state: { ...state, flow: current }, events: [] });
  }

  private askText(slot: SlotDefinition, current: FlowState): string {
    return fill(slot.ask, { ...current.slots, mobile_tail: current.mobileTail ?? '' });
  }

  private confirmText(flow: FlowDefinition, current: FlowState): string {
    const shown = Object.fromEntries(
      flow.slots.map((slot) => [slot.key, showSlot(slot.kind, current.slots[slot.key] ?? '')]),
    );
    return fill(flow.confirm ?? '', shown);
  }

  /**
   * 「时间改成前天上午十点」: a slot named by one of its aliases gets the value the message holds.
   * Without a value (「地点不对」) the slot is asked again; `loose` (after "which one?") accepts a
   * bare alias without a correction cue.
   */
  private correction(
    flow: FlowDefinition,
    current: FlowState,
    text: string,
    now: Date,
    loose = false,
  ): FlowState | null {
    if (!loose && !CORRECTION_CUES.test(text)) return null;
    const slot = flow.slots.find((s) => s.aliases.some((alias) => text.includes(alias)));
    if (!slot) return null;
    const rest = text.replace(/^.*?(改成|改为|应该是|更正为|是)/u, '');
    const value = readSlot(slot.kind, slot.kind === 'text' ? rest : text, this.pii, now);
    const slots = { ...current.slots };
    if (value === null || (slot.kind === 'text' && rest === text)) {
      delete slots[slot.key];
      return { ...current, slots, awaiting: slot.key };
    }
    return { ...current, slots: { ...slots, [slot.key]: value } };
  }

  private readPrefill(
    flow: FlowDefinition,
    prefill: Readonly<Record<string, string>>,
    firstMessage: string,
    now: Date,
  ): Record<string, string> {
    const slots: Record<string, string> = {};
    for (const slot of flow.slots) {
      const given = prefill[slot.key];
      const value = given !== undefined ? readSlot(slot.kind, given, this.pii, now) : null;
      // Only identifiers are taken from the opening message itself (a policy number typed with 「报案」).
      const fromMessage =
        slot.kind === 'policy_no' && firstMessage ? readSlot(slot.kind, firstMessage, this.pii, now) : null;
      if (value !== null) slots[slot.key] = value;
      else if (fromMessage !== null) slots[slot.key] = fromMessage;
    }
    return slots;
  }
}

function matchesAny(text: string, phrases: readonly string[]): boolean {
  const normalised = text.normalize('NFKC').trim();
  return phrases.some((phrase) => normalised.includes(phrase));
}
