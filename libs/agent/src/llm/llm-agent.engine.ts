import type { Citation } from '@anxin/conversation';
import type { PhraseLexicon, RetrievalHit } from '@anxin/knowledge';
import { randomUUID } from 'node:crypto';
import { AgentException } from '../agent.exception';
import { checkCompliance, type ComplianceProblem } from '../guardrails/compliance-filter';
import {
  checkGrounding,
  type GroundingProblem,
  numbersIn,
  unsupportedNumbers,
} from '../guardrails/grounding-check';
import type { PiiVault } from '../guardrails/pii-vault';
import type { PromptLibrary, RenderedPrompt } from '../prompts';
import {
  type ToolContext,
  type InsuranceTools,
  type ToolOutcome,
  TOOL_SPECS,
} from '../tools/insurance-tools';
import { AnswerStreamExtractor, SentenceGate } from './answer-stream';
import { parseAgentOutput } from './agent-output.parser';
import type { ChatMessage, ChatModel, ToolCall } from './chat-model.port';

export const HANDOFF_REASONS = [
  'explicit_request',
  'complaint',
  'repeated_failure',
  'negative_emotion',
  'crisis',
  'vulnerable',
  'sensitive_decision',
  'no_grounding',
] as const;

export interface LlmAgentOptions {
  readonly toolMode: 'native' | 'json';
  readonly jsonMode: 'json_object' | 'prompt';
  /** Tool rounds per turn before the agent gives up on the model. */
  readonly maxToolRounds: number;
}

export interface LlmTurnInput {
  /** The customer's message, PII already masked. */
  readonly message: string;
  /** Earlier turns, masked, oldest first. */
  readonly history: readonly { readonly role: 'user' | 'assistant'; readonly content: string }[];
  readonly hits: readonly RetrievalHit[];
  /** Stage guidance prompt to add (stage of the best script, else general). */
  readonly stage: string;
  readonly today: string;
  readonly tools: ToolContext;
  /** Extra numbers the answer may state (the SLA table). */
  readonly facts: readonly string[];
  readonly vault: PiiVault;
  /** Checked sentences of the answer as they are composed (streaming). */
  readonly onDelta?: (text: string) => void;
}

export type LlmTurnResult =
  | {
      readonly kind: 'answer';
      readonly text: string;
      readonly citations: readonly Citation[];
      readonly handoff: { readonly reason: string; readonly skill?: string } | null;
      readonly meta: Record<string, unknown>;
    }
  | {
      readonly kind: 'flow';
      readonly flow: string;
      readonly prefill: Readonly<Record<string, string>>;
      readonly meta: Record<string, unknown>;
    }
  /** Still failing the checks after one regeneration: the caller falls back to an approved script. */
  | {
      readonly kind: 'rejected';
      readonly problems: readonly string[];
      readonly meta: Record<string, unknown>;
    };

/**
 * One LLM turn: render the versioned prompts with the retrieved scripts, let the model call tools
 * (native `tools` or the JSON fallback), read the JSON answer contract, and check it (citations
 * among the retrieved scripts, every number grounded, compliance lexicons, no PII); a failing
 * draft is regenerated once. Model failures throw AgentException for the caller to degrade.
 */
export class LlmAgent {
  constructor(
    private readonly model: ChatModel,
    private readonly prompts: PromptLibrary,
    private readonly tools: InsuranceTools,
    private readonly compliance: readonly PhraseLexicon[],
    private readonly options: LlmAgentOptions,
  ) {}

  async answer(input: LlmTurnInput): Promise<LlmTurnResult> {
    const scripts = new Map(input.hits.map((hit) => [hit.script.id, hit.script]));
    const used = this.renderPrompts(input);
    const messages: ChatMessage[] = [
      { role: 'system', content: used.map((p) => p.text).join('\n\n') },
      ...input.history.map((turn) => ({ role: turn.role, content: turn.content })),
      { role: 'user', content: input.message },
    ];
    const facts = [...input.facts, input.message];
    const meta = (extra: Record<string, unknown> = {}) => ({
      responder: 'llm',
      model: this.model.model,
      prompts: used.map((p) => ({ id: p.id, version: p.version })),
      retrieved: input.hits.map((hit) => hit.script.id),
      ...extra,
    });
    let regenerated = false;
    let reasked = false;
    let toolsUsed = 0;
    let stream = input.onDelta;
    for (let round = 0; round <= this.options.maxToolRounds + 1; round++) {
      const gate = stream && this.gateFor(input, scripts, facts, stream);
      const extractor = new AnswerStreamExtractor();
      const completion = await this.model.complete({
        messages,
        tools: this.options.toolMode === 'native' ? TOOL_SPECS : undefined,
        jsonObject: this.options.jsonMode === 'json_object',
        onContent: gate ? (piece) => gate.push(extractor.push(piece)) : undefined,
      });
      const parsed = completion.toolCalls.length > 0 ? null : parseAgentOutput(completion.content);
      const calls: ToolCall[] =
        completion.toolCalls.length > 0
          ? [...completion.toolCalls]
          : parsed?.kind === 'tool'
            ? [{ id: `json_${round}`, name: parsed.name, arguments: parsed.arguments }]
            : [];
      if (calls.length > 0) {
        if (toolsUsed >= this.options.maxToolRounds)
          throw new AgentException('AGENT.LLM_BAD_OUTPUT', 'The model kept calling tools');
        toolsUsed++;
        const outcomes: ToolOutcome[] = [];
        for (const call of calls)
          outcomes.push(await this.tools.execute(call.name, call.arguments, input.tools));
        const flow = outcomes.find((o) => o.kind === 'flow');
        if (flow?.kind === 'flow')
          return {
            kind: 'flow',
            flow: flow.flow,
            prefill: flow.prefill,
            meta: meta({ tools: calls.map((c) => c.name) }),
          };
        this.appendToolResults(messages, completion.content, calls, outcomes, facts);
        continue;
      }
      if ((!parsed || parsed.kind !== 'answer') && !reasked) {
        // A malformed reply is asked for once more, like any other transient model failure.
        reasked = true;
        stream = undefined;
        continue;
      }
      if (!parsed || parsed.kind !== 'answer')
        throw new AgentException(
          'AGENT.LLM_BAD_OUTPUT',
          `The model's reply broke the output contract: ${parsed?.kind === 'invalid' ? parsed.problem : 'no answer'}`,
        );
      gate?.flush();
      const { output } = parsed;
      const problems = this.check(
        output.answer,
        output.handoff ? [] : output.citations,
        scripts,
        facts,
        input.vault,
        toolsUsed > 0 || output.handoff !== null,
      );
      if (problems.length === 0) {
        return {
          kind: 'answer',
          text: input.vault.reveal(output.answer),
          citations: output.citations
            .map((id) => {
              const script = scripts.get(id);
              return { scriptId: id, version: script?.version ?? 0, title: script?.title ?? id };
            })
            .filter((c) => c.version > 0),
          handoff: output.handoff,
          meta: meta({ regenerated, tools: toolsUsed }),
        };
      }
      if (regenerated) return { kind: 'rejected', problems, meta: meta({ regenerated, problems }) };
      regenerated = true;
      stream = undefined;
      messages.push(
        { role: 'assistant', content: completion.content },
        {
          role: 'user',
          content: this.prompts.render('agent-regenerate', {
            problems: problems.map((p) => `- ${p}`).join('\n'),
          }).text,
        },
      );
    }
    throw new AgentException('AGENT.LLM_BAD_OUTPUT', 'The model did not produce an answer');
  }

  private renderPrompts(input: LlmTurnInput): RenderedPrompt[] {
    const stage = this.prompts.has(`stage-${input.stage}`) ? `stage-${input.stage}` : 'stage-general';
    const scripts = input.hits
      .map((hit) => `[${hit.script.id}] ${hit.script.title}\n${hit.script.body}`)
      .join('\n\n');
    const verified = input.tools.identity ? 'verified' : 'not_verified';
    const toolList = TOOL_SPECS.map(
      (tool) => `- ${tool.name}: ${tool.description} 参数：${JSON.stringify(tool.parameters)}`,
    ).join('\n');
    const rendered = [
      this.prompts.render('agent-system', {
        today: input.today,
        stage_guidance: this.prompts.render(stage, {}).text,
        scripts: scripts || '（本轮没有检索到相关的标准话术）',
        customer_status: input.tools.identity ? '客户已在本次会话中通过身份核验。' : '客户尚未通过身份核验。',
      }),
      this.prompts.render('agent-output', { handoff_reasons: HANDOFF_REASONS.join(', ') }),
      this.prompts.render('agent-tools', { tool_list: toolList, verified }),
    ];
    if (this.options.toolMode === 'json')
      rendered.push(this.prompts.render('agent-tools-json', { tool_list: toolList }));
    return rendered;
  }

  private appendToolResults(
    messages: ChatMessage[],
    content: string,
    calls: readonly ToolCall[],
    outcomes: readonly ToolOutcome[],
    facts: string[],
  ): void {
    const results = outcomes.map((o) => (o.kind === 'result' ? o.content : ''));
    facts.push(...results);
    if (this.options.toolMode === 'native') {
      messages.push({ role: 'assistant', content, toolCalls: calls });
      calls.forEach((call, i) => messages.push({ role: 'tool', toolCallId: call.id, content: results[i] }));
    } else {
      messages.push(
        { role: 'assistant', content },
        { role: 'user', content: `工具结果：${results.join('\n')}` },
      );
    }
  }

  private check(
    answer: string,
    citations: readonly string[],
    scripts: ReadonlyMap<string, { body: string }>,
    facts: readonly string[],
    vault: PiiVault,
    citationOptional: boolean,
  ): string[] {
    const grounding = checkGrounding(
      { answer, citations },
      { scripts: new Map([...scripts].map(([id, s]) => [id, s.body])), facts },
    ).filter((p) => !(citationOptional && p.kind === 'no_citation'));
    const approved = citations.map((id) => scripts.get(id)?.body ?? '');
    const compliance = checkCompliance(this.compliance, answer, approved);
    const problems = [...grounding.map(describeGrounding), ...compliance.map(describeCompliance)];
    if (vault.leaks(answer)) problems.push('回复中出现了未脱敏的个人信息');
    return problems;
  }

  private gateFor(
    input: LlmTurnInput,
    scripts: ReadonlyMap<string, { body: string }>,
    facts: readonly string[],
    emit: (text: string) => void,
  ): SentenceGate {
    const approved = [...scripts.values()].map((s) => s.body);
    const allowed = numbersIn([...approved, ...facts].join('\n'));
    return new SentenceGate(
      (sentence) =>
        checkCompliance(this.compliance, sentence, approved).length === 0 &&
        unsupportedNumbers(sentence, allowed).length === 0 &&
        !input.vault.leaks(sentence),
      (text) => emit(input.vault.reveal(text)),
    );
  }
}

/** A fresh id for the pieces of one streamed answer. */
export function newDraftId(): string {
  return randomUUID();
}

function describeGrounding(problem: GroundingProblem): string {
  switch (problem.kind) {
    case 'no_citation':
      return '没有引用任何给定的标准话术（citations 为空）';
    case 'unknown_citation':
      return `引用了不在给定话术中的编号 ${problem.scriptId}`;
    case 'unsupported_number':
      return `数字“${problem.matched}”在所引用的话术和时限表中都没有出现`;
  }
}

function describeCompliance(problem: ComplianceProblem): string {
  return `使用了不合规的表述“${problem.matched}”（${problem.lexicon}/${problem.category}）`;
}
