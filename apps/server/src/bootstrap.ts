import { dirname, join } from 'node:path';
import { json, type NextFunction, type Request, type Response } from 'express';
import { loadAgentContent } from '@anxin/agent';
import { NestLoggerAdapter } from '@anxin/common';
import { KnowledgeBase } from '@anxin/knowledge';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule, type AppModuleOptions } from './app.module';
import { correlationMiddleware } from './http/correlation.middleware';

export const MAX_JSON_BODY = '64kb';
/** POST /api/qa/transcripts: 1,000 transcripts of a few dozen turns each. */
export const MAX_QA_IMPORT_BODY = '20mb';
/** Chart.js's browser build, served to the QA console from node_modules (never copied into the repo). */
const CHART_JS_UMD = join(dirname(require.resolve('chart.js')), 'chart.umd.js');

/** Builds the server application (not yet listening). main.ts and the e2e tests share it. */
export async function createServerApp(
  options: Omit<AppModuleOptions, 'knowledge' | 'agent'>,
): Promise<NestExpressApplication> {
  // Rules first: invalid knowledge stops the boot before the database is opened.
  const knowledge = await KnowledgeBase.load(options.config.knowledgeDir);
  options.logger.info(
    { dir: options.config.knowledgeDir, scripts: knowledge.scripts.length },
    'knowledge loaded',
  );
  const agent = await loadAgentContent(options.config);
  options.logger.info(
    { llm: options.config.llm ? options.config.llm.model : null, prompts: agent.prompts.list().length },
    options.config.llm ? 'LLM agent configured' : 'no LLM configured: offline script responder',
  );
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({ ...options, knowledge, agent }),
    {
      logger: new NestLoggerAdapter(options.logger),
      bodyParser: false,
      abortOnError: false,
    },
  );
  app.use(correlationMiddleware(options.logger));
  // QA imports carry up to 1,000 transcripts per request; every other JSON body stays small.
  app.use('/api/qa/transcripts', json({ limit: MAX_QA_IMPORT_BODY }));
  app.useBodyParser('json', { limit: MAX_JSON_BODY });
  app.disable('x-powered-by');
  app.useStaticAssets(options.config.webRoot, { index: 'index.html', maxAge: 0 });
  // The staff QA console (apps/console/qa) at /console/, its chart library at /console/vendor/.
  app.use('/console', (req: Request, res: Response, next: NextFunction) => {
    const [path, query] = req.originalUrl.split('?', 2);
    if (path === '/console') res.redirect(301, query === undefined ? '/console/' : `/console/?${query}`);
    else next();
  });
  app.use('/console/vendor/chart.umd.js', (req: Request, res: Response, next: NextFunction) => {
    if (req.path === '/' && (req.method === 'GET' || req.method === 'HEAD')) res.sendFile(CHART_JS_UMD);
    else next();
  });
  app.useStaticAssets(options.config.consoleRoot, { prefix: '/console/', index: 'index.html', maxAge: 0 });
  return app;
}
