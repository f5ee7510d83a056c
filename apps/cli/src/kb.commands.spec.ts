import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '@anxin/testing';
import { KnowledgeException } from '@anxin/knowledge';
import { runKbCommand, UsageError } from './kb.commands';

const FIXTURE = join(REPO_ROOT, 'libs/knowledge/src/loading/__fixtures__/good');

describe(runKbCommand.name, () => {
  let work: string;
  let dir: string;
  const run = (...args: string[]): Promise<string> =>
    runKbCommand(args, { knowledgeDir: dir, now: () => new Date('2026-11-25T08:00:00Z') });

  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'anxin-kb-cli-'));
    dir = join(work, 'knowledge');
    cpSync(FIXTURE, dir, { recursive: true });
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it('validate summarises what loaded', async () => {
    const sut = await run('validate');

    expect(sut).toContain(`knowledge OK: ${dir}`);
    expect(sut).toContain(
      'scripts: 4 (presale 1, insale 0, aftersale 0, claims 2, renewal 0, complaint 0, general 1)',
    );
    expect(sut).toContain('imported sources: none');
  });

  it('validate throws the precise problems of a broken folder', async () => {
    writeFileSync(join(dir, 'scripts/claims/claims-progress.md'), '---\nid: claims-progress\n---\n');

    await expect(run('validate')).rejects.toThrow(KnowledgeException);
    await expect(run('validate')).rejects.toThrow(
      'knowledge/scripts/claims/claims-progress.md:2 title: is required',
    );
  });

  it('list filters by stage and prints JSON on request', async () => {
    expect((await run('list', '--stage', 'claims')).split('\n')).toHaveLength(2);
    const json = (await run('list', '--json')).split('\n').map((line) => JSON.parse(line) as { id: string });
    expect(json.map((s) => s.id)).toContain('general-greeting');
  });

  it('search prints ranked hits with confidence, score, id, version and the matched question', async () => {
    const sut = await run('search', 'lp进度咋查');

    expect(sut.split('\n')[0]).toBe('「lp进度咋查」');
    expect(sut).toMatch(/^1\. \d\.\d\d {2}\(score [\d.]+\) {2}claims-progress v\d+ \[claims\]/m);
    expect(sut).toContain('matched: lp进度怎么查');
  });

  it('import adds a source that list and search then show', async () => {
    const csv = join(work, 'faq.csv');
    writeFileSync(csv, 'id,question,answer\nf1,发票怎么开,电子发票可在App下载。\n');

    expect(
      await run('import', '--format', 'csv', csv, '--source', 'old-faq', '--stage', 'aftersale'),
    ).toMatch(/^imported 1 entries into sources\/old-faq \(version 1, stage aftersale\)/);
    expect(await run('list', '--source', 'old-faq')).toMatch(/^old-faq:f1 +v1 +aftersale +发票怎么开$/);
    expect(await run('search', '发票怎么开')).toContain('old-faq:f1 v1 [aftersale]');
  });

  it('eval prints one JSON line of recall, MRR and latency', async () => {
    const answers = join(work, 'answers.jsonl');
    const questions = join(work, 'questions.jsonl');
    writeFileSync(
      answers,
      [
        '{"id":"a1","text":"车险报案请拨打热线，保护好现场并拍照。"}',
        '{"id":"a2","text":"重疾险等待期一般为九十天，以条款为准。"}',
        '{"id":"a3","text":"退保可在犹豫期内全额退还保费。"}',
      ].join('\n'),
    );
    writeFileSync(
      questions,
      [
        '{"id":"q1","question":"车险怎么报案","gold_answer_ids":["a1"]}',
        '{"id":"q2","question":"重疾险等待期多久","gold_answer_ids":["a2"]}',
        '{"id":"q3","question":"犹豫期退保退多少","gold_answer_ids":["a1"]}',
      ].join('\n'),
    );

    const sut = JSON.parse(
      await run('eval', '--questions', questions, '--answers', answers, '--k', '3'),
    ) as Record<string, number>;

    expect(Object.keys(sut)).toEqual(['n', 'recall@1', 'recall@5', 'mrr@3', 'p50_ms', 'p99_ms']);
    expect(sut).toMatchObject({ n: 3, 'recall@1': 0.6667 });
    expect(sut['mrr@3']).toBeLessThan(1);
    expect(sut.p99_ms).toBeGreaterThanOrEqual(sut.p50_ms);
  });

  it.each([
    [[], 'no command given'],
    [['frobnicate'], 'unknown command "frobnicate"'],
    [['search'], 'search needs a question'],
    [['search', 'x', '--k', '0'], '--k must be an integer from 1 to 9999'],
    [['import', 'faq.csv', '--format', 'csv'], 'import needs --source <name>'],
    [['import', 'faq.csv', '--source', 'x', '--format', 'xml'], '--format must be jsonl or csv'],
    [['list', '--stage', 'nowhere'], '--stage must be one of'],
    [['eval', '--questions', 'q.jsonl'], 'eval needs --questions <file> and --answers <file>'],
    [['validate', '--bogus'], "Unknown option '--bogus'"],
  ])('refuses %j with a usage error', async (args, message) => {
    const error = await run(...args).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toContain(message);
  });
});
