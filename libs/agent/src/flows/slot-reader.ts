import { BEIJING_TIME_ZONE } from '@anxin/common';
import type { PiiPatterns } from '@anxin/knowledge';
import type { SlotKind } from './flow-definition.loader';
import { extractDateTime, extractIdLast4, extractPersonName, extractSmsCode } from './slots';
import { formatTime, wallClockOf } from './slots/civil-time.util';

const MAX_TEXT_SLOT = 500;
const NONE_WORDS = /^(无|没有|没|没人受伤|无人受伤|都没事|没事)$/u;

/**
 * Reads one slot value from a customer message by the slot's kind, deterministically (no LLM):
 * policy and mobile numbers by the PII patterns, dates, names, ID tails and codes by the slot
 * extractors, free text trimmed. null: the message does not hold a value of that kind.
 */
export function readSlot(kind: SlotKind, text: string, pii: PiiPatterns, now: Date): string | null {
  const trimmed = text.normalize('NFKC').trim();
  switch (kind) {
    case 'policy_no':
      return pii.find(trimmed, ['policy_no']).at(0)?.value.toUpperCase() ?? null;
    case 'mobile':
      return (
        pii
          .find(trimmed, ['mobile'])
          .at(0)
          ?.value.replace(/^\+?86[- ]?/, '') ?? null
      );
    case 'person_name':
      return extractPersonName(trimmed);
    case 'datetime':
      return extractDateTime(trimmed, now)?.iso ?? null;
    case 'id_last4':
      return extractIdLast4(trimmed);
    case 'sms_code':
      return extractSmsCode(trimmed);
    case 'text': {
      // The customer's own punctuation (full-width ，。) is kept: the value is shown back to them.
      const value = text
        .trim()
        .replace(/^(是|就是|在|地点是|经过是)[:：]?/u, '')
        .trim();
      if (NONE_WORDS.test(value)) return '无';
      return [...value].length >= 2 ? [...value].slice(0, MAX_TEXT_SLOT).join('') : null;
    }
  }
}

/** Shows a stored slot value to the customer (dates in Chinese, Beijing time). */
export function showSlot(kind: SlotKind, value: string): string {
  if (kind !== 'datetime' || value === '') return value || '无';
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return value;
  const wall = wallClockOf(at, BEIJING);
  return `${wall.year}年${wall.month}月${wall.day}日 ${formatTime(wall.hour, wall.minute)}`;
}

/** ISO timestamp → 「11月26日 14:30」 in Beijing time. */
export function beijingTime(iso: string): string {
  const wall = wallClockOf(new Date(iso), BEIJING);
  return `${wall.month}月${wall.day}日 ${formatTime(wall.hour, wall.minute)}`;
}

const BEIJING = BEIJING_TIME_ZONE;
