import type { TranscriptEvent } from '@anxin/conversation';

/** A customer verified in this conversation (the kyc_passed event records when and how). */
export interface VerifiedIdentity {
  readonly customerRef: string;
  readonly name: string;
  /** ISO timestamp */
  readonly verifiedAt: string;
}

/** A guided flow in progress, stored on the bot message (BotTurn.state). */
export interface FlowState {
  readonly flow: string;
  readonly version: number;
  /** Filled slots; datetime slots hold ISO timestamps, skipped optional slots "". */
  readonly slots: Readonly<Record<string, string>>;
  /** The slot being asked, or "confirm" / "which_slot". */
  readonly awaiting: string;
  /** identity flow: the pending SMS challenge. */
  readonly challengeId?: string;
  readonly mobileTail?: string;
  /** identity flow: the flow to continue with once verified. */
  readonly then?: { readonly flow: string; readonly slots: Readonly<Record<string, string>> };
}

/** The agent's working memory across turns. */
export interface AgentState {
  readonly flow?: FlowState;
  readonly identity?: VerifiedIdentity;
  /** Consecutive turns the bot could not answer (repeated failure → human). */
  readonly misses?: number;
}

export interface FlowContext {
  readonly conversationId: string;
  readonly now: Date;
}

/** What one flow step says and leaves behind. */
export interface FlowStep {
  readonly text: string;
  readonly state: AgentState;
  readonly events: readonly TranscriptEvent[];
  readonly handoff?: { readonly reason: string; readonly skill?: string };
}

/** Reads the stored state defensively: anything malformed counts as absent. */
export function readAgentState(raw: Readonly<Record<string, unknown>>): AgentState {
  const state: { flow?: FlowState; identity?: VerifiedIdentity; misses?: number } = {};
  const flow = raw.flow as Partial<FlowState> | undefined;
  if (
    flow &&
    typeof flow.flow === 'string' &&
    typeof flow.awaiting === 'string' &&
    flow.slots &&
    typeof flow.slots === 'object'
  )
    state.flow = flow as FlowState;
  const identity = raw.identity as Partial<VerifiedIdentity> | undefined;
  if (identity && typeof identity.customerRef === 'string' && typeof identity.name === 'string')
    state.identity = identity as VerifiedIdentity;
  if (typeof raw.misses === 'number') state.misses = raw.misses;
  return state;
}
