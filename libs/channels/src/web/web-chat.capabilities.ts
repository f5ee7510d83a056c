import { HISTORY_PAGE_MAX } from '@anxin/conversation';

/** What the web chat channel accepts and can show; checked before anything is stored. */
export const WEB_CHAT_CAPABILITIES = {
  channel: 'web',
  minTextLength: 1,
  maxTextLength: 2000,
  /** The core's page size: a client may ask for fewer, never more. */
  historyPageMax: HISTORY_PAGE_MAX,
} as const;
