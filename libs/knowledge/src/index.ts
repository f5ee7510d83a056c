export { STAGES, type RetrievalHit, type Script, type Stage } from './knowledge.types';
export { KnowledgeException, type KnowledgeErrorCode } from './knowledge.exception';
export { KnowledgeBase, type SearchOptions } from './knowledge-base.engine';
export {
  REQUIRED_PHRASE_KEYS,
  StandardPhrases,
  type StandardPhraseKey,
} from './loading/standard-phrases.loader';
export { KnowledgeModule } from './knowledge.module';
