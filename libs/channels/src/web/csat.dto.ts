import type { StandardPhrases } from '@anxin/knowledge';
import { WEB_CHAT_CAPABILITIES } from './web-chat.capabilities';

/** The `csat:invite` event: show the rating form for this (closed) conversation. */
export interface CsatInviteDto {
  readonly conversationId: string;
  readonly scale: number;
  readonly commentMaxLength: number;
  /** The invitation to show above the stars. */
  readonly prompt: string;
  /** What to show once the rating is accepted. */
  readonly thanks: string;
}

/** The ack of `csat:submit`. */
export interface CsatSubmitAck {
  readonly conversationId: string;
  readonly score: number;
  readonly accepted: true;
}

export function toCsatInvite(conversationId: string, phrases: StandardPhrases): CsatInviteDto {
  return {
    conversationId,
    scale: WEB_CHAT_CAPABILITIES.csat.scale,
    commentMaxLength: WEB_CHAT_CAPABILITIES.csat.commentMaxLength,
    prompt: phrases.phrase('csat_invite'),
    thanks: phrases.phrase('csat_thanks'),
  };
}
