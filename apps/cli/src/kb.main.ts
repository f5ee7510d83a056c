import { ConfigException, loadConfig } from '@anxin/common';
import { KnowledgeException } from '@anxin/knowledge';
import { runKbCommand, KB_USAGE, UsageError } from './kb.commands';

/**
 * `npm run kb -- <command>`: validate, list, search, import and evaluate the knowledge base.
 * Exit codes: 0 ok, 1 invalid content or failed command, 2 wrong usage.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  try {
    const config = loadConfig();
    const output = await runKbCommand(args, { knowledgeDir: config.knowledgeDir, now: () => new Date() });
    process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${KB_USAGE}\n`);
      process.exit(2);
    }
    if (error instanceof KnowledgeException || error instanceof ConfigException) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

void main();
