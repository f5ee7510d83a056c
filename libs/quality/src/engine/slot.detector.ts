import type { Check, Detector } from '@anxin/knowledge';
import type { DetectorRunner, DetectorSink, QaRules, RawFinding } from './detector.types';
import { ROLE_LABELS } from './qa-labels';
import { asksForMore, documentItems, sameDocument } from './requested-documents';
import { isOneOf, type ScoringContext, type TurnItem } from './scoring.context';
import { agreesWith, describeEntry, entriesCuedIn, parseStatedLimit } from './sla-statement';
import { ASK_CUE, SLOT_LABELS } from './slot-vocabulary';
import { allMatches, clauseEnd, clauseStart, globalCopy, normalizeText, sentenceAround } from './text.util';

type SlotDetector = Extract<Detector, { kind: 'slot' }>;

/**
 * slot detectors, read from the text alone:
 * - matches_sla: each time limit a `roles` turn states (the detector's patterns) is compared with the
 *   sla.yaml entries whose cues share its sentence; none agreeing (same unit, value in value…upTo) is a
 *   candidate for the confirm judge, clear when it is the only limit stated in that sentence.
 * - reasked_after_filled: slots the PII patterns recognise (policy_no, mobile, id_card …) count as given
 *   once a customer turn holds a valid value; a later `roles` clause naming the slot and asking for it is a
 *   finding. Slots a plain transcript cannot show (names, dates, case numbers) are reported not assessed.
 * - set_grows_after_complete (requested_documents): the first `roles` turn listing two or more documents is
 *   the complete list; a later turn asking for more (还需要, 补交 …) that names a document not on it, and
 *   matches none of exceptWhen, is a finding.
 * - numbers_in_citations: needs the scripts a bot turn cites, which a transcript does not carry: reported
 *   not assessed.
 */
export function slotRunner(check: Check, detector: SlotDetector, rules: QaRules): DetectorRunner {
  const run = ((): ((ctx: ScoringContext, sink: DetectorSink) => void) => {
    switch (detector.rule) {
      case 'matches_sla':
        return slaRun(check, detector, rules);
      case 'reasked_after_filled':
        return reaskedRun(check, detector, rules);
      case 'set_grows_after_complete':
        return documentsRun(check, detector, rules);
      case 'numbers_in_citations':
        return (_ctx, sink) =>
          sink.skip(
            check,
            detector,
            '机器人回复引用的话术（citations）未随对话记录提供，无法核对数字，未评估',
          );
    }
  })();
  return { check, detector, run };
}

function finding(
  check: Check,
  detector: SlotDetector,
  rules: QaRules,
  turn: TurnItem,
  evidence: string,
  detail: string,
): RawFinding {
  return {
    check,
    detector: detector.id,
    outcome: rules.outcomeOf(detector),
    messageIndex: turn.index,
    pos: turn.pos,
    chargeRoles: check.appliesTo,
    evidence,
    explanation: `${check.title}：${detail}`,
    source: 'rule',
  };
}

function slaRun(
  check: Check,
  detector: SlotDetector,
  rules: QaRules,
): (ctx: ScoringContext, sink: DetectorSink) => void {
  const patterns = (detector.patterns ?? []).map(globalCopy);
  const entries = rules.sla.entries.map((entry) => ({
    entry,
    cues: entry.cues.map((cue) => normalizeText(cue).toLowerCase()),
  }));
  return (ctx, sink) => {
    for (const turn of ctx.turnsOf(detector.roles)) {
      const text = ctx.texts[turn.index];
      const spans = patterns
        .flatMap((regex) => allMatches(regex, text))
        .sort((a, b) => a.index - b.index)
        .filter((m, i, all) => i === 0 || m.index !== all[i - 1].index);
      for (const m of spans) {
        const stated = parseStatedLimit(m[0]);
        if (!stated) continue;
        const sentence = sentenceAround(text, m.index, m.index + m[0].length);
        const cued = entriesCuedIn(sentence, entries);
        if (cued.length === 0 || cued.some((entry) => agreesWith(stated, entry))) continue;
        const inSentence = spans.filter((other) => sentence.includes(other[0])).length;
        const raw = finding(
          check,
          detector,
          rules,
          turn,
          m[0],
          `${ROLE_LABELS[turn.role]}陈述的时限“${m[0]}”与时限表不符（${describeEntry(cued[0])}）`,
        );
        const criteria = cued.map(describeEntry);
        if (detector.confirmWith)
          sink.addCandidate({ ...raw, confirmWith: detector.confirmWith, clear: inSentence === 1, criteria });
        else sink.add(raw);
        break;
      }
    }
  };
}

function reaskedRun(
  check: Check,
  detector: SlotDetector,
  rules: QaRules,
): (ctx: ScoringContext, sink: DetectorSink) => void {
  const readable = detector.slots.filter((slot) => rules.pii.get(slot) && SLOT_LABELS[slot]);
  const unreadable = detector.slots.filter((slot) => !readable.includes(slot));
  const asks = (text: string, slot: string): string | null => {
    for (const label of SLOT_LABELS[slot]) {
      for (let at = text.indexOf(label); at >= 0; at = text.indexOf(label, at + 1)) {
        const clause = text.slice(clauseStart(text, at), clauseEnd(text, at));
        if (ASK_CUE.test(clause)) return clause;
      }
    }
    return null;
  };
  return (ctx, sink) => {
    if (unreadable.length > 0)
      sink.skip(check, detector, `槽位${unreadable.join('、')}的取值无法从对话文本可靠识别，未评估`);
    const given = new Set<string>();
    for (const turn of ctx.turns) {
      const text = ctx.texts[turn.index];
      if (turn.role === 'customer') {
        for (const slot of readable) if (ctx.piiIn(turn.index, [slot]).length > 0) given.add(slot);
        continue;
      }
      if (!isOneOf(detector.roles, turn.role)) continue;
      for (const slot of given) {
        const clause = asks(text, slot);
        if (clause === null) continue;
        const label = SLOT_LABELS[slot][0];
        sink.add(
          finding(
            check,
            detector,
            rules,
            turn,
            ctx.mask(clause),
            `客户已提供${label}，${ROLE_LABELS[turn.role]}再次询问`,
          ),
        );
        break;
      }
    }
  };
}

function documentsRun(
  check: Check,
  detector: SlotDetector,
  rules: QaRules,
): (ctx: ScoringContext, sink: DetectorSink) => void {
  const except = detector.exceptWhen ?? [];
  const slot = detector.slots[0];
  return (ctx, sink) => {
    if (slot !== 'requested_documents') {
      sink.skip(check, detector, `槽位${slot}的取值无法从对话文本可靠识别，未评估`);
      return;
    }
    let listed: string[] | null = null;
    for (const turn of ctx.turnsOf(detector.roles)) {
      const text = ctx.texts[turn.index];
      const items = documentItems(text);
      if (listed === null) {
        if (items.length >= 2) listed = items;
        continue;
      }
      const known: string[] = listed;
      const added = items.filter((item) => !known.some((old) => sameDocument(old, item)));
      listed = [...known, ...added];
      if (added.length === 0 || !asksForMore(text) || except.some((regex) => regex.test(text))) continue;
      sink.add(finding(check, detector, rules, turn, added[0], `首次列明材料后又追加“${added.join('、')}”`));
    }
  };
}
