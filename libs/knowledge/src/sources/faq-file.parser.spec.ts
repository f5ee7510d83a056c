import { ProblemList } from '../loading/problem.list';
import type { KnowledgeException } from '../knowledge.exception';
import { parseFaqFile, type FaqFormat } from './faq-file.parser';

function parse(
  text: string,
  format: FaqFormat,
): { records: ReturnType<typeof parseFaqFile>; problems: string[] } {
  const problems = new ProblemList('in');
  const records = parseFaqFile(text, format, 'faq.' + format, problems);
  try {
    problems.throwIfAny();
    return { records, problems: [] };
  } catch (error) {
    return { records, problems: [...(error as KnowledgeException).problems] };
  }
}

describe(parseFaqFile.name, () => {
  it('reads JSONL question/answer pairs, answers only, question lists and `text` as the answer', () => {
    const sut = parse(
      [
        '{"id":"q1","question":"车险怎么报案","answer":"请拨打400-888-9955报案。"}',
        '',
        '{"id":7,"questions":["退保 怎么办","怎么退保"],"question":"退保流程","text":"可在App申请退保。","category":"保全"}',
        '{"answer":"只有答案的条目。"}',
      ].join('\n'),
      'jsonl',
    );

    expect(sut.problems).toEqual([]);
    expect(sut.records).toEqual([
      { id: 'q1', questions: ['车险怎么报案'], answer: '请拨打400-888-9955报案。', line: 1 },
      { id: '7', questions: ['退保流程', '退保 怎么办', '怎么退保'], answer: '可在App申请退保。', line: 3 },
      {
        id: expect.stringMatching(/^h[0-9a-f]{12}$/) as string,
        questions: [],
        answer: '只有答案的条目。',
        line: 4,
      },
    ]);
  });

  it('gives an answer-only record the same id on every import', () => {
    const once = parse('{"answer":"同一个答案"}', 'jsonl').records[0].id;

    expect(parse('\n{"answer":"同一个答案"}', 'jsonl').records[0].id).toBe(once);
  });

  it('reads CSV with English or Chinese headers, several question columns and quoted answers', () => {
    const sut = parse(
      '编号,标准问,相似问,标准答案,分类\r\n1,理赔要多久,lp多久到账,"核定后10日内支付,\n以条款为准",理赔\r\n2,,,只有答案,其他\r\n',
      'csv',
    );

    expect(sut.problems).toEqual([]);
    expect(sut.records).toEqual([
      { id: '1', questions: ['理赔要多久', 'lp多久到账'], answer: '核定后10日内支付,\n以条款为准', line: 2 },
      { id: '2', questions: [], answer: '只有答案', line: 4 },
    ]);
  });

  it('reports every problem with its line and field, and keeps no bad record', () => {
    const sut = parse(
      [
        '{"id":"a","question":"好问题","answer":"好答案"}',
        '{"id":"b","question":"没有答案"}',
        'not json',
        '[1,2]',
        '{"id":"a","answer":"重复的编号"}',
        '{"id":"bad id!","answer":"x"}',
        '{"id":"c","answer":"控制字符\\u0000"}',
        '{"id":"d","questions":"不是列表","answer":"x"}',
        '{"id":"e","answer":"   "}',
      ].join('\n'),
      'jsonl',
    );

    expect(sut.problems).toEqual([
      'in/faq.jsonl:3 is not valid JSON',
      'in/faq.jsonl:4 must be a JSON object',
      'in/faq.jsonl:8 questions: must be a list of strings',
      'in/faq.jsonl:2 answer: is required',
      'in/faq.jsonl:5 id: duplicate id "a" (also line 1)',
      'in/faq.jsonl:6 id: must be 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit',
      'in/faq.jsonl:7 answer: contains control characters',
      'in/faq.jsonl:9 answer: must not be empty',
    ]);
    expect(sut.records.map((r) => r.id)).toEqual(['a']);
  });

  it('refuses a CSV without exactly one answer column, an unclosed quote and rows wider than the header', () => {
    expect(parse('question,remark\n问题,备注\n', 'csv').problems).toEqual([
      'in/faq.csv:1 header must name exactly one answer column (answer|text|答案|标准答案|答复), got "question,remark"',
    ]);
    expect(parse('question,answer\n"问题,答案\n', 'csv').problems).toEqual([
      'in/faq.csv:2 quoted field is never closed',
    ]);
    expect(parse('question,answer\n问题,答案,多余\n', 'csv').problems).toEqual([
      'in/faq.csv:2 has 3 fields; the header has 2',
    ]);
  });

  it('refuses an empty file', () => {
    expect(parse('\n\n', 'jsonl').problems).toEqual(['in/faq.jsonl has no records']);
    expect(parse('question,answer\n', 'csv').problems).toEqual(['in/faq.csv has no records']);
  });
});
