import { CommonModule, createLogger, loadConfig } from '@anxin/common';
import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { KnowledgeBase } from './knowledge-base.engine';
import { KnowledgeModule } from './knowledge.module';
import { KnowledgeService } from './knowledge.service';
import { GOOD_FIXTURE } from './loading/__fixtures__/fixture-dir.helper';

/** No embeddings configured: the data source is never touched. */
@Global()
@Module({ providers: [{ provide: DataSource, useValue: {} }], exports: [DataSource] })
class NoDatabaseModule {}

describe(KnowledgeModule.name, () => {
  it('serves the loaded knowledge base through the KnowledgeService, lexical without embeddings', async () => {
    const knowledge = await KnowledgeBase.load(GOOD_FIXTURE);
    const config = loadConfig({
      DATA_DIR: mkdtempSync(join(tmpdir(), 'anxin-km-')),
      KNOWLEDGE_DIR: GOOD_FIXTURE,
    });
    const sut = await Test.createTestingModule({
      imports: [
        CommonModule.forRoot({ config, logger: createLogger('silent') }),
        NoDatabaseModule,
        KnowledgeModule.forRoot(knowledge),
      ],
    }).compile();
    await sut.init();

    const service = sut.get(KnowledgeService);
    expect(service.current).toBe(knowledge);
    expect((await service.search('lp进度怎么查', 1))[0].script.id).toBe('claims-progress');
    await sut.close();
  });
});
