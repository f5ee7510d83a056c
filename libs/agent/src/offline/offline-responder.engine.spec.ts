import { join } from 'node:path';
import { createLogger, SystemClock } from '@anxin/common';
import { KnowledgeBase, KnowledgeService } from '@anxin/knowledge';
import { REPO_ROOT } from '@anxin/testing';
import { bandOf, OfflineResponder } from './offline-responder.engine';

const serviceOf = (knowledge: KnowledgeBase): KnowledgeService =>
  new KnowledgeService(knowledge, {
    dir: join(REPO_ROOT, 'knowledge'),
    embeddings: null,
    logger: createLogger('silent'),
    clock: new SystemClock(),
  });

describe(OfflineResponder.name, () => {
  let knowledge: KnowledgeBase;
  let sut: OfflineResponder;

  beforeAll(async () => {
    knowledge = await KnowledgeBase.load(join(REPO_ROOT, 'knowledge'));
    sut = new OfflineResponder(serviceOf(knowledge), { answerMinConfidence: 0.5, suggestMinConfidence: 0.4 });
  });

  const ask = (text: string) => sut.answer(text);

  it('greets with the standard opening, saying it is an AI assistant', async () => {
    const turn = sut.greeting();
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
      expect(turn.quickReplies).toBeUndefined();
      expect(turn.meta).toMatchObject({ band: 'none' });
    },
  );

  it('offers the titles of the closest scripts as quick replies when fairly but not fully sure', async () => {
    const unsure = new OfflineResponder(serviceOf(knowledge), {
      answerMinConfidence: 1,
      suggestMinConfidence: 0.01,
    });
    const hits = knowledge.search('车险理赔需要准备哪些材料?', { k: 3 });

    const turn = await unsure.answer('车险理赔需要准备哪些材料?');

    expect(turn.text).toBe(knowledge.phrases.phrase('suggestion_intro'));
    expect(turn.citations).toEqual([]);
    expect(turn.quickReplies).toEqual(hits.map((hit) => hit.script.title));
    expect(turn.quickReplies?.[0]).toBe(knowledge.getScript('claims-motor-documents')?.title);
    expect(turn.meta).toMatchObject({
      band: 'suggest',
      candidates: [{ scriptId: 'claims-motor-documents' }, {}, {}],
    });
  });

  it.each(['理赔', '退保', '车险'])(
    'offers quick replies for the one-word question 「%s」',
    async (question) => {
      const turn = await ask(question);
      expect(turn.meta).toMatchObject({ band: 'suggest' });
      expect(turn.quickReplies?.length).toBeGreaterThanOrEqual(2);
    },
  );

  it('answers a tapped quick reply (a script title) with that script', async () => {
    for (const id of ['claims-motor-documents', 'aftersale-surrender', 'renewal-grace-period']) {
      const title = knowledge.getScript(id)?.title ?? '';
      const turn = await ask(title);
      expect(turn.citations).toEqual([expect.objectContaining({ scriptId: id })]);
    }
  });

  it('is deterministic', async () => {
    const [a, b] = await Promise.all([ask('怎么退保'), ask('怎么退保')]);
    expect(a).toEqual(b);
  });

  it('follows the configured threshold', async () => {
    const strict = new OfflineResponder(serviceOf(knowledge), {
      answerMinConfidence: 1.01,
      suggestMinConfidence: 1.01,
    });
    const turn = await strict.answer('车险理赔需要准备哪些材料?');
    expect(turn.citations).toEqual([]);
  });
});

describe(bandOf.name, () => {
  const options = { answerMinConfidence: 0.5, suggestMinConfidence: 0.3 };

  it.each([
    [0, 'none'],
    [0.299, 'none'],
    [0.3, 'suggest'],
    [0.499, 'suggest'],
    [0.5, 'answer'],
    [1, 'answer'],
  ])('puts confidence %d in the %s band', (confidence, band) => {
    expect(bandOf(confidence, options)).toBe(band);
  });
});
