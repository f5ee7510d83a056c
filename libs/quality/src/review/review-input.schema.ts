import { SEVERITIES, type Severity } from '@anxin/knowledge';
import { z } from 'zod';
import { QualityException } from '../quality.exception';
import type { ReviewAction } from './review.types';

export const REVIEW_LIMITS = { commentLength: 500, evidenceLength: 500, findingKeyLength: 200 } as const;

/** A review action as the API takes it, checked for shape (not yet against the transcript). */
export type ReviewInput =
  | { readonly action: 'confirm'; readonly findingKey: string; readonly comment: string }
  | { readonly action: 'overturn' | 'dispute'; readonly findingKey: string; readonly comment: string }
  | { readonly action: 'comment'; readonly comment: string }
  | {
      readonly action: 'add';
      readonly check: string;
      readonly severity: Severity;
      readonly messageIndex: number | null;
      readonly evidence: string | null;
      readonly comment: string;
    };

// eslint-disable-next-line no-control-regex -- the point is to refuse control characters
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const text = (max: number, required: boolean) =>
  z
    .string()
    .transform((s) => s.trim())
    .refine((s) => !CONTROL.test(s), '不能包含控制字符')
    .refine((s) => s.length <= max, `不能超过${max}个字`)
    .refine((s) => !required || s.length > 0, '不能为空');

const findingKey = z.string().min(1, '不能为空').max(REVIEW_LIMITS.findingKeyLength, '过长');
const required = text(REVIEW_LIMITS.commentLength, true);
const optional = text(REVIEW_LIMITS.commentLength, false).optional().default('');

const schema = z.discriminatedUnion(
  'action',
  [
    z.strictObject({ action: z.literal('confirm'), findingKey, comment: optional }),
    z.strictObject({ action: z.literal('overturn'), findingKey, comment: required }),
    z.strictObject({ action: z.literal('dispute'), findingKey, comment: required }),
    z.strictObject({ action: z.literal('comment'), comment: required }),
    z.strictObject({
      action: z.literal('add'),
      check: z.string().regex(/^CS-\d{2}$/, '应为检查项编号，如 CS-08'),
      severity: z.enum(SEVERITIES, `应为 ${SEVERITIES.join('|')}`),
      messageIndex: z.number().int('应为整数').min(0, '应 ≥ 0').nullable().optional().default(null),
      evidence: text(REVIEW_LIMITS.evidenceLength, false)
        .optional()
        .transform((s) => (s ? s : null)),
      comment: required,
    }),
  ],
  { error: () => '应为 confirm、overturn、add、comment 或 dispute' },
);

/** Parses a review action; QA.INVALID_REQUEST lists every problem (field: rule). */
export function parseReviewInput(body: unknown): ReviewInput {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data as ReviewInput;
  const problems = parsed.error.issues.map(
    (issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'body'}: ${issue.message}`,
  );
  throw new QualityException('QA.INVALID_REQUEST', `复核操作无效：${problems.join('；')}`, { problems });
}

/** Actions a role may take: reviewers judge and add; the agent charged with a finding disputes it. */
export function mayTake(role: string, action: ReviewAction): boolean {
  return action === 'dispute' ? role === 'agent' : role !== 'agent';
}
