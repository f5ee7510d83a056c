import { readCsv } from './csv.reader';

describe(readCsv.name, () => {
  it('reads quoted fields with commas, quotes and line breaks, and skips blank lines', () => {
    const sut = readCsv('\uFEFFquestion,answer\r\n"退保,怎么办","第一行\n第二行 ""引号"""\n\n车险,找我们\n');

    expect(sut).toEqual({
      ok: true,
      records: [
        { line: 1, fields: ['question', 'answer'] },
        { line: 2, fields: ['退保,怎么办', '第一行\n第二行 "引号"'] },
        { line: 5, fields: ['车险', '找我们'] },
      ],
    });
  });

  it('keeps empty fields and a last line without a line break', () => {
    expect(readCsv('a,,c')).toEqual({ ok: true, records: [{ line: 1, fields: ['a', '', 'c'] }] });
  });

  it('names the line of an unclosed quote', () => {
    expect(readCsv('q,a\n"没有结束,答案\n下一行')).toEqual({
      ok: false,
      line: 2,
      message: 'quoted field is never closed',
    });
  });

  it('refuses a quote in the middle of a field and text after a closing quote', () => {
    expect(readCsv('q,a\n问"题,答')).toMatchObject({ ok: false, line: 2 });
    expect(readCsv('q,a\n"问题"x,答')).toMatchObject({ ok: false, line: 2 });
  });
});
