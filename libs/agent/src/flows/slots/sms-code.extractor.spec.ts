import { extractSmsCode } from './sms-code.extractor';

describe(extractSmsCode.name, () => {
  it.each([
    ['482913', '482913'],
    ['验证码是 482913', '482913'],
    ['４８２９１３', '482913'],
    ['482 913', '482913'],
    ['是012345吗', '012345'],
    ['482913。', '482913'],
  ])('reads 「%s」 as %s', (text, code) => {
    expect(extractSmsCode(text)).toBe(code);
  });

  it.each([
    ['4829131'],
    ['48291'],
    ['13812345678'],
    ['482913 和 123456'],
    ['验证码482913，手机13812345678'],
    ['AB482913'],
    ['还没收到验证码'],
    ['我刚才收到了一条短信，里面的验证码好像是482913但是我不确定是不是这个，您帮我看看'],
  ])('refuses 「%s」', (text) => {
    expect(extractSmsCode(text)).toBeNull();
  });
});
