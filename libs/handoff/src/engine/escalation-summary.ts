import type { Message } from '@anxin/conversation';

/** What the agent reads first: why the bot handed over and what the customer asked. */
export interface EscalationSummary {
  readonly reason: string | null;
  readonly reasonTitle: string | null;
  /** The customer's last messages before the handoff (oldest first). */
  readonly questions: readonly string[];
  /** A guided flow the bot was running when it handed over, with the values it had collected. */
  readonly flow: { readonly id: string; readonly slots: Readonly<Record<string, string>> } | null;
  /** One or two sentences in Chinese. */
  readonly text: string;
}

const QUESTIONS = 3;
const QUESTION_CHARS = 80;

/**
 * Summarises the latest handoff of a transcript from what it records: the handoff_requested event
 * (its reason), the customer's messages before it and the flow in the bot's state. Deterministic,
 * so it needs no model and never invents anything; `titleOf` names a reason in Chinese.
 */
export function summarizeEscalation(
  messages: readonly Message[],
  titleOf: (reason: string) => string,
): EscalationSummary {
  const at = messages.findLastIndex((m) => m.role === 'system' && m.payload.event === 'handoff_requested');
  const before = at < 0 ? messages : messages.slice(0, at);
  const reasonValue = at < 0 ? undefined : messages[at].payload.reason;
  const reason = typeof reasonValue === 'string' ? reasonValue : null;
  const questions = before
    .filter((m) => m.role === 'customer')
    .slice(-QUESTIONS)
    .map((m) => clip(m.text));
  const flow = flowOf(before);
  const reasonTitle = reason ? titleOf(reason) : null;
  const parts = [
    reasonTitle ? `转人工原因：${reasonTitle}。` : '客户尚未转人工。',
    questions.length > 0 ? `客户最近说：${questions.map((q) => `「${q}」`).join('')}。` : '客户尚未发言。',
    flow ? `转人工前正在办理「${flow.id}」，已收集：${slotList(flow.slots)}。` : '',
  ];
  return { reason, reasonTitle, questions, flow, text: parts.join('') };
}

function clip(text: string): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length > QUESTION_CHARS ? `${chars.slice(0, QUESTION_CHARS).join('')}…` : chars.join('');
}

/** The flow in the latest bot state before the handoff (the handoff turn itself clears it). */
function flowOf(messages: readonly Message[]): EscalationSummary['flow'] {
  for (let i = messages.length - 1; i >= 0; i--) {
    const state = messages[i].role === 'bot' ? messages[i].payload.state : undefined;
    if (!state || typeof state !== 'object') continue;
    const flow = (state as { flow?: { flow?: unknown; slots?: unknown } }).flow;
    if (!flow || typeof flow.flow !== 'string') return null;
    const slots: Record<string, string> = {};
    if (flow.slots && typeof flow.slots === 'object')
      for (const [key, value] of Object.entries(flow.slots as Record<string, unknown>))
        if (typeof value === 'string' && value !== '') slots[key] = value;
    return { id: flow.flow, slots };
  }
  return null;
}

function slotList(slots: Readonly<Record<string, string>>): string {
  const entries = Object.entries(slots);
  return entries.length === 0 ? '暂无' : entries.map(([key, value]) => `${key}=${value}`).join('，');
}
