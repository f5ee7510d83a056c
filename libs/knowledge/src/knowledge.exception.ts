import { AppException, type ErrorKind } from '@anxin/common';

export type KnowledgeErrorCode = 'KNOWLEDGE.INVALID_CONTENT' | 'KNOWLEDGE.NOT_LOADED';

const KIND: Record<KnowledgeErrorCode, ErrorKind> = {
  'KNOWLEDGE.INVALID_CONTENT': 'internal',
  'KNOWLEDGE.NOT_LOADED': 'unavailable',
};

/**
 * INVALID_CONTENT: the knowledge folder failed validation; `problems` lists every problem as
 * "<file>:<line> <field>: <message>". NOT_LOADED: something asked for is not in the loaded
 * knowledge (missing folder, unknown phrase key).
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
