import { AppConfig, LOGGER, type Logger } from '@anxin/common';
import { type DynamicModule, Global, Module } from '@nestjs/common';
import { KnowledgeBase } from './knowledge-base.engine';

/**
 * Loads config.knowledgeDir at boot and provides the KnowledgeBase (its own DI token).
 * Invalid content rejects the factory, so the application does not start.
 */
@Global()
@Module({})
export class KnowledgeModule {
  static forRoot(): DynamicModule {
    return {
      module: KnowledgeModule,
      providers: [
        {
          provide: KnowledgeBase,
          inject: [AppConfig, { token: LOGGER, optional: true }],
          useFactory: async (config: AppConfig, logger?: Logger) => {
            const knowledge = await KnowledgeBase.load(config.knowledgeDir);
            logger?.info({ dir: config.knowledgeDir, scripts: knowledge.scripts.length }, 'knowledge loaded');
            return knowledge;
          },
        },
      ],
      exports: [KnowledgeBase],
    };
  }
}
