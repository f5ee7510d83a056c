import { extractAmount } from './amount.extractor';

describe(extractAmount.name, () => {
  it.each([
    ['3500元', 3500, '3500元'],
    ['3,500块', 3500, '3,500块'],
    ['三千五百元', 3500, '三千五百元'],
    ['1.2万', 12000, '1.2万'],
    ['1.2万元', 12000, '1.2万元'],
    ['两万块钱', 20000, '两万块钱'],
    ['一万二', 12000, '一万二'],
    ['￥800', 800, '￥800'],
    ['¥ 1,234.50', 1234.5, '¥ 1,234.50'],
    ['800 RMB', 800, '800 RMB'],
    ['人民币3500', 3500, '人民币3500'],
    ['３５００元', 3500, '３５００元'],
    ['大概花了 3500 元左右', 3500, '3500 元'],
    ['医药费一万二千五百元整', 12500, '一万二千五百元整'],
    ['三块五', 3.5, '三块五'],
    ['3块5毛', 3.5, '3块5毛'],
    ['修车花了3500快', 3500, '3500快'],
    ['3月5日住院花了3500元', 3500, '3500元'],
    ['保单AXCI202600001234，理赔2万', 20000, '2万'],
  ])('reads 「%s」 as %d yuan', (text, yuan, matched) => {
    expect(extractAmount(text)).toEqual({ yuan, matched });
  });

  it.each([
    ['3500'],
    ['3月5日'],
    ['13812345678'],
    ['保单号AXCI202600001234'],
    ['5%'],
    ['百分之五十'],
    ['1.2万公里'],
    ['3万人'],
    ['800美元'],
    ['你好'],
  ])('ignores 「%s」, which has no currency cue or is not money', (text) => {
    expect(extractAmount(text)).toBeNull();
  });

  it.each([
    ['3500', 3500],
    ['3,500', 3500],
    ['大概三千五', 3500],
  ])('with bare, accepts the plain number 「%s」', (text, yuan) => {
    expect(extractAmount(text, { bare: true })?.yuan).toBe(yuan);
  });

  it.each([
    ['13812345678'],
    ['保单号AXCI202600001234'],
    ['3月5日'],
    ['下午3点'],
    ['50%'],
    ['800美元'],
    ['1234567890'],
    ['2026-03-05'],
  ])('with bare, still refuses 「%s」', (text) => {
    expect(extractAmount(text, { bare: true })).toBeNull();
  });
});
