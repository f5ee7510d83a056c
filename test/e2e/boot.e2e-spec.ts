import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig, createLogger } from '@anxin/common';
import { embeddedTarget, REPO_ROOT, testConfig } from '@anxin/testing';
import { createServerApp } from '../../apps/server/src/bootstrap';

/** The server refuses to start on broken rules; it never serves half-loaded knowledge. */
describe('server boot', () => {
  function brokenKnowledge(): string {
    const dir = mkdtempSync(join(tmpdir(), 'anxin-kb-'));
    cpSync(join(REPO_ROOT, 'knowledge'), dir, { recursive: true });
    writeFileSync(
      join(dir, 'scripts', 'claims', 'claims-motor-documents.md'),
      '---\nid: claims-motor-documents\ntitle: 车险理赔所需材料\nstage: claims\nintents: [claim_documents]\nversion: 1\neffectiveDate: 2026-01-01\n---\n正文\n',
    );
    return dir;
  }

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
