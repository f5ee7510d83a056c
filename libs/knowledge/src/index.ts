export { SCRIPTS_SOURCE, STAGES, type RetrievalHit, type Script, type Stage } from './knowledge.types';
export { KnowledgeException, type KnowledgeErrorCode } from './knowledge.exception';
export { KnowledgeBase } from './knowledge-base.engine';
export { type HybridOptions, KnowledgeIndex, type SearchOptions } from './knowledge-index';
export { KnowledgeService, type KnowledgeServiceOptions, type ReloadResult } from './knowledge.service';
export { EmbeddingProvider, EmbeddingStore } from './embedding/embedding.ports';
export { OpenAiEmbeddingProvider } from './embedding/openai-embedding.provider';
export { PostgresEmbeddingStore } from './embedding/postgres-embedding.store';
export {
  FAQ_FORMATS,
  FAQ_LIMITS,
  type FaqFormat,
  type FaqRecord,
  parseFaqFile,
} from './sources/faq-file.parser';
export { importFaqSource, type ImportRequest, type ImportResult } from './sources/source.importer';
export { toScript } from './sources/source.loader';
export type { SourceManifest } from './sources/source.schema';
export { ProblemList } from './loading/problem.list';
export { parseRuleFile, type Reporter, type RuleFile } from './rules/rule-file.reader';
export { readYaml, type YamlSource, zodProblems } from './loading/yaml.reader';
export {
  REQUIRED_PHRASE_KEYS,
  StandardPhrases,
  type StandardPhraseKey,
} from './loading/standard-phrases.loader';
export { KnowledgeModule } from './knowledge.module';
export {
  evaluateRetrieval,
  type EvalQuestion,
  parseEvalQuestions,
  type RetrievalMetrics,
} from './evaluation/retrieval-evaluation';
export { loadRulebook, RULE_FILES, Rulebook } from './rules/rulebook';
export { isValidGb11643, isValidLuhn } from './rules/pii-checksum.util';
export { parseChineseNumber } from './rules/chinese-number';
export { maskValue, PiiPatterns, scan } from './rules/pii-patterns.loader';
export { HANDOFF_ROUTING_FILE, parseHandoffRouting } from './rules/handoff-routing.loader';
export { parseServiceHours, SERVICE_HOURS_FILE } from './rules/service-hours.loader';
export { SlaTable } from './rules/sla.loader';
export * from './rules/rules.types';
