import { join } from 'node:path';
import { KnowledgeBase } from './knowledge-base.engine';
import { KnowledgeException } from './knowledge.exception';
import {
  fixtureCopy,
  GOOD_FIXTURE,
  removeFixtureCopies,
  scriptSource,
} from './loading/__fixtures__/fixture-dir.helper';
import { REQUIRED_PHRASE_KEYS } from './loading/standard-phrases.loader';

const REAL_KNOWLEDGE = join(__dirname, '..', '..', '..', 'knowledge');

describe(KnowledgeBase.name, () => {
  describe('with the test fixture', () => {
    let sut: KnowledgeBase;

    beforeAll(async () => {
      sut = await KnowledgeBase.load(GOOD_FIXTURE);
    });
    afterAll(removeFixtureCopies);

    it('loads scripts, lexicon and standard phrases', () => {
      expect(sut.scripts).toHaveLength(4);
      expect(sut.getScript('claims-progress')).toMatchObject({
        stage: 'claims',
        effectiveDate: '2026-02-15',
        sourcePath: 'scripts/claims/claims-progress.md',
      });
      expect(sut.getScript('nope')).toBeUndefined();
      expect(sut.phrases.phrase('greeting')).toBe('您好，我是安心保险AI智能客服。请问有什么可以帮您？');
    });

    it('hands out frozen scripts', () => {
      const script = sut.getScript('claims-progress');

      expect(Object.isFrozen(sut.scripts)).toBe(true);
      expect(Object.isFrozen(script)).toBe(true);
      expect(Object.isFrozen(script?.questions)).toBe(true);
    });

    it('finds the script of a synonym-spelled question, with the sample question it matched', () => {
      const [best] = sut.search('LP进度咋查？');

      expect(best).toMatchObject({ script: { id: 'claims-progress' }, matchedQuestion: 'lp进度怎么查' });
      expect(best.score).toBeGreaterThan(0);
      expect(best.confidence).toBeGreaterThanOrEqual(0.5);
    });

    it('returns at most k hits, best first, only the top one able to clear 0.5', () => {
      const hits = sut.search('理赔需要什么材料', { k: 2 });

      expect(hits).toHaveLength(2);
      expect(hits[0].script.id).toBe('claims-motor-documents');
      expect(hits[1].score).toBeLessThanOrEqual(hits[0].score);
      expect(hits[1].confidence).toBeLessThan(0.5);
      expect(sut.search('理赔', { k: 0 })).toEqual([]);
    });

    it('returns no hits for text sharing no word with any script', () => {
      expect(sut.search('asdfgh')).toEqual([]);
    });

    it('throws one KnowledgeException listing every problem in every file', async () => {
      const dir = fixtureCopy({
        'scripts/claims/claims-progress.md': scriptSource({ id: 'claims-progress', stage: 'general' }),
        'scripts/general/general-greeting.md': scriptSource(
          { id: 'general-greeting', stage: 'general', questions: '[]' },
          '',
        ),
        'lexicon/synonyms.txt': '理赔\n',
        'lexicon/standard-phrases.yaml': 'version: 1\nphrases:\n  greeting: 您好\n',
      });

      const error = await KnowledgeBase.load(dir).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(KnowledgeException);
      expect(error).toMatchObject({ code: 'KNOWLEDGE.INVALID_CONTENT', kind: 'internal' });
      expect((error as KnowledgeException).problems).toEqual([
        'knowledge/scripts/claims/claims-progress.md:4 stage: "general" does not match its folder "claims"',
        'knowledge/scripts/general/general-greeting.md:6 questions: must be a non-empty list',
        'knowledge/scripts/general/general-greeting.md:10 body: must not be empty (the approved answer follows the front matter)',
        'knowledge/lexicon/synonyms.txt:1 a group needs at least two comma-separated terms, got "理赔"',
        ...REQUIRED_PHRASE_KEYS.filter((key) => key !== 'greeting').map(
          (key) => `knowledge/lexicon/standard-phrases.yaml:2 phrases.${key}: is required`,
        ),
      ]);
      expect((error as Error).message).toContain('knowledge/scripts/claims/claims-progress.md:4 stage:');
    });

    it('throws KNOWLEDGE.NOT_LOADED when the folder does not exist', async () => {
      await expect(KnowledgeBase.load(join(GOOD_FIXTURE, 'missing'))).rejects.toMatchObject({
        code: 'KNOWLEDGE.NOT_LOADED',
      });
    });
  });

  describe('with the real knowledge folder', () => {
    let sut: KnowledgeBase;

    beforeAll(async () => {
      sut = await KnowledgeBase.load(REAL_KNOWLEDGE);
    });

    it('answers the sample question 「车险理赔需要准备哪些材料?」 confidently', () => {
      const [best] = sut.search('车险理赔需要准备哪些材料?');

      expect(best.script.id).toBe('claims-motor-documents');
      expect(best.matchedQuestion).toBe('车险理赔需要准备哪些材料?');
      expect(best.confidence).toBeGreaterThanOrEqual(0.5);
    });

    it.each([
      ['汽车保险理赔要提交哪些材料', 'claims-motor-documents'],
      ['我的车被人追尾了，理赔材料有哪些', 'claims-motor-documents'],
      ['重疾险的等待期是多久', 'presale-critical-illness-waiting-period'],
      ['买了保险后悔了能退吗', 'presale-hesitation-period'],
      ['怎么查理赔进度', 'claims-progress'],
      ['门诊看病的钱能理赔吗', 'claims-medical-documents'],
      ['预留的手机号怎么改', 'aftersale-change-phone'],
      ['搬家了要改保单地址', 'aftersale-change-address'],
      ['保单失效了怎么恢复', 'aftersale-reinstatement'],
      ['怎么取消自动续费', 'renewal-auto-renewal'],
      ['有高血压可以投保吗', 'presale-pre-existing-conditions'],
      ['我要人工服务', 'general-human-agent'],
    ])('answers the paraphrase %s with %s (confidence ≥ 0.5)', (query, id) => {
      const [best] = sut.search(query);

      expect(best.script.id).toBe(id);
      expect(best.confidence).toBeGreaterThanOrEqual(0.5);
    });

    it.each([
      '今天天气怎么样',
      'asdfgh',
      '帮我写一首诗',
      '讲个笑话',
      '推荐几部电影',
      '你觉得股票会涨吗',
      '1+1等于几',
      '保险',
    ])('stays below 0.5 for off-topic or vague %s', (query) => {
      const [best] = sut.search(query);

      expect(best?.confidence ?? 0).toBeLessThan(0.5);
    });

    it('finds its own script first for nearly every sample question', () => {
      const samples = sut.scripts.flatMap((script) =>
        script.questions.map((question) => ({ question, id: script.id })),
      );
      const found = samples.filter(({ question, id }) => sut.search(question, { k: 1 })[0]?.script.id === id);

      // A few samples are only stop words or punctuation ("在吗", "？？？") and match nothing.
      expect(found.length / samples.length).toBeGreaterThanOrEqual(0.95);
    });
  });
});
