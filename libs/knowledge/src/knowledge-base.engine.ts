import { openKnowledgeFolder } from './loading/knowledge-folder';
import type { RetrievalHit, Script } from './knowledge.types';
import { loadLexicon } from './loading/lexicon.loader';
import { loadScripts } from './loading/script.loader';
import { loadStandardPhrases, type StandardPhrases } from './loading/standard-phrases.loader';
import { type HybridOptions, KnowledgeIndex, type SearchOptions } from './knowledge-index';
import { type Analyzer, ChineseAnalyzer } from './retrieval/chinese-analyzer';
import { loadSources } from './sources/source.loader';
import { loadRulebook, type Rulebook } from './rules/rulebook';

/**
 * The loaded, validated knowledge folder (approved scripts, imported FAQ sources, lexicon,
 * standard phrases) and retrieval over its scripts. Immutable once loaded: reload to change.
 */
export class KnowledgeBase {
  private readonly byId: ReadonlyMap<string, Script>;

  private constructor(
    /** Every searchable script: the 话术库 first, then imported sources' entries. */
    readonly scripts: readonly Script[],
    readonly phrases: StandardPhrases,
    /** Behaviour standard, phrase lexicons, PII patterns and SLA table (what QA and guardrails execute). */
    readonly rules: Rulebook,
    /** The analyzer built from the lexicon; build other indexes (evaluation) with it. */
    readonly analyzer: Analyzer,
    private readonly index: KnowledgeIndex,
  ) {
    this.byId = new Map(scripts.map((script) => [script.id, script]));
  }

  /**
   * Loads and validates scripts/, sources/, lexicon/, standards/, sla.yaml, handoff/ and the standard phrases,
   * then builds the index.
   * @throws KnowledgeException INVALID_CONTENT listing every problem; NOT_LOADED when `dir` is not a folder.
   */
  static async load(dir: string): Promise<KnowledgeBase> {
    const { root, problems } = await openKnowledgeFolder(dir);

    const scripts = [...(await loadScripts(root, problems)), ...(await loadSources(root, problems))];
    const lexicon = await loadLexicon(root, problems);
    const phrases = await loadStandardPhrases(root, problems);
    const rules = await loadRulebook(root, problems);
    problems.throwIfAny();

    const frozen = Object.freeze(scripts.map(freezeScript));
    const analyzer = ChineseAnalyzer.create(lexicon);
    // Every path that leaves phrases or rules undefined has recorded a problem, so throwIfAny() threw.
    return new KnowledgeBase(
      frozen,
      phrases as StandardPhrases,
      rules as Rulebook,
      analyzer,
      KnowledgeIndex.build(frozen, analyzer),
    );
  }

  getScript(id: string): Script | undefined {
    return this.byId.get(id);
  }

  /** The same knowledge with script vectors attached (`vectors[i]` for scripts[i]): hybrid search. */
  withVectors(vectors: readonly (Float32Array | undefined)[], hybrid: HybridOptions): KnowledgeBase {
    return new KnowledgeBase(
      this.scripts,
      this.phrases,
      this.rules,
      this.analyzer,
      this.index.withVectors(vectors, hybrid),
    );
  }

  get hasVectors(): boolean {
    return this.index.hasVectors;
  }

  /** Best first; see KnowledgeIndex.search. */
  search(query: string, options: SearchOptions = {}): RetrievalHit[] {
    return this.index.search(query, options);
  }

  /** A separate index over other scripts with this knowledge base's analyzer (used by `kb eval`). */
  indexOf(scripts: readonly Script[]): KnowledgeIndex {
    return KnowledgeIndex.build(scripts, this.analyzer);
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
