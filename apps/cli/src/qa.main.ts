import { DEFAULT_RESILIENCE, OpenAiChatModel, PromptLibrary, ResilientChatModel } from '@anxin/agent';
import { type AppConfig, ConfigException, loadConfig, SystemClock } from '@anxin/common';
import { KnowledgeException } from '@anxin/knowledge';
import { LlmQualityJudge, type QualityJudge } from '@anxin/quality';
import { UsageError } from './kb.commands';
import { QA_USAGE, runQaCommand } from './qa.commands';

/**
 * `npm run qa -- score <file>`: QA-score transcripts from other systems without a server.
 * Exit codes: 0 all scored, 1 a transcript refused or invalid content, 2 wrong usage.
 */
async function main(): Promise<void> {
  try {
    const config = loadConfig();
    const result = await runQaCommand(process.argv.slice(2), {
      knowledgeDir: config.knowledgeDir,
      judge: await judgeOf(config),
    });
    if (result.output) process.stdout.write(`${result.output}\n`);
    process.exitCode = result.exitCode;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${QA_USAGE}\n`);
      process.exit(2);
    }
    if (error instanceof KnowledgeException || error instanceof ConfigException) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** The LLM judge when LLM_* is configured. */
async function judgeOf(config: AppConfig): Promise<QualityJudge | null> {
  if (!config.llm) return null;
  const model = new ResilientChatModel(new OpenAiChatModel(config.llm), new SystemClock(), {
    ...DEFAULT_RESILIENCE,
    cooldownMs: config.llm.breakerCooldownMs,
  });
  return new LlmQualityJudge(model, await PromptLibrary.load(config.promptsDir), config.llm.jsonMode);
}

void main();
