/*
 * Marks a finding's evidence inside a message. The QA engine matches NFKC-normalised,
 * case-folded text (full-width ，！？ read as , ! ?), so the search runs on the normalised text
 * and maps the hit back to the original characters. Evidence that is several quotes joined
 * ("验证码,您把验证码告诉我") is searched piece by piece when the whole is not found.
 */
import { h } from './dom.js';

function normalise(text) {
  let norm = '';
  const origin = []; // origin[i]: index in `text` of the character normalised into norm[i]
  let at = 0;
  for (const ch of text) {
    const n = ch.normalize('NFKC').toLowerCase();
    for (let k = 0; k < n.length; k++) origin.push(at);
    norm += n;
    at += ch.length;
  }
  return { norm, origin };
}

const QUOTES = /^[\s「」『』“”‘’"《》]+|[\s「」『』“”‘’"《》]+$/g;
const SEPARATORS = /\s*(?:,|，|、|;|；|\.\.\.|…+)\s*/;

/** [start, end) ranges of `evidence` in `text` (original indices); [] when it is not there. */
export function findEvidence(text, evidence) {
  if (!text || !evidence) return [];
  const { norm, origin } = normalise(text);
  const locate = (needle) => {
    const n = needle.replace(QUOTES, '').normalize('NFKC').toLowerCase();
    if (!n) return null;
    const i = norm.indexOf(n);
    if (i < 0) return null;
    const last = origin[i + n.length - 1];
    return [origin[i], last + String.fromCodePoint(text.codePointAt(last)).length];
  };
  const whole = locate(evidence);
  if (whole) return [whole];
  const ranges = [];
  for (const piece of evidence.split(SEPARATORS)) {
    if (Array.from(piece.replace(QUOTES, '')).length < 2) continue;
    const r = locate(piece);
    if (r) ranges.push(r);
  }
  return ranges;
}

/**
 * The message text as nodes with <mark class="evidence"> around every quoted evidence.
 * marks: [{ evidence, redLine, key, check }]. Overlapping hits merge into one mark (red when any is).
 */
export function highlighted(text, marks) {
  const hits = [];
  for (const m of marks) {
    for (const [start, end] of findEvidence(text, m.evidence)) hits.push({ start, end, marks: [m] });
  }
  if (hits.length === 0) return [text];
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged = [];
  for (const hit of hits) {
    const last = merged[merged.length - 1];
    if (last && hit.start < last.end) {
      last.end = Math.max(last.end, hit.end);
      last.marks.push(...hit.marks);
    } else merged.push({ ...hit, marks: [...hit.marks] });
  }
  const nodes = [];
  let at = 0;
  for (const hit of merged) {
    if (hit.start > at) nodes.push(text.slice(at, hit.start));
    const red = hit.marks.some((m) => m.redLine);
    const checks = Array.from(new Set(hit.marks.map((m) => m.check)));
    nodes.push(
      h(
        'mark',
        {
          class: 'evidence' + (red ? ' evidence-red' : ''),
          dataset: { findings: hit.marks.map((m) => m.key).join(' '), checks: checks.join(' ') },
          title: checks.join('、') + (red ? '（红线）' : ''),
        },
        text.slice(hit.start, hit.end),
      ),
    );
    at = hit.end;
  }
  if (at < text.length) nodes.push(text.slice(at));
  return nodes;
}
