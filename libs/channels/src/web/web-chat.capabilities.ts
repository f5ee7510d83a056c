/** What the web chat channel accepts and can show; checked before anything is stored. */
export const WEB_CHAT_CAPABILITIES = {
  channel: 'web',
  minTextLength: 1,
  maxTextLength: 2000,
  historyPageMax: 200,
  citations: true,
} as const;
