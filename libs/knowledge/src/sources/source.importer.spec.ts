import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KnowledgeBase } from '../knowledge-base.engine';
import { KnowledgeException } from '../knowledge.exception';
import { fixtureCopy, removeFixtureCopies } from '../loading/__fixtures__/fixture-dir.helper';
import { importFaqSource, type ImportRequest } from './source.importer';

const NOW = new Date('2026-11-25T08:00:00.000Z');

function request(dir: string, file: string, overrides: Partial<ImportRequest> = {}): ImportRequest {
  return {
    knowledgeDir: dir,
    file,
    format: 'jsonl',
    name: 'legacy-faq',
    stage: 'aftersale',
    replace: false,
    now: NOW,
    ...overrides,
  };
}

function writeInput(dir: string, name: string, lines: string[]): string {
  const file = join(dir, '..', name);
  writeFileSync(file, lines.join('\n'));
  return file;
}

describe(importFaqSource.name, () => {
  afterAll(removeFixtureCopies);

  it('writes the source, which then loads and is found by search with its own id and version', async () => {
    const dir = fixtureCopy();
    const file = writeInput(dir, 'faq.jsonl', [
      '{"id":"k1","question":"保单贷款利率是多少","answer":"保单贷款利率以合同约定和公司公布为准。"}',
      '{"id":"k2","answer":"红利分配以实际经营结果为准，不保证。"}',
    ]);

    const sut = await importFaqSource(request(dir, file, { title: '旧版FAQ' }));

    expect(sut).toMatchObject({
      path: 'sources/legacy-faq',
      manifest: { name: 'legacy-faq', title: '旧版FAQ', stage: 'aftersale', version: 1, entries: 2 },
    });
    expect(sut.manifest.origin).toMatchObject({ file: 'faq.jsonl', format: 'jsonl' });
    const kb = await KnowledgeBase.load(dir);
    expect(kb.getScript('legacy-faq:k1')).toMatchObject({
      source: 'legacy-faq',
      title: '保单贷款利率是多少',
      stage: 'aftersale',
      version: 1,
      effectiveDate: '2026-11-25',
      sourcePath: 'sources/legacy-faq/entries.jsonl:1',
    });
    expect(kb.search('保单贷款的利率')[0].script.id).toBe('legacy-faq:k1');
  });

  it('refuses to overwrite a source unless asked, and then raises its version', async () => {
    const dir = fixtureCopy();
    const file = writeInput(dir, 'faq.jsonl', ['{"id":"k1","answer":"第一版答案"}']);
    await importFaqSource(request(dir, file));

    await expect(importFaqSource(request(dir, file))).rejects.toThrow(
      'Source "legacy-faq" exists (version 1); pass --replace to replace it',
    );
    writeFileSync(file, '{"id":"k1","answer":"第二版答案"}\n{"id":"k2","answer":"新增答案"}');
    const sut = await importFaqSource(request(dir, file, { replace: true }));

    expect(sut.manifest).toMatchObject({ version: 2, entries: 2 });
    const kb = await KnowledgeBase.load(dir);
    expect(kb.getScript('legacy-faq:k1')).toMatchObject({ body: '第二版答案', version: 2 });
    expect(readdirSync(join(dir, 'sources'))).toEqual(['legacy-faq']);
  });

  it('imports nothing from a file with any bad record, and lists every problem', async () => {
    const dir = fixtureCopy();
    const file = writeInput(dir, 'broken.jsonl', ['{"id":"ok","answer":"好的"}', '{"id":"x"}', '{oops']);

    const error = await importFaqSource(request(dir, file)).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(KnowledgeException);
    expect((error as KnowledgeException).problems).toEqual([
      expect.stringMatching(/broken\.jsonl:3 is not valid JSON$/) as string,
      expect.stringMatching(/broken\.jsonl:2 answer: is required$/) as string,
    ]);
    expect(existsSync(join(dir, 'sources'))).toBe(false);
  });

  it('refuses a source name that is not kebab-case and a file that does not exist', async () => {
    const dir = fixtureCopy();

    await expect(importFaqSource(request(dir, '/nonexistent.jsonl'))).rejects.toThrow(
      'Cannot read /nonexistent.jsonl: ENOENT',
    );
    await expect(importFaqSource(request(dir, '/x.jsonl', { name: '../escape' }))).rejects.toThrow(
      'source "../escape" must be kebab-case',
    );
  });
});

describe('loading imported sources', () => {
  afterAll(removeFixtureCopies);

  it('stops the load on a hand-edited source that no longer matches its manifest', async () => {
    const dir = fixtureCopy();
    const file = writeInput(dir, 'faq.jsonl', [
      '{"id":"k1","answer":"答案一"}',
      '{"id":"k2","answer":"答案二"}',
    ]);
    await importFaqSource(request(dir, file));
    const entries = join(dir, 'sources', 'legacy-faq', 'entries.jsonl');
    writeFileSync(entries, readFileSync(entries, 'utf8').split('\n')[0]);

    await expect(KnowledgeBase.load(dir)).rejects.toMatchObject({
      problems: [
        expect.stringMatching(
          /sources\/legacy-faq\/source\.yaml:\d+ entries: says 2 but entries\.jsonl holds 1$/,
        ),
      ],
    });
  });

  it('names a missing file and a broken manifest field', async () => {
    const dir = fixtureCopy({
      'sources/alpha/source.yaml':
        'name: alpha\nstage: nowhere\nversion: 1\nimportedAt: 2026-11-25T08:00:00.000Z\norigin: {file: a.csv, format: csv, sha256: x}\nentries: 0\n',
      'sources/alpha/entries.jsonl': '',
      'sources/beta/source.yaml': 'name: beta\n',
    });

    const error = (await KnowledgeBase.load(dir).catch((e: unknown) => e)) as KnowledgeException;

    expect(error.problems).toEqual(
      expect.arrayContaining([
        'knowledge/sources/alpha/source.yaml:2 stage: must be one of presale|insale|aftersale|claims|renewal|complaint|general',
        'knowledge/sources/alpha/source.yaml:5 origin.sha256: must be a sha256 hex digest',
        'knowledge/sources/beta/entries.jsonl file is missing',
      ]),
    );
  });
});
