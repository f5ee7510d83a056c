import { z } from 'zod';
import type { PiiVault } from '../guardrails/pii-vault';
import { extractObject } from '../llm/agent-output.parser';
import type { ChatModel } from '../llm/chat-model.port';
import type { PromptLibrary } from '../prompts';
import type { FlowDefinition, SlotKind } from './flow-definition.loader';

/** How the prompt describes each slot kind's format to the model. */
const FORMAT_OF: Readonly<Record<SlotKind, string>> = {
  policy_no: '保单号，原样照抄',
  mobile: '手机号，原样照抄',
  person_name: '中文姓名',
  datetime: 'YYYY年M月D日 HH:mm',
  id_last4: '4位',
  sms_code: '6位数字',
  text: '简短文字',
};

/** Values longer than this are not a slot value, whatever the model says. */
const MAX_VALUE = 500;

const replySchema = z.object({
  slots: z.record(z.string(), z.union([z.string(), z.number()]).transform(String)).default({}),
});

export interface SlotExtractionRequest {
  readonly flow: FlowDefinition;
  /** Key of the slot the bot asked for last. */
  readonly awaiting: string;
  /** The customer's message, PII already masked by `vault`. */
  readonly maskedText: string;
  readonly vault: PiiVault;
  /** YYYY-MM-DD, Beijing date. */
  readonly today: string;
}

export interface SlotExtraction {
  /** Raw values by slot key, placeholders restored; the flow engine validates each one again. */
  readonly values: Readonly<Record<string, string>>;
  readonly prompt: { readonly id: string; readonly version: number };
  readonly model: string;
}

/**
 * Reads slot values from a free-text answer with the model (「昨天下午三点在人民医院摔倒了」 fills
 * time, place and what happened at once). Only keys the flow has survive, and the customer's PII
 * reaches the model masked; the values are hints, never trusted: the flow engine checks each with
 * its deterministic reader. Identity slots (name, ID digits, SMS code) are never sent.
 */
export class LlmSlotExtractor {
  constructor(
    private readonly model: ChatModel,
    private readonly prompts: PromptLibrary,
    private readonly jsonMode: 'json_object' | 'prompt',
  ) {}

  /** @throws AgentException from the model (the caller falls back to the deterministic readers). */
  async extract(request: SlotExtractionRequest): Promise<SlotExtraction> {
    const { flow, awaiting, maskedText, vault, today } = request;
    const asked = flow.slots.find((slot) => slot.key === awaiting);
    const prompt = this.prompts.render('flow-slots', {
      flow_title: flow.title,
      slot_list: flow.slots.map((slot) => `- ${slot.key}：${slot.label}，${FORMAT_OF[slot.kind]}`).join('\n'),
      awaiting: asked ? `${asked.label}（${asked.key}）` : '无',
      today,
      message: maskedText,
    });
    const completion = await this.model.complete({
      messages: [{ role: 'user', content: prompt.text }],
      jsonObject: this.jsonMode === 'json_object',
    });
    return {
      values: this.read(completion.content, flow, vault),
      prompt: { id: prompt.id, version: prompt.version },
      model: completion.model,
    };
  }

  private read(content: string, flow: FlowDefinition, vault: PiiVault): Record<string, string> {
    const json = extractObject(content);
    if (json === null) return {};
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch {
      return {};
    }
    const parsed = replySchema.safeParse(value);
    if (!parsed.success) return {};
    const keys = new Set(flow.slots.map((slot) => slot.key));
    const values: Record<string, string> = {};
    for (const [key, raw] of Object.entries(parsed.data.slots)) {
      const text = raw.trim();
      if (!keys.has(key) || text === '' || text.length > MAX_VALUE) continue;
      values[key] = vault.restore(text);
    }
    return values;
  }
}
