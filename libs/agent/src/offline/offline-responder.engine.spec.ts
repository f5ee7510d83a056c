import { join } from 'node:path';
import { KnowledgeBase } from '@anxin/knowledge';
import { factory, REPO_ROOT } from '@anxin/testing';
import { OfflineResponder } from './offline-responder.engine';

describe(OfflineResponder.name, () => {
  let knowledge: KnowledgeBase;
  let sut: OfflineResponder;

  beforeAll(async () => {
    knowledge = await KnowledgeBase.load(join(REPO_ROOT, 'knowledge'));
    sut = new OfflineResponder(knowledge, { answerMinConfidence: 0.5 });
  });

  const ask = (text: string) =>
    sut.respond({ conversation: factory.conversation(), message: factory.message({ text }) });

  it('greets with the standard opening, saying it is an AI assistant', async () => {
    const turn = await sut.greet(factory.conversation());
    expect(turn.text).toBe(knowledge.phrases.phrase('greeting'));
    expect(turn.text).toContain('AI');
    expect(turn.citations).toEqual([]);
  });

  it.each([
    ['车险理赔需要准备哪些材料?', 'claims-motor-documents'],
    ['重疾险的等待期是多久', 'presale-critical-illness-waiting-period'],
    ['我搬家了保单地址要改', 'aftersale-change-address'],
  ])('answers 「%s」 with the approved script %s, cited with its version', async (question, scriptId) => {
    const turn = await ask(question);
    const script = knowledge.getScript(scriptId);
    expect(turn.text).toBe(script?.body);
    expect(turn.citations).toEqual([{ scriptId, version: script?.version, title: script?.title }]);
    expect(turn.meta).toMatchObject({ responder: 'offline' });
    expect(turn.handoff).toBeUndefined();
  });

  it.each(['今天天气怎么样', 'asdfghjkl', '帮我写一首关于月亮的诗'])(
    'says it is not sure and offers a human for 「%s」, citing nothing',
    async (question) => {
      const turn = await ask(question);
      expect(turn.text).toBe(knowledge.phrases.phrase('no_grounding'));
      expect(turn.text).toContain('人工客服');
      expect(turn.citations).toEqual([]);
    },
  );

  it('is deterministic', async () => {
    const [a, b] = await Promise.all([ask('怎么退保'), ask('怎么退保')]);
    expect(a).toEqual(b);
  });

  it('follows the configured threshold', async () => {
    const strict = new OfflineResponder(knowledge, { answerMinConfidence: 1.01 });
    const turn = await strict.respond({ conversation: factory.conversation(), message: factory.message() });
    expect(turn.citations).toEqual([]);
  });
});
