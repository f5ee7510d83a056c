import { type AppConfig, ConfigException, createLogger, loadConfig } from '@anxin/common';
import { KnowledgeService } from '@anxin/knowledge';
import { createServerApp } from './bootstrap';

/** Boot: validate config, build the app, listen; SIGTERM/SIGINT drain and close within the timeout. */
async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigException) {
      process.stderr.write(`Anxin cannot start. ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.log.level);
  let app: Awaited<ReturnType<typeof createServerApp>>;
  try {
    app = await createServerApp({ config, logger });
    await app.listen(config.http.port, config.http.host);
  } catch (error) {
    logger.fatal({ err: error }, 'Anxin cannot start');
    process.exit(1);
  }
  logger.info(
    { url: `http://localhost:${config.http.port}/`, database: config.database.kind, version: config.version },
    'Anxin is ready',
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: draining sockets and bot turns');
    setTimeout(() => {
      logger.error({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown timed out');
      process.exit(1);
    }, config.shutdownTimeoutMs).unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  // `kill -HUP <pid>` reloads the knowledge folder (as POST /api/knowledge/reload does).
  process.on('SIGHUP', () => {
    app
      .get(KnowledgeService)
      .reload()
      .catch((error: unknown) =>
        logger.error({ err: error }, 'knowledge reload rejected; still serving the previous version'),
      );
  });
}

void main();
