import { AppConfig } from '@anxin/common';
import { Responder } from '@anxin/conversation';
import { KnowledgeService } from '@anxin/knowledge';
import { type DynamicModule, Module } from '@nestjs/common';
import { OfflineResponder } from './offline/offline-responder.engine';

/** Provides the Responder port. Today: the offline script responder; the LLM agent plugs in here. */
@Module({})
export class AgentModule {
  static forRoot(): DynamicModule {
    return {
      module: AgentModule,
      providers: [
        {
          provide: Responder,
          inject: [KnowledgeService, AppConfig],
          useFactory: (knowledge: KnowledgeService, config: AppConfig) =>
            new OfflineResponder(knowledge, {
              answerMinConfidence: config.retrieval.answerMinConfidence,
              suggestMinConfidence: config.retrieval.suggestMinConfidence,
            }),
        },
      ],
      exports: [Responder],
    };
  }
}
