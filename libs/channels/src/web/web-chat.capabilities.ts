import { CSAT_COMMENT_MAX_LENGTH, CSAT_SCALE, HISTORY_PAGE_MAX, offersCsat } from '@anxin/conversation';

/** What the web chat channel accepts and can show; checked before anything is stored. */
export const WEB_CHAT_CAPABILITIES = {
  channel: 'web',
  minTextLength: 1,
  maxTextLength: 2000,
  /** The core's page size: a client may ask for fewer, never more. */
  historyPageMax: HISTORY_PAGE_MAX,
  /** The rating form shown when a conversation closes; the core decides which channels invite. */
  csat: {
    offered: offersCsat('web'),
    scale: CSAT_SCALE,
    commentMaxLength: CSAT_COMMENT_MAX_LENGTH,
  },
} as const;
