import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig, createLogger } from '@anxin/common';
import { embeddedTarget, REPO_ROOT, testConfig } from '@anxin/testing';
import { createServerApp } from '../../apps/server/src/bootstrap';

/** The server refuses to start on broken rules; it never serves half-loaded knowledge. */
describe('server boot', () => {
  function knowledgeWith(path: string, edit: (text: string) => string): string {
    const dir = mkdtempSync(join(tmpdir(), 'anxin-kb-'));
    cpSync(join(REPO_ROOT, 'knowledge'), dir, { recursive: true });
    const before = readFileSync(join(dir, path), 'utf8');
    const after = edit(before);
    if (after === before) throw new Error(`the edit of ${path} changed nothing`);
    writeFileSync(join(dir, path), after);
    return dir;
  }
  function brokenKnowledge(): string {
    return knowledgeWith(
      'scripts/claims/claims-motor-documents.md',
      () =>
        '---\nid: claims-motor-documents\ntitle: 车险理赔所需材料\nstage: claims\nintents: [claim_documents]\nversion: 1\neffectiveDate: 2026-01-01\n---\n正文\n',
    );
  }
  const boot = (knowledgeDir: string): Promise<unknown> =>
    createServerApp({
      config: new AppConfig({
        ...testConfig({ KNOWLEDGE_DIR: knowledgeDir }),
        database: embeddedTarget().config,
      }),
      logger: createLogger('silent'),
      database: embeddedTarget().options,
    });

  it.each([
    [
      'a behaviour check with a regex that does not compile',
      'standards/behaviour.yaml',
      (text: string) => text.replace(/patterns:\n(\s+)- /, 'patterns:\n$1- "(未闭合" \n$1- '),
      /standards\/behaviour\.yaml:\d+ checks\[\d+\]\.detectors\[\d+\]\.patterns\[0\]/,
    ],
    [
      'an SLA entry without its basis',
      'sla.yaml',
      (text: string) => text.replace(/\n(\s+)basis: [^\n]*/, ''),
      /sla\.yaml:\d+ entries\[\d+\]\.basis: is required/,
    ],
    [
      'a PII pattern that misses its own example',
      'lexicon/pii-patterns.yaml',
      (text: string) => text.replace('AX[a-z]{2}\\d{12}', 'AX[a-z]{2}\\d{11}'),
      /pii-patterns\.yaml:\d+ entries\[\d+\]/,
    ],
  ])('does not start with %s, and names the file, line and field', async (_case, path, edit, message) => {
    await expect(boot(knowledgeWith(path, edit))).rejects.toThrow(message);
  });

  it('does not start when a script is broken, and names the file and the field', async () => {
    const config = new AppConfig({
      ...testConfig({ KNOWLEDGE_DIR: brokenKnowledge() }),
      database: embeddedTarget().config,
    });
    const boot = createServerApp({
      config,
      logger: createLogger('silent'),
      database: embeddedTarget().options,
    });
    await expect(boot).rejects.toThrow(/claims-motor-documents\.md.*questions/);
  });

  it('does not start without a knowledge folder', async () => {
    const config = new AppConfig({
      ...testConfig({ KNOWLEDGE_DIR: '/nonexistent/knowledge' }),
      database: embeddedTarget().config,
    });
    await expect(
      createServerApp({ config, logger: createLogger('silent'), database: embeddedTarget().options }),
    ).rejects.toMatchObject({
      code: 'KNOWLEDGE.NOT_LOADED',
    });
  });
});
