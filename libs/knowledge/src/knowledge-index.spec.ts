import { KnowledgeIndex, VECTOR_FULL } from './knowledge-index';
import type { Script } from './knowledge.types';
import { ChineseAnalyzer } from './retrieval/chinese-analyzer';

function script(id: string, title: string, questions: string[], body: string): Script {
  return {
    id,
    source: 'scripts',
    title,
    stage: 'general',
    intents: [],
    questions,
    version: 1,
    effectiveDate: '2026-01-01',
    disclosures: [],
    body,
    sourcePath: `scripts/general/${id}.md`,
  };
}

const SCRIPTS = [
  script('general-invoice', '发票开具', ['怎么开发票', '电子发票在哪下载'], '您好，电子发票可在App下载。'),
  script('general-address', '修改通讯地址', ['怎么改地址', '搬家了地址要改'], '您好，地址可在App修改。'),
  script('general-hotline', '客服电话', ['客服电话多少', '怎么联系客服'], '您好，请拨打400-888-9955。'),
];
const UNIT = [Float32Array.of(1, 0, 0), Float32Array.of(0, 1, 0), Float32Array.of(0, 0, 1)];

describe(KnowledgeIndex.name, () => {
  const lexical = KnowledgeIndex.build(SCRIPTS, ChineseAnalyzer.create());

  it('is lexical without vectors, and ignores a query vector then', () => {
    const hits = lexical.search('电子发票怎么下载', { queryVector: UNIT[1] });

    expect(lexical.hasVectors).toBe(false);
    expect(hits[0].script.id).toBe('general-invoice');
    expect(hits[0].matchedQuestion).toBe('电子发票在哪下载');
  });

  it('fuses vector similarity: a close meaning wins even with no shared word', () => {
    const sut = lexical.withVectors(UNIT, { vectorWeight: 0.5 });

    const hits = sut.search('乔迁新居', { queryVector: Float32Array.of(0.1, 1, 0) });

    expect(sut.hasVectors).toBe(true);
    expect(hits[0].script.id).toBe('general-address');
    expect(hits[0].matchedQuestion).toBeNull();
    // Only the vector half speaks: 0.5 × the similarity mapped onto 0..1.
    expect(hits[0].confidence).toBeGreaterThan(0.45);
    expect(hits[0].confidence).toBeLessThanOrEqual(0.5);
  });

  it('lets both halves agree into a confident answer and keeps lexical order when vectors tie', () => {
    const sut = lexical.withVectors(UNIT, { vectorWeight: 0.5 });
    const agree = sut.search('电子发票怎么下载', { queryVector: UNIT[0] });
    const tie = sut.search('电子发票怎么下载', { queryVector: Float32Array.of(1, 1, 1) });

    expect(agree[0].script.id).toBe('general-invoice');
    expect(agree[0].confidence).toBeGreaterThan(lexical.search('电子发票怎么下载')[0].confidence * 0.5);
    expect(tie[0].script.id).toBe('general-invoice');
    expect(VECTOR_FULL).toBeLessThan(1);
  });

  it('skips scripts without a vector on the vector side only', () => {
    const sut = lexical.withVectors([UNIT[0], undefined, UNIT[2]], { vectorWeight: 0.5 });

    expect(sut.search('怎么改地址', { queryVector: UNIT[2] }).map((h) => h.script.id)).toContain(
      'general-address',
    );
  });
});
