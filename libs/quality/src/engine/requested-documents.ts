import type { DocumentCues } from '@anxin/knowledge';
import { sentences } from './text.util';

const MAX_NAME = 15;

/**
 * Document names listed in a turn (NFKC text): list items ending like a document, in sentences about
 * documents. A list opened by such a sentence (「理赔一般需要以下材料：1. 理赔申请书」) continues over the
 * numbered items that follow it in their own sentences (「2. 被保险人身份证件；3. …」), which need no cue word
 * of their own; a sentence that is neither closes it.
 */
export function documentItems(text: string, cues: DocumentCues): string[] {
  const items: string[] = [];
  let open = false;
  for (const sentence of sentences(text)) {
    if (cues.cue.test(sentence)) open = true;
    else if (!open || !cues.listItem.test(sentence)) {
      open = false;
      continue;
    }
    for (const piece of sentence.split(cues.separator)) {
      const item = piece.replace(cues.itemPrefix, '').trim();
      if (item.length >= 2 && item.length <= MAX_NAME && cues.name.test(item) && !items.includes(item))
        items.push(item);
    }
  }
  return items;
}

/** Whether a turn asks for more documents (还需要, 再提供, 补交 …). */
export function asksForMore(text: string, cues: DocumentCues): boolean {
  return cues.add.test(text);
}

/**
 * Two names for one document: their cores (without generic endings like 证明, 复印件) share two
 * characters in a row (身份证复印件 ~ 被保险人有效身份证件, 医疗发票 ~ 医疗费用发票), or, when a core is
 * too short, one name contains the other.
 */
export function sameDocument(a: string, b: string, cues: DocumentCues): boolean {
  const coreA = a.replace(cues.genericEnd, '');
  const coreB = b.replace(cues.genericEnd, '');
  if (coreA.length < 2 || coreB.length < 2) return a.includes(b) || b.includes(a);
  for (let i = 0; i + 2 <= coreA.length; i++) if (coreB.includes(coreA.slice(i, i + 2))) return true;
  return false;
}
