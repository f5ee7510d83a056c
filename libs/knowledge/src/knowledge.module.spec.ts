import { Test } from '@nestjs/testing';
import { KnowledgeBase } from './knowledge-base.engine';
import { KnowledgeModule } from './knowledge.module';
import { GOOD_FIXTURE } from './loading/__fixtures__/fixture-dir.helper';

describe(KnowledgeModule.name, () => {
  it('provides the loaded KnowledgeBase to every module', async () => {
    const knowledge = await KnowledgeBase.load(GOOD_FIXTURE);
    const sut = await Test.createTestingModule({ imports: [KnowledgeModule.forRoot(knowledge)] }).compile();

    expect(sut.get(KnowledgeBase)).toBe(knowledge);
    expect(sut.get(KnowledgeBase).scripts).toHaveLength(4);
    await sut.close();
  });
});
