import {
  ADD_DOCUMENT_CUE,
  DOCUMENT_CUE,
  DOCUMENT_NAME,
  GENERIC_NAME_END,
  ITEM_PREFIX,
  LIST_SEPARATOR,
} from './slot-vocabulary';
import { sentences } from './text.util';

const MAX_NAME = 15;

/** Document names listed in a turn (NFKC text): list items ending like a document, in sentences about documents. */
export function documentItems(text: string): string[] {
  const items: string[] = [];
  for (const sentence of sentences(text)) {
    if (!DOCUMENT_CUE.test(sentence)) continue;
    for (const piece of sentence.split(LIST_SEPARATOR)) {
      const item = piece.replace(ITEM_PREFIX, '').trim();
      if (item.length >= 2 && item.length <= MAX_NAME && DOCUMENT_NAME.test(item) && !items.includes(item))
        items.push(item);
    }
  }
  return items;
}

/** Whether a turn asks for more documents (还需要, 再提供, 补交 …). */
export function asksForMore(text: string): boolean {
  return ADD_DOCUMENT_CUE.test(text);
}

/**
 * Two names for one document: their cores (without generic endings like 证明, 复印件) share two
 * characters in a row (身份证复印件 ~ 被保险人有效身份证件, 医疗发票 ~ 医疗费用发票), or, when a core is
 * too short, one name contains the other.
 */
export function sameDocument(a: string, b: string): boolean {
  const coreA = a.replace(GENERIC_NAME_END, '');
  const coreB = b.replace(GENERIC_NAME_END, '');
  if (coreA.length < 2 || coreB.length < 2) return a.includes(b) || b.includes(a);
  for (let i = 0; i + 2 <= coreA.length; i++) if (coreB.includes(coreA.slice(i, i + 2))) return true;
  return false;
}
