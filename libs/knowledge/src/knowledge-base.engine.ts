import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { KnowledgeException } from './knowledge.exception';
import type { RetrievalHit, Script } from './knowledge.types';
import { loadLexicon } from './loading/lexicon.loader';
import { ProblemList } from './loading/problem.list';
import { loadScripts } from './loading/script.loader';
import { loadStandardPhrases, type StandardPhrases } from './loading/standard-phrases.loader';
import { Bm25Index } from './retrieval/bm25.index';
import { ChineseAnalyzer } from './retrieval/chinese-analyzer';
import { confidenceOf } from './retrieval/confidence.scorer';

export interface SearchOptions {
  /** How many hits at most (default 5). */
  k?: number;
}

/** The loaded, validated knowledge folder and retrieval over its scripts. Immutable once loaded. */
export class KnowledgeBase {
  private readonly byId: ReadonlyMap<string, Script>;

  private constructor(
    readonly scripts: readonly Script[],
    readonly phrases: StandardPhrases,
    private readonly index: Bm25Index,
  ) {
    this.byId = new Map(scripts.map((script) => [script.id, script]));
  }

  /**
   * Loads and validates scripts/, lexicon/ and the standard phrases, then builds the index.
   * @throws KnowledgeException INVALID_CONTENT listing every problem; NOT_LOADED when `dir` is not a folder.
   */
  static async load(dir: string): Promise<KnowledgeBase> {
    const root = resolve(dir);
    const isFolder = await stat(root).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (!isFolder)
      throw new KnowledgeException('KNOWLEDGE.NOT_LOADED', `Knowledge folder not found: ${root}`);

    const problems = new ProblemList(basename(root));
    const scripts = await loadScripts(root, problems);
    const lexicon = await loadLexicon(root, problems);
    const phrases = await loadStandardPhrases(root, problems);
    problems.throwIfAny();

    const frozen = scripts.map(freezeScript);
    const index = Bm25Index.build(frozen, ChineseAnalyzer.create(lexicon));
    // Every path that leaves phrases undefined has recorded a problem, so throwIfAny() threw.
    return new KnowledgeBase(Object.freeze(frozen), phrases as StandardPhrases, index);
  }

  getScript(id: string): Script | undefined {
    return this.byId.get(id);
  }

  /** Best first. Confidence is calibrated against the runner-up, so it is computed over at least two hits. */
  search(query: string, options: SearchOptions = {}): RetrievalHit[] {
    const k = options.k ?? 5;
    if (k <= 0) return [];
    const matches = this.index.search(query, Math.max(k, 2));
    return matches.slice(0, k).map((match, i) => {
      const script = this.scripts[match.doc];
      const bestOther = i === 0 ? (matches[1]?.score ?? 0) : matches[0].score;
      return {
        script,
        score: match.score,
        confidence: confidenceOf(match.coverage, match.score, bestOther),
        matchedQuestion: match.matchedQuestion >= 0 ? script.questions[match.matchedQuestion] : null,
      };
    });
  }
}

function freezeScript(script: Script): Script {
  return Object.freeze({
    ...script,
    intents: Object.freeze([...script.intents]) as string[],
    questions: Object.freeze([...script.questions]) as string[],
    disclosures: Object.freeze([...script.disclosures]) as string[],
  });
}
