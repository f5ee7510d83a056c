export { PromptLibrary } from './prompt-library';
export { PromptException, type PromptErrorCode } from './prompt.exception';
export { REQUIRED_PROMPTS, type PromptTemplate, type RenderedPrompt } from './prompt.types';
