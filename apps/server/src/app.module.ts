import { type AgentContent, AgentModule } from '@anxin/agent';
import { ChannelsModule } from '@anxin/channels';
import { type AppConfig, type Clock, CommonModule, type Logger } from '@anxin/common';
import { ConversationModule } from '@anxin/conversation';
import { HandoffModule } from '@anxin/handoff';
import { type KnowledgeBase, KnowledgeModule } from '@anxin/knowledge';
import { QualityModule } from '@anxin/quality';
import { type OpenDatabaseOptions, PersistenceModule } from '@anxin/persistence';
import { StaffModule } from '@anxin/staff';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { HealthController } from './health/health.controller';
import { HttpErrorFilter } from './http/http-error.filter';

export interface AppModuleOptions {
  readonly config: AppConfig;
  readonly logger: Logger;
  readonly clock?: Clock;
  readonly database?: OpenDatabaseOptions;
  /** Loaded and validated before the container is built (see bootstrap.ts). */
  readonly knowledge: KnowledgeBase;
  /** Guided flows and prompts, loaded and validated with the knowledge. */
  readonly agent: AgentContent;
}

/** The composition root: which libs make up the server process. No logic lives here. */
@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CommonModule.forRoot(options),
        PersistenceModule.forRoot(options.database),
        KnowledgeModule.forRoot(options.knowledge),
        ConversationModule.forRoot({ responderImports: [AgentModule.forRoot(options.agent)] }),
        ChannelsModule,
        StaffModule,
        QualityModule,
        HandoffModule,
      ],
      controllers: [HealthController],
      providers: [{ provide: APP_FILTER, useClass: HttpErrorFilter }],
    };
  }
}
