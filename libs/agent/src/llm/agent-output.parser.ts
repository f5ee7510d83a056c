import { z } from 'zod';

const outputSchema = z.object({
  answer: z.string().max(4000).default(''),
  citations: z.array(z.string().max(200)).max(10).default([]),
  handoff: z
    .object({ reason: z.string().min(1).max(64), skill: z.string().max(64).optional().nullable() })
    .nullable()
    .optional(),
});

const toolSchema = z.object({
  tool: z.object({
    name: z.string().min(1).max(64),
    arguments: z.record(z.string(), z.unknown()).default({}),
  }),
});

export interface AgentOutput {
  readonly answer: string;
  readonly citations: readonly string[];
  readonly handoff: { readonly reason: string; readonly skill?: string } | null;
}

export type ParsedOutput =
  | { readonly kind: 'answer'; readonly output: AgentOutput }
  | { readonly kind: 'tool'; readonly name: string; readonly arguments: string }
  | { readonly kind: 'invalid'; readonly problem: string };

/**
 * Reads the model's JSON reply (the agent-output contract, or in JSON tool mode a tool call).
 * Tolerates code fences and text around the object, as small models produce; nothing else.
 */
export function parseAgentOutput(content: string): ParsedOutput {
  const json = extractObject(content);
  if (json === null) return { kind: 'invalid', problem: 'no JSON object in the reply' };
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    return { kind: 'invalid', problem: `malformed JSON: ${(error as Error).message}` };
  }
  const tool = toolSchema.safeParse(value);
  if (tool.success)
    return { kind: 'tool', name: tool.data.tool.name, arguments: JSON.stringify(tool.data.tool.arguments) };
  const parsed = outputSchema.safeParse(value);
  if (!parsed.success)
    return {
      kind: 'invalid',
      problem: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    };
  const { answer, citations, handoff } = parsed.data;
  if (!answer.trim() && !handoff)
    return { kind: 'invalid', problem: 'answer is empty and no handoff is set' };
  return {
    kind: 'answer',
    output: {
      answer: answer.trim(),
      citations: [...new Set(citations)],
      handoff: handoff
        ? { reason: handoff.reason, ...(handoff.skill ? { skill: handoff.skill } : {}) }
        : null,
    },
  };
}

/** The outermost {…} of a model reply (code fences and text around it tolerated); null when there is none. */
export function extractObject(content: string): string | null {
  const start = content.indexOf('{');
  const end = content.lastIndexOf('}');
  return start >= 0 && end > start ? content.slice(start, end + 1) : null;
}
