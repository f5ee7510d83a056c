/** One prompts/<id>.md file: YAML front matter and a template body with {{input}} placeholders. */
export interface PromptTemplate {
  /** kebab-case, equal to the file name without ".md". */
  readonly id: string;
  readonly version: number;
  /** What the prompt is for (English). */
  readonly description: string;
  /** snake_case names; each appears in the body as {{name}}, and the body uses no other. */
  readonly inputs: readonly string[];
  /** The template text after the front matter, without leading and trailing blank lines. */
  readonly body: string;
  /** Where it was read, e.g. "prompts/agent-system.md". */
  readonly file: string;
}

export interface RenderedPrompt {
  readonly id: string;
  readonly version: number;
  readonly text: string;
}

/** The prompts the agent needs; a prompts folder missing one of them fails to load. */
export const REQUIRED_PROMPTS: readonly string[] = [
  'agent-system',
  'agent-output',
  'agent-tools',
  'agent-tools-json',
  'agent-regenerate',
  'stage-presale',
  'stage-insale',
  'stage-aftersale',
  'stage-claims',
  'stage-renewal',
  'stage-complaint',
  'stage-general',
  'flow-slots',
];
