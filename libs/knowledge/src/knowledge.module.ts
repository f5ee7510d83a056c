import { AppConfig, Clock, LOGGER, type Logger } from '@anxin/common';
import { type DynamicModule, Global, Inject, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OpenAiEmbeddingProvider } from './embedding/openai-embedding.provider';
import { PostgresEmbeddingStore } from './embedding/postgres-embedding.store';
import type { KnowledgeBase } from './knowledge-base.engine';
import { KnowledgeController } from './knowledge.controller';
import { KnowledgeService } from './knowledge.service';

/**
 * Provides the KnowledgeService over the knowledge base the composition root loaded before
 * building the container (so invalid content stops the boot before the database is opened).
 * Script embeddings are attached in the background after boot; until then, and whenever the
 * provider fails, retrieval is lexical.
 */
@Global()
@Module({})
export class KnowledgeModule implements OnApplicationBootstrap {
  constructor(
    @Inject(KnowledgeService) private readonly service: KnowledgeService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  static forRoot(knowledge: KnowledgeBase): DynamicModule {
    return {
      module: KnowledgeModule,
      controllers: [KnowledgeController],
      providers: [
        {
          provide: KnowledgeService,
          inject: [AppConfig, LOGGER, Clock, DataSource],
          useFactory: (config: AppConfig, logger: Logger, clock: Clock, dataSource: DataSource) =>
            new KnowledgeService(knowledge, {
              dir: config.knowledgeDir,
              logger,
              clock,
              embeddings: config.embedding
                ? {
                    provider: new OpenAiEmbeddingProvider(config.embedding),
                    store: new PostgresEmbeddingStore(dataSource),
                    hybrid: { vectorWeight: config.retrieval.vectorWeight },
                  }
                : null,
            }),
        },
      ],
      exports: [KnowledgeService],
    };
  }

  onApplicationBootstrap(): void {
    this.service.refreshEmbeddings().catch((error: unknown) => {
      this.logger.error({ err: error }, 'attaching script embeddings failed');
    });
  }
}
