import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '@anxin/testing';
import { UsageError } from './kb.commands';
import { runQaCommand } from './qa.commands';

const call = (id: string, agentLine: string) => ({
  id,
  channel: 'phone',
  messages: [
    { role: 'agent', t: 0, text: '您好，安心保险客服，工号1024为您服务。', agentId: 'A1024' },
    { role: 'customer', t: 5, text: '我的理赔怎么还没到账？' },
    { role: 'agent', t: 12, text: agentLine, agentId: 'A1024' },
  ],
  events: [],
});

describe(runQaCommand.name, () => {
  let work: string;
  const run = (...args: string[]) =>
    runQaCommand(args, { knowledgeDir: join(REPO_ROOT, 'knowledge'), judge: null });
  const file = (name: string, text: string): string => {
    const path = join(work, name);
    writeFileSync(path, text);
    return path;
  };

  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'anxin-qa-cli-'));
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it('prints one JSON result per transcript of a JSON array, in order', async () => {
    const path = file(
      'calls.json',
      JSON.stringify([call('a', '这不归我管。'), call('b', '我马上为您查询。')]),
    );

    const sut = await run('score', path);

    const lines = sut.output.split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => line.id)).toEqual(['a', 'b']);
    expect(lines[0].findings).toEqual(
      expect.arrayContaining([expect.objectContaining({ check: 'CS-07', messageIndex: 2 })]),
    );
    expect(lines[1].findings).not.toEqual(
      expect.arrayContaining([expect.objectContaining({ check: 'CS-07' })]),
    );
    expect(sut.exitCode).toBe(0);
  });

  it('reads JSON lines and reports a malformed transcript without stopping the others', async () => {
    const path = file(
      'calls.jsonl',
      `${JSON.stringify(call('a', '好的。'))}\n\n${JSON.stringify({ id: 'b', channel: 'phone', messages: [] })}\n`,
    );

    const sut = await run('score', path);

    const [ok, bad] = sut.output.split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(ok).toMatchObject({ id: 'a', score: expect.any(Number) });
    expect(bad).toMatchObject({ index: 1, id: 'b', error: { code: 'QA.INVALID_TRANSCRIPT' } });
    expect(sut.exitCode).toBe(1);
  });

  it.each([
    [[], 'no command given'],
    [['grade', 'x.json'], 'unknown command "grade"'],
    [['score'], 'score needs exactly one file'],
    [['score', '/nonexistent/calls.json'], 'cannot read /nonexistent/calls.json: ENOENT'],
  ])('refuses %j with a usage error', async (args, message) => {
    await expect(run(...args)).rejects.toThrow(new UsageError(message));
  });

  it('names the line of a JSON-lines file that is not JSON', async () => {
    const path = file('calls.jsonl', `${JSON.stringify(call('a', '好的。'))}\n{oops\n`);
    await expect(run('score', path)).rejects.toThrow(`${path}:2 is not JSON`);
  });
});
