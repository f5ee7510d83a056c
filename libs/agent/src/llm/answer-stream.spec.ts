import { AnswerStreamExtractor, SentenceGate } from './answer-stream';

describe(AnswerStreamExtractor.name, () => {
  it('decodes the answer field while it streams, across split escapes', () => {
    const sut = new AnswerStreamExtractor();
    const json = JSON.stringify({ answer: '您好，犹豫期为"15天"。\n请放心\u4e2d', citations: ['a'] });
    let out = '';
    for (let i = 0; i < json.length; i += 3) out += sut.push(json.slice(i, i + 3));
    expect(out).toBe('您好，犹豫期为"15天"。\n请放心中');
  });

  it('emits nothing before the answer key and nothing after its closing quote', () => {
    const sut = new AnswerStreamExtractor();
    expect(sut.push('{"citations":["x"],')).toBe('');
    expect(sut.push('"answer": "好的"')).toBe('好的');
    expect(sut.push(', "handoff": null, "other": "answer"}')).toBe('');
  });
});

describe(SentenceGate.name, () => {
  it('releases whole accepted sentences and stops at the first refused one', () => {
    const emitted: string[] = [];
    const sut = new SentenceGate(
      (sentence) => !sentence.includes('稳赚'),
      (text) => emitted.push(text),
    );
    sut.push('您好。这款产品');
    expect(emitted).toEqual(['您好。']);
    sut.push('稳赚不赔。后面的话');
    sut.push('也不会再发出。');
    sut.flush();
    expect(emitted).toEqual(['您好。']);
  });

  it('flushes the last sentence without a full stop', () => {
    const emitted: string[] = [];
    const sut = new SentenceGate(
      () => true,
      (text) => emitted.push(text),
    );
    sut.push('第一句！第二句');
    sut.flush();
    expect(emitted).toEqual(['第一句！', '第二句']);
  });
});
