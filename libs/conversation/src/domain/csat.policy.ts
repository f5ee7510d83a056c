import { ConversationException } from './conversation.exception';
import type { ChannelKind, Conversation } from './conversation.types';

/**
 * Customer satisfaction (CSAT): when a conversation closes on a channel that can show a rating
 * form, the customer is invited once (a `survey_sent` event in the transcript) and may rate it
 * once, 1 to CSAT_SCALE stars with an optional comment.
 */
export const CSAT_SCALE = 5;
/** Characters (code points) of the optional comment; the database checks the same limit. */
export const CSAT_COMMENT_MAX_LENGTH = 500;
/** The transcript event recorded with the invitation (the behaviour standard's CS-22 reads it). */
export const CSAT_INVITATION_EVENT = 'survey_sent';
/** Reviewer note of the invitation's system message (customers never see system messages). */
export const CSAT_INVITATION_NOTE = '已邀请客户评价本次服务';

/** The one list of channels whose client can ask for a rating (the web widget's form). */
const RATING_CHANNELS: ReadonlySet<ChannelKind> = new Set<ChannelKind>(['web']);

/**
 * not_offered: never invited (the channel cannot rate, or the conversation is still open);
 * invited: invited, not rated yet; submitted: rated.
 */
export type CsatStatus = 'not_offered' | 'invited' | 'submitted';

export interface CsatRating {
  readonly score: number;
  /** Already trimmed by the channel; null or absent for none. */
  readonly comment?: string | null;
}

export function offersCsat(channel: ChannelKind): boolean {
  return RATING_CHANNELS.has(channel);
}

export function csatStatusOf(conversation: Conversation): CsatStatus {
  if (conversation.csat != null) return 'submitted';
  return conversation.csatInvitedAt != null ? 'invited' : 'not_offered';
}

/** The rating as stored (an empty comment is none). @throws CONVERSATION.CSAT_INVALID */
export function checkCsatRating(rating: CsatRating): { score: number; comment: string | null } {
  const { score } = rating;
  if (!Number.isInteger(score) || score < 1 || score > CSAT_SCALE)
    throw new ConversationException('CONVERSATION.CSAT_INVALID', `请选择1-${CSAT_SCALE}星进行评价`, {
      score,
    });
  const comment = rating.comment ? rating.comment : null;
  if (comment !== null && [...comment].length > CSAT_COMMENT_MAX_LENGTH)
    throw new ConversationException(
      'CONVERSATION.CSAT_INVALID',
      `评价内容请控制在${CSAT_COMMENT_MAX_LENGTH}字以内`,
      { max: CSAT_COMMENT_MAX_LENGTH },
    );
  return { score, comment };
}
