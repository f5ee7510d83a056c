import { z } from 'zod';
import { PRESENCES } from '../engine/desk.types';
import { HandoffException } from '../handoff.exception';

/** Characters (code points) of a message or note; the web chat allows the same. */
export const DESK_TEXT_MAX = 2000;
const USERNAME = /^[a-z][a-z0-9._-]{1,63}$/;
const SKILL = /^[a-z][a-z0-9_]{0,63}$/;
/** Control characters other than tab and line breaks, lone surrogates, and bidi overrides. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]|\p{Cs}/u;

/** Trimmed NFC text of 1–DESK_TEXT_MAX code points, without control characters. */
const deskText = z
  .string('必须是文本')
  .transform((value) => value.normalize('NFC').trim())
  .refine((value) => value.length > 0, '不能为空')
  .refine((value) => [...value].length <= DESK_TEXT_MAX, `不能超过${DESK_TEXT_MAX}字`)
  .refine((value) => !FORBIDDEN_CHARS.test(value), '含有不允许的控制字符');

export const presenceSchema = z.strictObject({ status: z.enum(PRESENCES, '须为 online、away 或 offline') });

export const messageSchema = z.strictObject({
  clientMsgId: z.string('必须是文本').regex(/^[A-Za-z0-9_:.-]{1,64}$/, '须为1-64位字母、数字或 _ : . -'),
  text: deskText,
  /** Send despite the compliance warnings (recorded on the message and as an agent_override event). */
  override: z.boolean('必须是 true 或 false').optional(),
});

export const checkSchema = z.strictObject({ text: deskText });
export const noteSchema = z.strictObject({ text: deskText });

export const transferSchema = z.union(
  [
    z.strictObject({ skill: z.string('必须是文本').regex(SKILL, '须为技能标识') }),
    z.strictObject({ agent: z.string('必须是文本').regex(USERNAME, '须为客服用户名') }),
  ],
  '须为 {skill} 或 {agent} 其中之一',
);

export const closeTicketSchema = z.strictObject({ resolution: deskText });

export const listQuerySchema = z.object({
  mine: z.enum(['true', 'false'], '须为 true 或 false').optional(),
});

export const ticketQuerySchema = z.object({
  status: z.enum(['open', 'done', 'all'], '须为 open、done 或 all').optional(),
});

export const assistQuerySchema = z.object({
  q: z
    .string('必须是文本')
    .transform((value) => value.normalize('NFC').trim())
    .refine((value) => value.length > 0 && [...value].length <= 500, '须为1-500字')
    .optional(),
});

/** Parses a request body or query; HANDOFF.INVALID_INPUT (400) lists every problem. */
export function parseDeskInput<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) =>
    issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
  );
  throw new HandoffException('HANDOFF.INVALID_INPUT', `请求有误：${problems.join('；')}`, { problems });
}
