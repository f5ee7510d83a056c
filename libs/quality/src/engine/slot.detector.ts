import type { Check, Detector, SlaEntry } from '@anxin/knowledge';
import type { DetectorRunner, DetectorSink, QaRules, RawFinding, ScriptLookup } from './detector.types';
import { figuresIn } from './figures';
import { ROLE_LABELS } from './qa-labels';
import { asksForMore, documentItems, sameDocument } from './requested-documents';
import { isOneOf, type ScoringContext, type TurnItem } from './scoring.context';
import {
  agreesWith,
  asksForDuration,
  describeEntry,
  entriesCuedIn,
  parseStatedLimit,
  type StatedLimit,
} from './sla-statement';
import { allMatches, clauseEnd, clauseStart, globalCopy, normalizeText, sentenceAround } from './text.util';

type SlotDetector = Extract<Detector, { kind: 'slot' }>;
type Run = (ctx: ScoringContext, sink: DetectorSink) => void;

/** Turns before a cue-less time limit searched for the topic it restates (CS-13). */
const TOPIC_REACH = 3;
const NO_SLOT_CUES = '未配置槽位识别词表（lexicon/slot-cues.yaml）';

/**
 * slot detectors, read from the text (and the slot values a transcript carries):
 * - matches_sla: each time limit a `roles` turn states (the detector's patterns) is compared with the
 *   sla.yaml entries whose cues share its sentence; none agreeing (same unit, value in value…upTo) is a
 *   candidate for the confirm judge, clear when it is the only limit stated in that sentence. A limit in a
 *   turn with no cue at all restates the topic of the exchange when the customer's last turn asked how long
 *   or stated a limit of the same unit (「可是机器人说20天」 → 「以我说的为准，是10天」): it is compared with
 *   the same-unit entries cued in the nearest of the TOPIC_REACH turns before it that states a limit or
 *   asks how long (a greeting listing services is no topic).
 * - reasked_after_filled: a slot counts as given once a customer turn states it (lexicon/slot-cues.yaml
 *   readers: PII kinds, value patterns) or a turn carries it in `slots`; a later `roles` clause naming the
 *   slot (its labels) and asking for it (slot-cues `ask`) is a finding. Slots with no reader and no value
 *   carried are reported not assessed.
 * - set_grows_after_complete (requested_documents, slot-cues `documents`): the first `roles` turn listing
 *   two or more documents is the complete list; a later turn asking for more (还需要, 补交 …) that names a
 *   document not on it, and matches none of exceptWhen, is a finding.
 * - numbers_in_citations: each figure (the detector's patterns) a `roles` turn states must appear in a
 *   script the turn cites (compared by meaning: 1万元 = 10000元, 15日 = 15天) or in an earlier customer turn;
 *   a turn citing nothing grounds nothing. Turns matching exceptWhen (the customer's own records, a tool
 *   result) are skipped. Not assessed: a transcript that records no citations, a cited script the
 *   knowledge base does not hold.
 */
export function slotRunner(
  check: Check,
  detector: SlotDetector,
  rules: QaRules,
  scripts: ScriptLookup | null = null,
): DetectorRunner {
  const run = ((): Run => {
    switch (detector.rule) {
      case 'matches_sla':
        return slaRun(check, detector, rules);
      case 'reasked_after_filled':
        return reaskedRun(check, detector, rules);
      case 'set_grows_after_complete':
        return documentsRun(check, detector, rules);
      case 'numbers_in_citations':
        return citationsRun(check, detector, rules, scripts);
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

function slaRun(check: Check, detector: SlotDetector, rules: QaRules): Run {
  const patterns = (detector.patterns ?? []).map(globalCopy);
  const entries = rules.sla.entries.map((entry) => ({
    entry,
    cues: entry.cues.map((cue) => normalizeText(cue).toLowerCase()),
  }));
  const limitsIn = (text: string): RegExpExecArray[] =>
    patterns
      .flatMap((regex) => allMatches(regex, text))
      .sort((a, b) => a.index - b.index)
      .filter((m, i, all) => i === 0 || m.index !== all[i - 1].index);

  /** The same-unit entries of the topic a cue-less limit restates (see slotRunner), else none. */
  const carriedTopic = (ctx: ScoringContext, turn: TurnItem, stated: StatedLimit): SlaEntry[] => {
    const before = ctx.turns.slice(Math.max(turn.index - TOPIC_REACH, 0), turn.index).reverse();
    const customer = before.find((t) => t.role === 'customer');
    if (!customer) return [];
    const asked = ctx.texts[customer.index];
    const disputed = limitsIn(asked).some((m) => parseStatedLimit(m[0])?.unit === stated.unit);
    if (!disputed && !asksForDuration(asked)) return [];
    for (const t of before) {
      const said = ctx.texts[t.index];
      if (t.role === 'system' || (limitsIn(said).length === 0 && !asksForDuration(said))) continue;
      const cued = entriesCuedIn(said, entries);
      if (cued.length > 0) return cued.filter((entry) => entry.unit === stated.unit);
    }
    return [];
  };

  return (ctx, sink) => {
    for (const turn of ctx.turnsOf(detector.roles)) {
      const text = ctx.texts[turn.index];
      const spans = limitsIn(text);
      if (spans.length === 0) continue;
      const turnUncued = entriesCuedIn(text, entries).length === 0;
      for (const m of spans) {
        const stated = parseStatedLimit(m[0]);
        if (!stated) continue;
        const sentence = sentenceAround(text, m.index, m.index + m[0].length);
        let cued = entriesCuedIn(sentence, entries);
        const carried = cued.length === 0 && turnUncued;
        if (carried) cued = carriedTopic(ctx, turn, stated);
        if (cued.length === 0 || cued.some((entry) => agreesWith(stated, entry))) continue;
        const inSentence = spans.filter((other) => sentence.includes(other[0])).length;
        const raw = finding(
          check,
          detector,
          rules,
          turn,
          m[0],
          `${ROLE_LABELS[turn.role]}陈述的时限“${m[0]}”与时限表不符（${describeEntry(cued[0])}${carried ? '；上文所谈' : ''}）`,
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

function reaskedRun(check: Check, detector: SlotDetector, rules: QaRules): Run {
  const cues = rules.slotCues;
  const labels = (slot: string): readonly string[] => cues?.slot(slot)?.labels ?? [];
  const asks = (text: string, slot: string): string | null => {
    for (const label of labels(slot)) {
      for (let at = text.indexOf(label); at >= 0; at = text.indexOf(label, at + 1)) {
        const clause = text.slice(clauseStart(text, at), clauseEnd(text, at));
        if (cues?.ask.some((regex) => regex.test(clause))) return clause;
      }
    }
    return null;
  };
  return (ctx, sink) => {
    const readable = detector.slots.filter((slot) => labels(slot).length > 0 && ctx.canRead(slot));
    const unreadable = detector.slots.filter((slot) => !readable.includes(slot));
    if (unreadable.length > 0)
      sink.skip(check, detector, `槽位${unreadable.join('、')}的取值无法从对话文本可靠识别，未评估`);
    const given = new Set<string>();
    for (const turn of ctx.turns) {
      const text = ctx.texts[turn.index];
      if (isOneOf(detector.roles, turn.role))
        for (const slot of given) {
          const clause = asks(text, slot);
          if (clause === null) continue;
          const title = cues?.slot(slot)?.title ?? labels(slot)[0];
          sink.add(
            finding(
              check,
              detector,
              rules,
              turn,
              ctx.mask(clause),
              `客户已提供${title}，${ROLE_LABELS[turn.role]}再次询问`,
            ),
          );
          break;
        }
      const filled = ctx.filled(turn.index);
      for (const slot of readable) if (filled.has(slot)) given.add(slot);
    }
  };
}

function documentsRun(check: Check, detector: SlotDetector, rules: QaRules): Run {
  const except = detector.exceptWhen ?? [];
  const slot = detector.slots[0];
  const cues = rules.slotCues?.documents;
  return (ctx, sink) => {
    if (slot !== 'requested_documents') {
      sink.skip(check, detector, `槽位${slot}的取值无法从对话文本可靠识别，未评估`);
      return;
    }
    if (!cues) {
      sink.skip(check, detector, `${NO_SLOT_CUES}，无法识别材料清单，未评估`);
      return;
    }
    let listed: string[] | null = null;
    for (const turn of ctx.turnsOf(detector.roles)) {
      const text = ctx.texts[turn.index];
      const items = documentItems(text, cues);
      if (listed === null) {
        if (items.length >= 2) listed = items;
        continue;
      }
      const known: string[] = listed;
      const added = items.filter((item) => !known.some((old) => sameDocument(old, item, cues)));
      listed = [...known, ...added];
      if (added.length === 0 || !asksForMore(text, cues) || except.some((regex) => regex.test(text)))
        continue;
      sink.add(finding(check, detector, rules, turn, added[0], `首次列明材料后又追加“${added.join('、')}”`));
    }
  };
}

function citationsRun(
  check: Check,
  detector: SlotDetector,
  rules: QaRules,
  scripts: ScriptLookup | null,
): Run {
  const patterns = (detector.patterns ?? []).map(globalCopy);
  const except = detector.exceptWhen ?? [];
  /** Figure keys of each script (the knowledge base is immutable for this engine); null: unknown id. */
  const scriptFigures = new Map<string, ReadonlySet<string> | null>();
  const figuresOf = (id: string): ReadonlySet<string> | null => {
    let keys = scriptFigures.get(id);
    if (keys === undefined) {
      const script = scripts?.getScript(id);
      keys = script
        ? new Set(figuresIn(normalizeText(`${script.title}\n${script.body}`), patterns).map((f) => f.key))
        : null;
      scriptFigures.set(id, keys);
    }
    return keys;
  };
  return (ctx, sink) => {
    const recorded = ctx.citationsRecorded;
    const said = new Set<string>();
    let unrecorded = false;
    for (const turn of ctx.turns) {
      const text = ctx.texts[turn.index];
      if (turn.role === 'customer') {
        if (recorded) for (const figure of figuresIn(text, patterns)) said.add(figure.key);
        continue;
      }
      if (!isOneOf(detector.roles, turn.role) || except.some((regex) => regex.test(text))) continue;
      const figures = figuresIn(text, patterns);
      if (figures.length === 0) continue;
      if (!recorded) {
        unrecorded = true;
        continue;
      }
      const cites = ctx.message(turn.index).citations ?? [];
      const cited = cites.map(figuresOf);
      const missing = figures.filter((f) => !said.has(f.key) && !cited.some((keys) => keys?.has(f.key)));
      if (missing.length === 0) continue;
      const shown = [...new Set(missing.map((f) => f.text))].join('、');
      const unknown = cites.filter((_, i) => cited[i] === null);
      if (unknown.length > 0) {
        sink.skip(
          check,
          detector,
          scripts
            ? `消息#${turn.index}引用的话术${unknown.join('、')}不在话术库中，无法核对“${shown}”，未评估`
            : `未提供话术库，无法核对消息#${turn.index}中的“${shown}”，未评估`,
        );
        continue;
      }
      const who = ROLE_LABELS[turn.role];
      const detail =
        cites.length === 0
          ? `${who}陈述“${shown}”，未引用含此数字的话术`
          : `${who}陈述的“${shown}”不在所引用的话术（${cites.join('、')}）中`;
      sink.add(finding(check, detector, rules, turn, missing[0].text, detail));
    }
    if (unrecorded)
      sink.skip(check, detector, '对话记录未包含机器人回复引用的话术（citations），无法核对数字，未评估');
  };
}
