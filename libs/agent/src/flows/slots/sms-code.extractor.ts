/**
 * Extraction of a 6-digit SMS verification code (短信验证码).
 */

import { normalizeInput } from './text-normalize.util';

const CODE_LENGTH = 6;
/** Longer replies are conversations, not a code being typed back. */
const MAX_REPLY_LENGTH = 40;

/**
 * Extracts a 6-digit code typed alone or in a short sentence: 「482913」「验证码是 482913」
 * 「４８２９１３」「482 913」(digits split by spaces are joined).
 *
 * Returns null for runs of another length (7+ digits: a phone or policy number), when two
 * different 6-digit runs appear, when digits touch Latin letters, and for replies longer than
 * 40 characters.
 */
export function extractSmsCode(text: string): string | null {
  const normalized = normalizeInput(text).text.replace(/(?<=[0-9]) (?=[0-9])/g, '');
  if (normalized.length > MAX_REPLY_LENGTH) return null;
  const found = new Set<string>();
  for (const match of normalized.matchAll(/[0-9A-Za-z]+/g)) {
    const run = match[0];
    if (!/[0-9]/.test(run)) continue;
    if (!/^[0-9]+$/.test(run)) continue;
    if (run.length === CODE_LENGTH) found.add(run);
    else if (run.length > CODE_LENGTH) return null;
  }
  return found.size === 1 ? ([...found][0] ?? null) : null;
}
