import { AppException, type ErrorKind } from '@anxin/common';

export type PromptErrorCode = 'PROMPT.INVALID' | 'PROMPT.NOT_FOUND' | 'PROMPT.RENDER_FAILED';

// Every prompt error is ours, not the customer's: a broken prompts/ folder, a prompt id the code asks for
// but the folder lacks, or code passing the wrong values.
const KIND: Record<PromptErrorCode, ErrorKind> = {
  'PROMPT.INVALID': 'internal',
  'PROMPT.NOT_FOUND': 'internal',
  'PROMPT.RENDER_FAILED': 'internal',
};

/**
 * INVALID: the prompts folder failed validation; `problems` lists every problem as
 * "<file>:<line> <field>: <message>". NOT_FOUND: the folder, or a prompt asked for, does not exist.
 * RENDER_FAILED: a render was given a missing or undeclared value.
 */
export class PromptException extends AppException<PromptErrorCode> {
  constructor(
    code: PromptErrorCode,
    message: string,
    readonly problems: readonly string[] = [],
  ) {
    super(code, KIND[code], message, problems.length > 0 ? { problems } : undefined);
  }

  static invalid(problems: readonly string[]): PromptException {
    const list = problems.map((p) => `  - ${p}`).join('\n');
    return new PromptException('PROMPT.INVALID', `Invalid prompts:\n${list}`, problems);
  }
}
