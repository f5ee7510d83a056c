import { AppException, type ErrorKind } from '@anxin/common';

export type KnowledgeErrorCode =
  | 'KNOWLEDGE.INVALID_CONTENT'
  | 'KNOWLEDGE.NOT_LOADED'
  | 'KNOWLEDGE.SCRIPT_NOT_FOUND'
  | 'KNOWLEDGE.INVALID_QUERY'
  | 'KNOWLEDGE.RELOAD_REJECTED';

const KIND: Record<KnowledgeErrorCode, ErrorKind> = {
  'KNOWLEDGE.INVALID_CONTENT': 'internal',
  'KNOWLEDGE.NOT_LOADED': 'unavailable',
  'KNOWLEDGE.SCRIPT_NOT_FOUND': 'not_found',
  'KNOWLEDGE.INVALID_QUERY': 'invalid_input',
  // The served knowledge stays as it was; the edited files are what is wrong.
  'KNOWLEDGE.RELOAD_REJECTED': 'conflict',
};

/**
 * INVALID_CONTENT: the knowledge folder failed validation; `problems` lists every problem as
 * "<file>:<line> <field>: <message>". NOT_LOADED: something asked for is not in the loaded
 * knowledge (missing folder, unknown phrase key). SCRIPT_NOT_FOUND / INVALID_QUERY: the admin
 * API was asked for an unknown id or given a bad query. RELOAD_REJECTED: a reload found invalid
 * content and kept serving the previous knowledge; `problems` says why.
 */
export class KnowledgeException extends AppException<KnowledgeErrorCode> {
  constructor(
    code: KnowledgeErrorCode,
    message: string,
    readonly problems: readonly string[] = [],
  ) {
    super(code, KIND[code], message, problems.length > 0 ? { problems } : undefined);
  }

  static invalid(problems: readonly string[]): KnowledgeException {
    const list = problems.map((p) => `  - ${p}`).join('\n');
    return new KnowledgeException(
      'KNOWLEDGE.INVALID_CONTENT',
      `Invalid knowledge content:\n${list}`,
      problems,
    );
  }
}
