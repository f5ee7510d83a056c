import * as slots from './index';

describe('slots index', () => {
  it('exports the slot extractors', () => {
    expect(Object.keys(slots).sort()).toEqual([
      'classifyReply',
      'extractAmount',
      'extractDateTime',
      'extractIdLast4',
      'extractPersonName',
      'extractSmsCode',
      'parseChineseNumber',
    ]);
  });
});
