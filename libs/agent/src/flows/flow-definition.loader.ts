import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseRuleFile, ProblemList } from '@anxin/knowledge';
import { z } from 'zod';

export const FLOW_ACTIONS = [
  'verify_identity',
  'report_claim',
  'lookup_policies',
  'get_claim_status',
  'create_ticket',
] as const;
export type FlowAction = (typeof FLOW_ACTIONS)[number];

export const SLOT_KINDS = [
  'policy_no',
  'person_name',
  'datetime',
  'text',
  'mobile',
  'id_last4',
  'sms_code',
] as const;
export type SlotKind = (typeof SLOT_KINDS)[number];

/** Flows every deployment needs; the agent looks them up by id. */
export const REQUIRED_FLOWS = [
  'identity',
  'claim-report',
  'policy-lookup',
  'claim-status',
  'complaint-intake',
] as const;
export type FlowId = (typeof REQUIRED_FLOWS)[number];

const text = z.string().trim().min(1, 'must be non-empty text');

const slotSchema = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be snake_case'),
  kind: z.enum(SLOT_KINDS),
  label: text,
  aliases: z.array(text).default([]),
  ask: text,
  invalid: text,
  optional: z.boolean().default(false),
});

const flowSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be kebab-case'),
  version: z.number().int().positive(),
  title: text,
  action: z.enum(FLOW_ACTIONS),
  requiresIdentity: z.boolean(),
  triggers: z.array(text),
  slots: z.array(slotSchema),
  confirm: text.optional(),
  messages: z.record(z.string(), z.union([text, z.array(text).min(1)])),
  labels: z.record(z.string(), text).default({}),
});

export type SlotDefinition = z.output<typeof slotSchema>;
export type FlowDefinition = z.output<typeof flowSchema>;

/** Messages each action's code uses; a flow file must define them. */
const REQUIRED_MESSAGES: Readonly<Record<FlowAction, readonly string[]>> = {
  verify_identity: ['passed', 'no_match', 'wrong_code', 'expired', 'locked', 'cancelled', 'resend'],
  report_claim: [
    'which_slot',
    'cancelled',
    'done',
    'refused_policy_not_found',
    'refused_policy_not_in_force',
    'refused_not_insured',
  ],
  lookup_policies: ['done', 'none', 'policy_line', 'detail', 'not_found', 'whole_life', 'fully_paid'],
  get_claim_status: ['done', 'none', 'claim_line', 'missing', 'amount'],
  create_ticket: ['done', 'cancelled', 'skip'],
};

/** The guided flows of knowledge/flows/*.yaml, validated as a whole. */
export class FlowDefinitions {
  private constructor(private readonly byId: ReadonlyMap<string, FlowDefinition>) {}

  /** @throws KnowledgeException INVALID_CONTENT naming file, line and field of every problem. */
  static async load(knowledgeDir: string): Promise<FlowDefinitions> {
    const problems = new ProblemList(basename(knowledgeDir));
    const folder = join(knowledgeDir, 'flows');
    const files = (await readdir(folder).catch(() => [] as string[]))
      .filter((f) => f.endsWith('.yaml'))
      .sort();
    const flows = new Map<string, FlowDefinition>();
    for (const file of files) {
      const relative = `flows/${file}`;
      const parsed = parseRuleFile(
        relative,
        await readFile(join(folder, file), 'utf8'),
        flowSchema,
        problems,
      );
      if (!parsed) continue;
      const { data, report } = parsed;
      if (`${data.id}.yaml` !== file) report(['id'], `must match the file name (${file})`);
      if (flows.has(data.id)) report(['id'], `"${data.id}" is defined twice`);
      for (const key of REQUIRED_MESSAGES[data.action])
        if (!(key in data.messages)) report(['messages'], `${key} is required for action ${data.action}`);
      const keys = new Set<string>();
      data.slots.forEach((slot, i) => {
        if (keys.has(slot.key)) report(['slots', i, 'key'], `"${slot.key}" is listed twice`);
        keys.add(slot.key);
      });
      flows.set(data.id, data);
    }
    // A required flow whose file exists but failed validation has its problems reported already.
    for (const id of REQUIRED_FLOWS)
      if (!flows.has(id) && !files.includes(`${id}.yaml`))
        problems.add(`flows/${id}.yaml`, { message: 'is required' });
    problems.throwIfAny();
    return new FlowDefinitions(flows);
  }

  get(id: FlowId | string): FlowDefinition {
    const flow = this.byId.get(id);
    if (!flow) throw new Error(`Unknown flow "${id}"`);
    return flow;
  }

  /**
   * The flow a customer message starts (longest trigger phrase wins), or null. A trigger matches
   * with up to two characters between its own (「名下保单」 in 「我名下的保单」).
   */
  triggeredBy(message: string): FlowDefinition | null {
    const normalised = message.normalize('NFKC').toLowerCase();
    let best: { flow: FlowDefinition; length: number } | null = null;
    for (const flow of this.byId.values())
      for (const trigger of flow.triggers)
        if (looselyContains(normalised, trigger.toLowerCase()) && (!best || trigger.length > best.length))
          best = { flow, length: trigger.length };
    return best?.flow ?? null;
  }
}

/** A message template's text (string messages) or phrase list (list messages). */
export function messageOf(flow: FlowDefinition, key: string): string {
  const value = flow.messages[key];
  if (typeof value !== 'string') throw new Error(`Flow ${flow.id} has no text message "${key}"`);
  return value;
}

export function phrasesOf(flow: FlowDefinition, key: string): readonly string[] {
  const value = flow.messages[key];
  return Array.isArray(value) ? value : [];
}

/** Fills {name} placeholders; unknown names stay as they are. */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{([a-z_]+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

/** `phrase` occurs in `text` in order, with at most `maxGap` other characters between neighbours. */
export function looselyContains(text: string, phrase: string, maxGap = 2): boolean {
  const chars = [...phrase];
  if (chars.length === 0) return false;
  for (let start = text.indexOf(chars[0]); start >= 0; start = text.indexOf(chars[0], start + 1)) {
    let at = start;
    let ok = true;
    for (const ch of chars.slice(1)) {
      const next = text.indexOf(ch, at + 1);
      if (next < 0 || next - at - 1 > maxGap) {
        ok = false;
        break;
      }
      at = next;
    }
    if (ok) return true;
  }
  return false;
}
