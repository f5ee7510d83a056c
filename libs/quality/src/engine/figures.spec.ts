import { figureKey, figuresIn } from './figures';
import { globalCopy } from './text.util';

describe(figureKey.name, () => {
  it('gives different wordings of one figure the same key', () => {
    expect(figureKey('1万元')).toBe('yuan:10000');
    expect(figureKey('10000元')).toBe('yuan:10000');
    expect(figureKey('一万元')).toBe('yuan:10000');
    expect(figureKey('15日')).toBe('days:15');
    expect(figureKey('十五天')).toBe('days:15');
    expect(figureKey('两周')).toBe('days:14');
    expect(figureKey('7 个工作日')).toBe('working_days:7');
    expect(figureKey('60周岁')).toBe('age:60');
  });

  it('keeps units apart: working days are not days, weeks of age are not weeks', () => {
    expect(figureKey('15个工作日')).not.toBe(figureKey('15日'));
    expect(figureKey('60周岁')).not.toBe(figureKey('60周'));
  });

  it('falls back to the text when the number does not parse', () => {
    expect(figureKey('几天')).toBe('几天');
  });
});

describe(figuresIn.name, () => {
  const patterns = [/\d+\s*(万元|元)/iu, /\d+\s*(个工作日|日|天)/iu].map(globalCopy);

  it('lists the figures left to right, without overlaps', () => {
    expect(figuresIn('7个工作日内退还5000元，最迟10天', patterns)).toEqual([
      { text: '7个工作日', key: 'working_days:7' },
      { text: '5000元', key: 'yuan:5000' },
      { text: '10天', key: 'days:10' },
    ]);
  });
});
