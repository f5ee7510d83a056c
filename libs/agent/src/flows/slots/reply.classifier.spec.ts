import { classifyReply, normalizeReply, type ReplyCues } from './reply.classifier';

const CUES: ReplyCues = {
  yes: ['是', '是的', '对', '对的', '没错', '确认', '好的', '可以', '嗯', 'ok'],
  no: ['不对', '不是', '错了', '有误', '要改', '修改'],
  cancel: ['取消', '不报了', '算了', '不用了', '退出'],
};

describe(classifyReply.name, () => {
  it.each([
    ['是的', 'yes'],
    ['对！', 'yes'],
    ['没错。', 'yes'],
    ['好的~', 'yes'],
    ['嗯嗯', 'yes'],
    ['OK', 'yes'],
    ['ｏｋ！', 'yes'],
    ['确认无误', 'yes'],
    [' 可以 ', 'yes'],
    ['不对', 'no'],
    ['不是', 'no'],
    ['嗯，不对', 'no'],
    ['地址有误', 'no'],
    ['信息错了要修改', 'no'],
    ['不可以', 'no'],
    ['不好的', 'no'],
    ['取消', 'cancel'],
    ['算了不报了', 'cancel'],
    ['不对，算了', 'cancel'],
    ['好的，退出吧', 'cancel'],
    ['不取消', 'unknown'],
    ['你好', 'unknown'],
    ['book', 'unknown'],
    ['', 'unknown'],
    ['？', 'unknown'],
  ])('classifies 「%s」 as %s', (text, expected) => {
    expect(classifyReply(text, CUES)).toBe(expected);
  });

  it('uses only the cues it is given', () => {
    const cues: ReplyCues = { yes: ['行'], no: ['不行'], cancel: [] };
    expect(classifyReply('行', cues)).toBe('yes');
    expect(classifyReply('不行', cues)).toBe('no');
    expect(classifyReply('是的', cues)).toBe('unknown');
  });

  it.each([
    ['  好的。！', '好的'],
    ['ＯＫ~', 'ok'],
    ['对～～', '对'],
  ])('normalises 「%s」 to 「%s」', (text, expected) => {
    expect(normalizeReply(text)).toBe(expected);
  });
});
