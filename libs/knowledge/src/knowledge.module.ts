import { type DynamicModule, Global, Module } from '@nestjs/common';
import { KnowledgeBase } from './knowledge-base.engine';

/**
 * Provides the KnowledgeBase (its own DI token). The composition root loads it with
 * KnowledgeBase.load() before building the container, so invalid content stops the boot
 * before anything else (the database) is opened.
 */
@Global()
@Module({})
export class KnowledgeModule {
  static forRoot(knowledge: KnowledgeBase): DynamicModule {
    return {
      module: KnowledgeModule,
      providers: [{ provide: KnowledgeBase, useValue: knowledge }],
      exports: [KnowledgeBase],
    };
  }
}
