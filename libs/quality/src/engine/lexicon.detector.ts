import {
  SEVERITIES,
  type Check,
  type Detector,
  type Outcome,
  type PhraseEntry,
  type PhraseLexiconKey,
} from '@anxin/knowledge';
import type { DetectorRunner, DetectorSink, QaRules, RawFinding } from './detector.types';
import { ROLE_LABELS } from './qa-labels';
import type { ScoringContext, TurnItem } from './scoring.context';
import { firstHit, type TextHit } from './text-match';
import { globalCopy } from './text.util';

type LexiconDetector = Extract<Detector, { kind: 'lexicon' }>;

interface CompiledEntry {
  readonly entry: PhraseEntry;
  readonly regex: RegExp;
  readonly outcome: Outcome;
  readonly categoryTitle: string;
}

/** lexicon detectors: `forbid` on phrase lexicons, `explain_on_first_use` on the jargon glossary. */
export function lexiconRunner(check: Check, detector: LexiconDetector, rules: QaRules): DetectorRunner {
  return detector.rule === 'forbid'
    ? forbidRunner(check, detector, rules)
    : explainRunner(check, detector, rules);
}

/**
 * Each `roles` turn holding an entry (after `unless`) is a finding: the most severe entry of the turn, an
 * entry more severe than the detector escalating it (rules.outcomeOf). With confirmWith it is a candidate;
 * it counts as clear (usable without a judge) when the entry is not marked contextMatters.
 */
function forbidRunner(check: Check, detector: LexiconDetector, rules: QaRules): DetectorRunner {
  const lexicon = rules.phraseLexicon(detector.lexicon as PhraseLexiconKey);
  const titles = new Map(lexicon.categories.map((c) => [c.key, c.title]));
  const entries: CompiledEntry[] = lexicon.entries
    .filter((entry) => !detector.categories || detector.categories.includes(entry.category))
    .map((entry) => ({
      entry,
      regex: globalCopy(entry.regex),
      outcome: rules.outcomeOf(detector, entry),
      categoryTitle: titles.get(entry.category) ?? entry.category,
    }));
  const prefilter = combined(entries.map((e) => e.entry.regex));

  const best = (ctx: ScoringContext, turn: TurnItem): { e: CompiledEntry; hit: TextHit } | null => {
    if (prefilter && !prefilter.test(ctx.texts[turn.index])) return null;
    let chosen: { e: CompiledEntry; hit: TextHit } | null = null;
    for (const e of entries) {
      const hit = firstHit(ctx, turn.index, e.regex, detector.unless);
      if (hit && (!chosen || better(e, chosen.e))) chosen = { e, hit };
    }
    return chosen;
  };

  return {
    check,
    detector,
    run(ctx: ScoringContext, sink: DetectorSink): void {
      for (const turn of ctx.turnsOf(detector.roles)) {
        const found = best(ctx, turn);
        if (!found) continue;
        const evidence = ctx.mask(found.hit.text);
        const raw: RawFinding = {
          check,
          detector: detector.id,
          outcome: found.e.outcome,
          messageIndex: turn.index,
          pos: turn.pos,
          chargeRoles: check.appliesTo,
          evidence,
          explanation: `${check.title}：${ROLE_LABELS[turn.role]}使用了“${evidence}”（${found.e.categoryTitle}）`,
          source: 'rule',
        };
        if (detector.confirmWith)
          sink.addCandidate({
            ...raw,
            confirmWith: detector.confirmWith,
            clear: !found.e.entry.contextMatters,
            criteria: found.e.entry.note ? [found.e.entry.note] : [],
          });
        else sink.add(raw);
      }
    },
  };
}

/** More severe wins; at equal severity an entry usable without the judge, then the earlier entry. */
function better(a: CompiledEntry, b: CompiledEntry): boolean {
  const rank = SEVERITIES.indexOf(a.outcome.severity) - SEVERITIES.indexOf(b.outcome.severity);
  if (rank !== 0) return rank > 0;
  return !a.entry.contextMatters && b.entry.contextMatters;
}

/** One regex testing all entries at once, to skip turns without any hit; undefined if it cannot be built. */
function combined(regexes: readonly RegExp[]): RegExp | undefined {
  if (
    regexes.length === 0 ||
    regexes.some((r) => /\\[1-9k]|\(\?</u.test(r.source.replace(/\(\?<[=!]/gu, '')))
  )
    return undefined;
  try {
    return new RegExp(regexes.map((r) => `(?:${r.source})`).join('|'), 'iu');
  } catch {
    return undefined;
  }
}

/**
 * The first use of each glossary term in the `roles` turns must be followed, starting within `window`
 * characters, by the entry's plain wording or one of the glossary's explanation cues. One finding per turn
 * naming every unexplained term in it.
 */
function explainRunner(check: Check, detector: LexiconDetector, rules: QaRules): DetectorRunner {
  const glossary = rules.jargon;
  const window = detector.window ?? 0;
  const entries = glossary.entries.map((entry) => ({ entry, regex: globalCopy(entry.regex) }));
  const outcome = rules.outcomeOf(detector);

  const explained = (text: string, end: number, plain: string): boolean =>
    [plain, ...glossary.explanationCues].some((cue) => {
      const at = text.indexOf(cue, end);
      return at >= 0 && at - end <= window;
    });

  return {
    check,
    detector,
    run(ctx: ScoringContext, sink: DetectorSink): void {
      const used = new Set<string>();
      for (const turn of ctx.turnsOf(detector.roles)) {
        const text = ctx.texts[turn.index];
        const unexplained: string[] = [];
        for (const { entry, regex } of entries) {
          if (used.has(entry.term)) continue;
          const hit = firstHit(ctx, turn.index, regex);
          if (!hit) continue;
          used.add(entry.term);
          if (!explained(text, hit.end, entry.plain)) unexplained.push(hit.text);
        }
        if (unexplained.length === 0) continue;
        sink.add({
          check,
          detector: detector.id,
          outcome,
          messageIndex: turn.index,
          pos: turn.pos,
          chargeRoles: check.appliesTo,
          evidence: unexplained[0],
          explanation: `${check.title}：${ROLE_LABELS[turn.role]}首次使用术语“${unexplained.join('、')}”未紧接通俗解释`,
          source: 'rule',
        });
      }
    },
  };
}
