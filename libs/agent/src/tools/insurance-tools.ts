import type { PiiPatterns } from '@anxin/knowledge';
import { z } from 'zod';
import type { VerifiedIdentity } from '../flows/flow.types';
import type { PiiVault } from '../guardrails/pii-vault';
import type { InsuranceCore } from '../insurance/insurance-core.port';
import type { ToolSpec } from '../llm/chat-model.port';

/** The tools the model may call, in the standard `tools` format. */
export const TOOL_SPECS: readonly ToolSpec[] = [
  {
    name: 'lookup_policies',
    description: '列出已核验身份客户名下的保单（保单号、产品、状态、保障期间）。',
    parameters: { type: 'object', properties: {}, additionalProperties: false },
  },
  {
    name: 'get_policy',
    description: '查询已核验身份客户名下某张保单的详细信息。',
    parameters: {
      type: 'object',
      properties: { policy_no: { type: 'string', description: '保单号，或对话中的占位符如[保单号1]' } },
      required: ['policy_no'],
      additionalProperties: false,
    },
  },
  {
    name: 'get_claim_status',
    description: '查询已核验身份客户的理赔案件进度；可指定报案号。',
    parameters: {
      type: 'object',
      properties: { claim_no: { type: 'string', description: '报案号，如CL202611250001（可选）' } },
      additionalProperties: false,
    },
  },
  {
    name: 'report_claim',
    description: '开始理赔报案引导流程；系统会逐项收集并与客户确认后才提交。只填客户明确说过的信息。',
    parameters: {
      type: 'object',
      properties: {
        policy_no: { type: 'string' },
        insured_name: { type: 'string' },
        incident_time: { type: 'string', description: '客户原话中的时间，如“昨天下午三点”' },
        place: { type: 'string' },
        description: { type: 'string' },
        injuries: { type: 'string' },
      },
      additionalProperties: false,
    },
  },
  {
    name: 'create_ticket',
    description: '登记工单：complaint 投诉（转入投诉受理流程），callback 预约回电，message 留言。',
    parameters: {
      type: 'object',
      properties: {
        kind: { type: 'string', enum: ['complaint', 'callback', 'message'] },
        summary: { type: 'string', description: '客户诉求摘要' },
        contact_phone: { type: 'string', description: '客户给出的联系电话或其占位符' },
      },
      required: ['kind', 'summary'],
      additionalProperties: false,
    },
  },
];

const text = (max: number) => z.string().trim().min(1).max(max);
const ARGUMENTS = {
  lookup_policies: z.strictObject({}),
  get_policy: z.strictObject({ policy_no: text(40) }),
  get_claim_status: z.strictObject({
    claim_no: z
      .string()
      .regex(/^CL\d{12}$/)
      .optional(),
  }),
  report_claim: z.strictObject({
    policy_no: text(40).optional(),
    insured_name: text(40).optional(),
    incident_time: text(80).optional(),
    place: text(200).optional(),
    description: text(500).optional(),
    injuries: text(200).optional(),
  }),
  create_ticket: z.strictObject({
    kind: z.enum(['complaint', 'callback', 'message']),
    summary: text(500),
    contact_phone: text(40).optional(),
  }),
} as const;
type ToolName = keyof typeof ARGUMENTS;

export interface ToolContext {
  readonly identity?: VerifiedIdentity;
  readonly conversationId: string;
  /** The turn's vault: restores placeholders in arguments, masks results. */
  readonly vault: PiiVault;
}

export type ToolOutcome =
  /** Data for the model (PII masked); `ok` false for refused or malformed calls. */
  | { readonly kind: 'result'; readonly ok: boolean; readonly content: string }
  /** The call becomes a guided flow (identity first, confirmation before filing). */
  | { readonly kind: 'flow'; readonly flow: string; readonly prefill: Readonly<Record<string, string>> };

/**
 * Runs the model's tool calls against the insurer's systems. Arguments are validated, never
 * trusted: unknown tools and malformed arguments come back to the model as errors; placeholders
 * are restored only here; nothing about a policy or claim is returned before identity is verified
 * (the call turns into the identity flow instead); filing a claim or a complaint goes through its
 * guided flow so the customer confirms first.
 */
export class InsuranceTools {
  constructor(
    private readonly core: InsuranceCore,
    private readonly pii: PiiPatterns,
  ) {}

  async execute(name: string, rawArguments: string, ctx: ToolContext): Promise<ToolOutcome> {
    if (!(name in ARGUMENTS)) return this.error('unknown_tool', `没有名为${name}的工具`);
    let json: unknown;
    try {
      json = JSON.parse(rawArguments || '{}');
    } catch {
      return this.error('invalid_arguments', '参数不是合法的JSON');
    }
    const parsed = ARGUMENTS[name as ToolName].safeParse(json);
    if (!parsed.success)
      return this.error(
        'invalid_arguments',
        parsed.error.issues.map((i) => `${i.path.join('.') || '参数'}: ${i.message}`).join('; '),
      );
    const args = parsed.data as Record<string, string | undefined>;
    const restored = Object.fromEntries(
      Object.entries(args).flatMap(([key, value]) =>
        value === undefined ? [] : [[key, ctx.vault.restore(value)]],
      ),
    ) as Record<string, string>;
    const identity = ctx.identity;
    switch (name as ToolName) {
      case 'lookup_policies':
        if (!identity) return { kind: 'flow', flow: 'policy-lookup', prefill: {} };
        return this.result(ctx, { policies: await this.core.lookupPolicies(identity.customerRef) });
      case 'get_policy': {
        if (!identity) return { kind: 'flow', flow: 'policy-lookup', prefill: {} };
        const policyNo = this.pii.find(restored.policy_no, ['policy_no']).at(0)?.value.toUpperCase();
        if (!policyNo) return this.error('invalid_arguments', 'policy_no 不是有效的保单号');
        const policy = await this.core.getPolicy(identity.customerRef, policyNo);
        return policy ? this.result(ctx, { policy }) : this.error('not_found', '客户名下没有该保单');
      }
      case 'get_claim_status':
        if (!identity) return { kind: 'flow', flow: 'claim-status', prefill: {} };
        return this.result(ctx, {
          claims: await this.core.getClaimStatus(identity.customerRef, restored.claim_no),
        });
      case 'report_claim':
        return {
          kind: 'flow',
          flow: 'claim-report',
          prefill: renameKeys(restored, { incident_time: 'incident_at' }),
        };
      case 'create_ticket': {
        if (restored.kind === 'complaint')
          return {
            kind: 'flow',
            flow: 'complaint-intake',
            prefill: pick(restored, ['summary', 'contact_phone']),
          };
        const phone = restored.contact_phone
          ? this.pii.find(restored.contact_phone, ['mobile']).at(0)?.value
          : undefined;
        if (restored.contact_phone && !phone)
          return this.error('invalid_arguments', 'contact_phone 不是有效的手机号码');
        const receipt = await this.core.createTicket({
          kind: restored.kind as 'callback' | 'message',
          customerRef: identity?.customerRef ?? null,
          contactPhone: phone ?? null,
          summary: restored.summary,
          policyNo: null,
          conversationId: ctx.conversationId,
        });
        return this.result(ctx, { ticket: receipt });
      }
    }
  }

  private result(ctx: ToolContext, data: unknown): ToolOutcome {
    return { kind: 'result', ok: true, content: ctx.vault.mask(JSON.stringify(data)) };
  }

  private error(code: string, message: string): ToolOutcome {
    return { kind: 'result', ok: false, content: JSON.stringify({ error: code, message }) };
  }
}

function renameKeys(values: Record<string, string>, names: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [names[key] ?? key, value]));
}

function pick(values: Record<string, string>, keys: readonly string[]): Record<string, string> {
  return Object.fromEntries(keys.filter((key) => key in values).map((key) => [key, values[key]]));
}
