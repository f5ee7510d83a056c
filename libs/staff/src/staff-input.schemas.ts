import { z } from 'zod';
import { PASSWORD_MAX_LENGTH, passwordPolicyProblem } from './password.hasher';
import { StaffException } from './staff.exception';
import { STAFF_ROLES } from './staff.types';

export const USERNAME_PATTERN = /^[a-z][a-z0-9._-]{1,63}$/;
const SKILL_PATTERN = /^[a-z][a-z0-9_-]{0,31}$/;

/** zod's own messages are English; staff see Chinese ones. */
const textRequired = {
  error: (issue: { input?: unknown }) => (issue.input === undefined ? '不能为空' : '必须是文本'),
};

export const usernameSchema = z
  .string(textRequired)
  .regex(USERNAME_PATTERN, '须为 2–64 位小写字母、数字、点、下划线或连字符，并以字母开头');

export const displayNameSchema = z
  .string(textRequired)
  .trim()
  .min(1, '不能为空')
  .max(100, '不能超过 100 个字符');

export const roleSchema = z.enum(STAFF_ROLES, { error: () => `须为 ${STAFF_ROLES.join('、')} 之一` });

export const passwordSchema = z.string(textRequired).superRefine((password, context) => {
  const problem = passwordPolicyProblem(password);
  if (problem) context.addIssue({ code: 'custom', message: problem });
});

export const skillsSchema = z
  .array(z.string(textRequired).regex(SKILL_PATTERN, '技能标识须为 1–32 位小写字母、数字、下划线或连字符'), {
    error: () => '必须是文本数组',
  })
  .max(20, '最多 20 项')
  .transform((skills) => [...new Set(skills)]);

export const newStaffUserSchema = z.strictObject({
  username: usernameSchema,
  displayName: displayNameSchema,
  role: roleSchema,
  skills: skillsSchema.default([]),
  maxConcurrent: z
    .number({ error: () => '必须是整数' })
    .int('必须是整数')
    .min(0, '不能小于 0')
    .max(50, '不能大于 50')
    .default(3),
  password: passwordSchema,
});

/** Login: lenient on case and spaces around the username; the password is taken as typed. */
export const loginRequestSchema = z.strictObject({
  username: z.string(textRequired).trim().toLowerCase().min(1, '不能为空').max(64, '不能超过 64 个字符'),
  password: z
    .string(textRequired)
    .min(1, '不能为空')
    .max(PASSWORD_MAX_LENGTH, `不能超过 ${PASSWORD_MAX_LENGTH} 个字符`),
});
export type LoginRequest = z.output<typeof loginRequestSchema>;

/** Parses staff input or throws STAFF.INVALID_INPUT naming every problem ("field: problem"). */
export function parseStaffInput<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const field = issue.path.join('.') || '请求';
    if (issue.code === 'unrecognized_keys') return `${field}: 不支持的字段 ${issue.keys.join(', ')}`;
    if (issue.code === 'invalid_type' && issue.expected === 'object') return `${field}: 必须是 JSON 对象`;
    return `${field}: ${issue.message}`;
  });
  throw new StaffException('STAFF.INVALID_INPUT', `输入有误：${problems.join('；')}`, { problems });
}
