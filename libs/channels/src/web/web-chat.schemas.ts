import { z } from 'zod';
import { ChannelException } from '../channel.exception';
import { WEB_CHAT_CAPABILITIES } from './web-chat.capabilities';

export const sessionRequestSchema = z.strictObject({
  visitorId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8–64 characters of A–Z, a–z, 0–9, _ or -')
    .optional(),
  /** A login ticket signed by the insurer's app backend (AppLoginVerifier). */
  appLogin: z.string().min(1).max(2048).optional(),
});

export const messageSendSchema = z.strictObject({
  clientMsgId: z
    .string()
    .regex(/^[A-Za-z0-9_:.-]{1,64}$/, 'must be 1–64 characters of A–Z, a–z, 0–9, _ : . or -'),
  text: z.string(),
});

export const historySchema = z.strictObject({
  afterSeq: z.number().int().min(0).max(2_147_483_647),
  limit: z.number().int().min(1).max(WEB_CHAT_CAPABILITIES.historyPageMax).optional(),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const csatSubmitSchema = z.strictObject({
  conversationId: z.string().regex(UUID, 'must be a conversation id (UUID)'),
  score: z.number().int().min(1).max(WEB_CHAT_CAPABILITIES.csat.scale),
  /** Optional; see normaliseComment. */
  comment: z.string().optional(),
});

export function parsePayload<T extends z.ZodType>(schema: T, payload: unknown): z.output<T> {
  const parsed = schema.safeParse(payload ?? {});
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(
    (issue) => `${issue.path.join('.') || 'payload'}: ${issue.message}`,
  );
  throw new ChannelException('CHANNEL.INVALID_PAYLOAD', `Invalid payload: ${problems.join('; ')}`, {
    problems,
  });
}

/** Trims and checks the length in characters (code points, so an emoji counts once). */
// C0 control characters other than tab and line breaks (PostgreSQL text refuses NUL outright).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export function normaliseText(text: string): string {
  if (CONTROL_CHARACTERS.test(text)) {
    throw new ChannelException('CHANNEL.INVALID_PAYLOAD', '消息包含无法识别的字符，请删除后重新发送');
  }
  const trimmed = text.trim();
  const length = [...trimmed].length;
  if (length < WEB_CHAT_CAPABILITIES.minTextLength)
    throw new ChannelException('CHANNEL.TEXT_EMPTY', '消息内容不能为空');
  if (length > WEB_CHAT_CAPABILITIES.maxTextLength) {
    throw new ChannelException(
      'CHANNEL.TEXT_TOO_LONG',
      `消息过长，请控制在${WEB_CHAT_CAPABILITIES.maxTextLength}字以内`,
      { length, max: WEB_CHAT_CAPABILITIES.maxTextLength },
    );
  }
  return trimmed;
}

/** The optional rating comment: control characters refused, trimmed, at most 500 code points; '' is none. */
export function normaliseComment(comment: string | undefined): string | null {
  if (comment === undefined) return null;
  if (CONTROL_CHARACTERS.test(comment)) {
    throw new ChannelException('CHANNEL.INVALID_PAYLOAD', '评价内容包含无法识别的字符，请删除后重新提交');
  }
  const trimmed = comment.trim();
  const length = [...trimmed].length;
  const max = WEB_CHAT_CAPABILITIES.csat.commentMaxLength;
  if (length > max)
    throw new ChannelException('CHANNEL.INVALID_PAYLOAD', `评价内容请控制在${max}字以内`, { length, max });
  return length > 0 ? trimmed : null;
}
