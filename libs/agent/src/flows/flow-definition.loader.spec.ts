import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '@anxin/testing';
import { FlowDefinitions, REQUIRED_FLOWS } from './flow-definition.loader';

function copyOfKnowledge(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'anxin-flows-')), 'knowledge');
  cpSync(join(REPO_ROOT, 'knowledge', 'flows'), join(dir, 'flows'), { recursive: true });
  return dir;
}

describe(FlowDefinitions.name, () => {
  it('loads the shipped flows and finds the flow a message asks for', async () => {
    const sut = await FlowDefinitions.load(join(REPO_ROOT, 'knowledge'));
    for (const id of REQUIRED_FLOWS) expect(sut.get(id).id).toBe(id);
    expect(sut.triggeredBy('你好，我要报案')?.id).toBe('claim-report');
    expect(sut.triggeredBy('帮我查一下理赔进度')?.id).toBe('claim-status');
    expect(sut.triggeredBy('重疾险等待期多久')).toBeNull();
  });

  it('names file, line and field of every problem, all at once', async () => {
    const dir = copyOfKnowledge();
    const file = join(dir, 'flows', 'claim-report.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8')
        .replace('kind: datetime', 'kind: when')
        .replace(/\n {2}done: \|-[\s\S]*?\n {2}refused_policy_not_found/, '\n  refused_policy_not_found'),
    );
    const error = (await FlowDefinitions.load(dir).catch((e: unknown) => e)) as { problems: string[] };
    expect(error.problems).toEqual([
      expect.stringMatching(/^knowledge\/flows\/claim-report\.yaml:\d+ slots\[2\]\.kind: /),
    ]);
  });

  it('reports missing messages and a missing required flow', async () => {
    const dir = copyOfKnowledge();
    const file = join(dir, 'flows', 'claim-status.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\n {2}none: .*/, ''));
    const lookup = join(dir, 'flows', 'policy-lookup.yaml');
    writeFileSync(
      join(dir, 'flows', 'policy-list.yaml'),
      readFileSync(lookup, 'utf8').replace('id: policy-lookup', 'id: policy-lists'),
    );
    rmSync(lookup);
    const error = (await FlowDefinitions.load(dir).catch((e: unknown) => e)) as { problems: string[] };
    expect(error.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/claim-status\.yaml:\d+ messages: none is required/),
        expect.stringMatching(/policy-list\.yaml:\d+ id: must match the file name/),
        'knowledge/flows/policy-lookup.yaml is required',
      ]),
    );
  });
});
