import { beijingDate, type Clock, type Logger } from '@anxin/common';
import {
  type BotTurn,
  type Conversation,
  type LoginInput,
  Responder,
  type ResponderInput,
  type TranscriptEvent,
  type TurnProgress,
} from '@anxin/conversation';
import type { KnowledgeService, RetrievalHit } from '@anxin/knowledge';
import { AgentException } from './agent.exception';
import type { FlowEngine } from './flows/flow.engine';
import type { LlmSlotExtractor } from './flows/llm-slot.extractor';
import { type AgentState, type FlowStep, readAgentState } from './flows/flow.types';
import { detectInjection } from './guardrails/inbound-guard';
import { PiiVault } from './guardrails/pii-vault';
import { detectHandoffCue } from './handoff/handoff-cues';
import { type LlmAgent, newDraftId } from './llm/llm-agent.engine';
import type { ResilientChatModel } from './llm/resilient-chat.model';
import { OFFLINE_CANDIDATES, type OfflineResponder } from './offline/offline-responder.engine';

/** Misses in a row after which the bot stops trying and hands over (the next miss is the third). */
const MAX_MISSES = 2;
const LLM_CANDIDATES = 4;
/** Cues that get an answer plus the offer of a human rather than an immediate handoff. */
const OFFER_ONLY: ReadonlySet<string> = new Set(['vulnerable']);
/** Cues that end a flow even while it asks for free text. */
const INTERRUPTS_FLOW: ReadonlySet<string> = new Set(['explicit_request', 'crisis']);

export interface AgentResponderParts {
  readonly knowledge: KnowledgeService;
  readonly offline: OfflineResponder;
  readonly flows: FlowEngine;
  /** null: no model configured, the offline responder answers. */
  readonly llm: {
    readonly agent: LlmAgent;
    readonly slots: LlmSlotExtractor;
    readonly model: ResilientChatModel;
    readonly stream: boolean;
  } | null;
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * The bot's turn, in order: refuse prompt injection; honour handoff cues at once (转人工, crisis,
 * complaint → complaint intake); continue a guided flow; start one the message asks for; answer
 * from the approved scripts – through the LLM when one is configured and healthy, otherwise (or
 * when it fails or its draft fails the checks twice) through the offline responder.
 */
export class AgentResponder extends Responder {
  constructor(private readonly parts: AgentResponderParts) {
    super();
  }

  greet(_conversation: Conversation): Promise<BotTurn> {
    return Promise.resolve(this.parts.offline.greeting());
  }

  /** A login the insurer's app vouched for counts as the identity check. */
  override loginVerified({ login, state: raw }: LoginInput): Promise<BotTurn | null> {
    const state = readAgentState(raw);
    if (state.identity?.customerRef === login.customerRef) return Promise.resolve(null);
    const identity = {
      customerRef: login.customerRef,
      name: login.name,
      verifiedAt: this.parts.clock.now().toISOString(),
    };
    return Promise.resolve(
      this.turn(
        this.parts.knowledge.current.phrases.phrase('app_login_verified'),
        { ...state, identity },
        {
          events: [
            {
              type: 'kyc_passed',
              note: '客户已通过安心保险App登录核验身份',
              data: { customerRef: login.customerRef, method: login.method },
            },
          ],
          meta: { responder: 'guard', guard: 'app_login' },
        },
      ),
    );
  }

  async respond(input: ResponderInput, progress?: TurnProgress): Promise<BotTurn> {
    const { knowledge, flows, clock } = this.parts;
    const rules = knowledge.current.rules;
    const phrases = knowledge.current.phrases;
    const state = readAgentState(input.state);
    const text = input.message.text;
    const ctx = { conversationId: input.conversation.id, now: clock.now() };

    const injection = detectInjection(rules.phraseLexicon('prompt-injection'), text);
    if (injection) {
      this.parts.logger.warn(
        { conversationId: ctx.conversationId, category: injection.category },
        'prompt injection refused',
      );
      return this.turn(phrases.phrase('injection_refusal'), state, {
        events: [
          {
            type: 'injection_detected',
            note: '识别到提示词注入企图，已礼貌拒绝',
            data: { category: injection.category },
          },
        ],
        meta: { responder: 'guard', guard: 'prompt_injection', category: injection.category },
      });
    }

    const pending = flows.pending(state);
    const found = detectHandoffCue(rules.phraseLexicon('handoff-cues'), text);
    // Asked for free text inside a flow (what happened, where), only 转人工 and a crisis interrupt:
    // 「被撞了很生气」 describes the accident, it is not a complaint about us.
    const cue = found && pending?.slot.kind === 'text' && !INTERRUPTS_FLOW.has(found.reason) ? null : found;
    // Ambiguous cues (「诉讼时效是几年」「监管部门备案了吗」) and vulnerability get an answer plus the offer
    // of a human; crisis always hands over.
    const offerOnly =
      cue !== null && (OFFER_ONLY.has(cue.reason) || (cue.contextMatters && cue.reason !== 'crisis'));
    if (cue && !offerOnly) {
      if (cue.reason !== 'complaint')
        return this.handoff(cue.reason, { ...state, flow: undefined }, { matched: cue.matched });
      if (state.flow?.flow !== 'complaint-intake')
        return this.fromFlow(
          await flows.start('complaint-intake', { ...state, flow: undefined }, ctx, {}, text),
        );
    }

    if (state.flow) {
      const detour = await this.detour(input, state, progress);
      if (detour) return detour;
      const hints = await this.slotHints(state, text);
      return this.fromFlow(await flows.continue(state, text, ctx, hints.values), hints.meta);
    }
    const triggered = flows.triggeredBy(text);
    if (triggered) return this.fromFlow(await flows.start(triggered.id, state, ctx, {}, text));

    const turn = await this.answer(input, state, progress);
    return cue && offerOnly && !turn.handoff ? this.withOffer(turn, cue.reason) : turn;
  }

  /**
   * While the customer waits for a human: the approved script for a question the offline
   * responder answers confidently (cited, grounded, never a flow or a handoff); null otherwise, and
   * for injection attempts and handoff cues (the desk acknowledges those and the agent reads them).
   */
  override async answerWhileWaiting(input: ResponderInput): Promise<BotTurn | null> {
    const { knowledge, offline } = this.parts;
    const rules = knowledge.current.rules;
    const text = input.message.text;
    if (detectInjection(rules.phraseLexicon('prompt-injection'), text)) return null;
    if (detectHandoffCue(rules.phraseLexicon('handoff-cues'), text)) return null;
    if (!this.isQuestion(text)) return null;
    const { band, ...turn } = offline.turnFor(await knowledge.search(text, OFFLINE_CANDIDATES));
    if (band !== 'answer') return null;
    return { ...turn, meta: { ...turn.meta, whileWaiting: true } };
  }

  /**
   * A question asked in the middle of a flow (「理赔一般要多久？」 while the bot waits for the place)
   * is answered when an approved script answers it confidently, and the flow's question is asked
   * again; it is never stored as the slot's value.
   */
  private async detour(
    input: ResponderInput,
    state: AgentState,
    progress?: TurnProgress,
  ): Promise<BotTurn | null> {
    const { knowledge, flows, offline, clock } = this.parts;
    const text = input.message.text;
    const pending = flows.pending(state);
    if (!pending || !this.isQuestion(text)) return null;
    if (pending.slot.kind !== 'text' && flows.reads(state, text, clock.now())) return null;
    const hits = await knowledge.search(text, LLM_CANDIDATES);
    if (offline.turnFor(hits.slice(0, OFFLINE_CANDIDATES)).band !== 'answer') return null;
    const turn = await this.answer(input, state, progress, hits);
    const resumed = readAgentState(turn.state ?? {});
    if (turn.handoff || resumed.flow?.flow !== state.flow?.flow) return turn;
    const phrases = knowledge.current.phrases;
    return {
      ...turn,
      text: `${turn.text}\n${phrases.phrase('flow_resume')}${flows.askAgain(state) ?? ''}`,
      meta: { ...turn.meta, detour: pending.flow.id },
    };
  }

  private isQuestion(text: string): boolean {
    if (/[?？]\s*$/u.test(text)) return true;
    return this.parts.knowledge.current.analyzer.analyze(text).some((token) => token.kind === 'question');
  }

  /**
   * Slot values the model reads from the message, when one is configured and healthy; the flow
   * engine checks each. Never for the identity check: names, ID digits and codes stay here.
   */
  private async slotHints(
    state: AgentState,
    text: string,
  ): Promise<{ values: Readonly<Record<string, string>>; meta?: Record<string, unknown> }> {
    const { llm, flows, knowledge, clock, logger } = this.parts;
    const pending = flows.pending(state);
    if (!llm || !llm.model.available || !pending || pending.flow.action === 'verify_identity')
      return { values: {} };
    const vault = new PiiVault(knowledge.current.rules.pii);
    try {
      const extraction = await llm.slots.extract({
        flow: pending.flow,
        awaiting: pending.slot.key,
        maskedText: vault.mask(text),
        vault,
        today: beijingDate(clock.now()),
      });
      return {
        values: extraction.values,
        meta: {
          model: extraction.model,
          prompts: [extraction.prompt],
          slots: Object.keys(extraction.values),
        },
      };
    } catch (error) {
      if (!(error instanceof AgentException)) throw error;
      logger.warn({ code: error.code }, 'LLM slot extraction failed; deterministic readers only');
      return { values: {} };
    }
  }

  /** Answers, and offers a human as well (a customer who may need more help than a bot gives). */
  private withOffer(turn: BotTurn, reason: string): BotTurn {
    return {
      ...turn,
      text: `${turn.text}\n${this.parts.knowledge.current.phrases.phrase('handoff_offer')}`,
      events: [
        ...(turn.events ?? []),
        { type: 'handoff_offered', note: `主动提供人工服务：${reason}`, data: { reason } },
      ],
    };
  }

  /** `retrieved`: the message's hits when the caller has already searched (LLM_CANDIDATES of them). */
  private async answer(
    input: ResponderInput,
    state: AgentState,
    progress?: TurnProgress,
    retrieved?: readonly RetrievalHit[],
  ): Promise<BotTurn> {
    const { knowledge, offline, llm, flows, clock, logger } = this.parts;
    const text = input.message.text;
    const hits = retrieved ?? (await knowledge.search(text, LLM_CANDIDATES));
    if (!llm || !llm.model.available)
      return this.offlineTurn(offline.turnFor(hits.slice(0, OFFLINE_CANDIDATES)), state);
    const kb = knowledge.current;
    const vault = new PiiVault(kb.rules.pii);
    const history = input.history
      .filter((m) => m.role === 'customer' || m.role === 'bot' || m.role === 'agent')
      .map((m) => ({
        role: m.role === 'customer' ? ('user' as const) : ('assistant' as const),
        content: vault.mask(m.text),
      }));
    const draftId = newDraftId();
    progress?.typing();
    try {
      const result = await llm.agent.answer({
        message: vault.mask(text),
        history,
        hits,
        stage: hits.at(0)?.script.stage ?? 'general',
        today: beijingDate(clock.now()),
        tools: { identity: state.identity, conversationId: input.conversation.id, vault },
        facts: kb.rules.sla.entries.map((entry) => `${entry.title} ${entry.value}`),
        vault,
        onDelta: llm.stream && progress ? (piece) => progress.delta(draftId, piece) : undefined,
      });
      switch (result.kind) {
        case 'flow':
          return this.fromFlow(
            await flows.start(
              result.flow,
              state,
              { conversationId: input.conversation.id, now: clock.now() },
              result.prefill,
              text,
            ),
            result.meta,
          );
        case 'rejected': {
          logger.warn(
            { conversationId: input.conversation.id, problems: result.problems },
            'LLM draft rejected twice; approved script used',
          );
          const fallback = offline.turnFor(hits);
          return this.offlineTurn(fallback, state, { llm: result.meta, fallback: 'rejected_draft', draftId });
        }
        case 'answer': {
          if (result.handoff)
            return this.handoff(result.handoff.reason, state, { llm: result.meta }, result.text);
          return this.turn(
            result.text,
            { ...state, misses: 0 },
            { citations: result.citations, meta: { ...result.meta, draftId } },
          );
        }
      }
    } catch (error) {
      if (!(error instanceof AgentException)) throw error;
      logger.warn(
        { conversationId: input.conversation.id, code: error.code, details: error.details },
        'LLM unavailable; offline responder answers',
      );
      return this.offlineTurn(offline.turnFor(hits), state, { fallback: error.code, draftId });
    }
  }

  private offlineTurn(
    turn: BotTurn & { band: string },
    state: AgentState,
    extra: Record<string, unknown> = {},
  ): BotTurn {
    const misses = turn.band === 'none' ? (state.misses ?? 0) + 1 : 0;
    if (misses > MAX_MISSES) return this.handoff('repeated_failure', state, { misses });
    const { band, ...rest } = turn;
    const offered: TranscriptEvent[] =
      band === 'none'
        ? [
            {
              type: 'handoff_offered',
              note: '无法可靠回答，已提供人工服务',
              data: { reason: 'no_grounding' },
            },
          ]
        : [];
    return { ...rest, events: offered, meta: { ...turn.meta, ...extra }, state: { ...state, misses } };
  }

  private fromFlow(step: FlowStep, llmMeta?: Record<string, unknown>): BotTurn {
    if (step.handoff)
      return this.handoff(
        step.handoff.reason,
        step.state,
        { flow: true },
        step.text,
        step.events,
        step.handoff.skill,
      );
    return this.turn(
      step.text,
      { ...step.state, misses: 0 },
      {
        events: step.events,
        meta: {
          responder: 'flow',
          flow: step.state.flow?.flow ?? null,
          ...(llmMeta ? { llm: llmMeta } : {}),
        },
      },
    );
  }

  private handoff(
    reason: string,
    state: AgentState,
    meta: Record<string, unknown>,
    lead?: string,
    events: readonly TranscriptEvent[] = [],
    skill?: string,
  ): BotTurn {
    // The desk (handoff lib) says next what happens: the queue and its wait, or a ticket when no
    // human can join; the bot only acknowledges, so it never promises a human who may not come.
    const ack = this.parts.knowledge.current.phrases.phrase('handoff_ack');
    return this.turn(
      lead ? `${lead}\n${ack}` : ack,
      { ...state, flow: undefined, misses: 0 },
      {
        handoff: { reason, ...(skill ? { skill } : {}) },
        events: [
          ...events,
          {
            type: 'handoff_requested',
            note: `转人工：${this.reasonTitle(reason)}`,
            data: { reason, ...(skill ? { skill } : {}) },
          },
        ],
        meta: { responder: 'handoff', reason, ...meta },
      },
    );
  }

  /** A handoff reason for reviewers: the handoff-cues category title, or the system's own reason. */
  private reasonTitle(reason: string): string {
    const cues = this.parts.knowledge.current.rules.phraseLexicon('handoff-cues');
    const system: Readonly<Record<string, string>> = { repeated_failure: '连续多次无法回答' };
    return cues.categories.find((c) => c.key === reason)?.title ?? system[reason] ?? reason;
  }

  private turn(
    text: string,
    state: AgentState,
    extra: Partial<Pick<BotTurn, 'citations' | 'events' | 'handoff' | 'meta' | 'quickReplies'>> = {},
  ): BotTurn {
    return {
      text,
      citations: extra.citations ?? [],
      ...extra,
      state: { ...state } as Record<string, unknown>,
    };
  }
}
