/// <reference lib="dom" />
// page.evaluate() callbacks run in the browser.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { embeddedTarget, REPO_ROOT } from '@anxin/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

interface Transcript {
  id: string;
  channel: string;
  messages: { role: string; t: number; text: string; agentId?: string }[];
  events?: { t: number; type: string }[];
}

/** A labelled fixture without its labels: the documented import format. */
function fixture(file: string, id: string, agentId?: string): Transcript {
  const raw = JSON.parse(
    readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'qa', file), 'utf8'),
  ) as Transcript & {
    labels?: unknown;
  };
  const { labels: _labels, ...transcript } = raw;
  return {
    ...transcript,
    id,
    messages: agentId
      ? transcript.messages.map((m) => (m.agentId ? { ...m, agentId } : m))
      : transcript.messages,
  };
}

// qa-58: the agent asks for the login password at message 5 — CS-16 secret_request, a rule-detected
// red line (no LLM needed). qa-01: a clean bot conversation that passes.
const FAILING = fixture('58-agent-asks-login-password.json', 'call/2026-11-25/0058');
const PASSING = fixture('01-bot-ci-waiting-period.json', 'web-0001');
const RED_LINE_INDEX = 5;
const RED_LINE_EVIDENCE = '密码告诉我';
// A call where the agent sells medical cover to a customer with high blood pressure without the 如实告知
// reminder: CS-11 truthful_reminder, a major finding of a red-line check (a red line, not a veto).
const GATED: Transcript = {
  id: 'call/2026-11-26/0011',
  channel: 'phone',
  messages: [
    {
      role: 'agent',
      t: 0,
      text: '您好，安心保险客服，工号1031为您服务，请问有什么可以帮您？',
      agentId: 'A2001',
    },
    { role: 'customer', t: 8, text: '我有高血压，想买一份医疗险可以吗？' },
    {
      role: 'agent',
      t: 20,
      text: '可以的，我们的百万医疗险保障全面，您可以在App上直接投保。',
      agentId: 'A2001',
    },
    { role: 'customer', t: 40, text: '好的，谢谢。' },
    { role: 'agent', t: 50, text: '请问还有其他需要帮助的吗？感谢您的来电，再见。', agentId: 'A2001' },
  ],
  events: [],
};

/**
 * The QA console at /console/, driven in Debian's headless Chromium at 1280×800: a reviewer
 * finds the failing transcript, sees its red line on the message, overturns it, and the KPIs move.
 */
describe('QA console in headless Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let qaToken: string;

  async function importTranscripts(transcripts: Transcript[]): Promise<{ id: string; passed: boolean }[]> {
    const res = await fetch(`${app.url}/api/qa/transcripts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${qaToken}` },
      body: JSON.stringify(transcripts),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { results: { id: string; passed: boolean }[] }).results;
  }

  beforeAll(async () => {
    app = await startTestApp(embeddedTarget(), { CONSOLE_ROOT: join(REPO_ROOT, 'apps', 'console', 'qa') });
    browser = await launchChromium();
    qaToken = await app.login('qa', 'anxin-demo-qa');
    const results = await importTranscripts([FAILING, PASSING]);
    expect(results.map((r) => [r.id, r.passed])).toEqual([
      [FAILING.id, false],
      [PASSING.id, true],
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** A fresh browser context (own sessionStorage) with page errors collected. */
  async function openConsole(
    width = 1280,
    height = 800,
  ): Promise<{ page: Page; context: BrowserContext; errors: string[] }> {
    const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${app.url}/console/`);
    await page.locator('#login-form').waitFor();
    return { page, context, errors };
  }

  async function signIn(page: Page, username: string, password: string): Promise<void> {
    await page.fill('#login-username', username);
    await page.fill('#login-password', password);
    await page.click('#login-button');
  }

  /** The KPI tiles' raw values (data-value) and texts, read from the dashboard. */
  async function readKpis(page: Page): Promise<{ redLines: number; passRate: number; passRateText: string }> {
    await page.goto(`${app.url}/console/#/kpi`);
    const passRate = page.locator('[data-kpi="qa.passRate"]');
    await passRate.waitFor();
    const redLines = page.locator('[data-kpi="qa.redLineTotal"]');
    return {
      redLines: Number(await redLines.getAttribute('data-value')),
      passRate: Number(await passRate.getAttribute('data-value')),
      passRateText: (await passRate.textContent()) ?? '',
    };
  }

  describe('serving', () => {
    it('serves the console at /console/, redirects /console, and serves Chart.js from node_modules', async () => {
      const redirect = await fetch(`${app.url}/console`, { redirect: 'manual' });
      expect(redirect.status).toBe(301);
      expect(redirect.headers.get('location')).toBe('/console/');

      const html = await fetch(`${app.url}/console/`);
      expect(html.status).toBe(200);
      expect(html.headers.get('content-type')).toMatch(/text\/html/);
      expect(await html.text()).toContain('质检工作台');

      const chart = await fetch(`${app.url}/console/vendor/chart.umd.js`);
      expect(chart.status).toBe(200);
      expect(chart.headers.get('content-type')).toMatch(/javascript/);
      expect(await chart.text()).toContain('Chart');

      const widget = await fetch(`${app.url}/`);
      expect(await widget.text()).toContain('安心保险 在线客服');
    });
  });

  it('shows the server message for a wrong password and stays on the login page', async () => {
    const { page, context, errors } = await openConsole();
    await signIn(page, 'qa', 'not-the-password');
    await page.locator('#login-error').filter({ hasText: '用户名或密码错误' }).waitFor();
    expect(await page.evaluate(() => window.location.hash)).not.toContain('/list');
    expect(await page.locator('#nav').isHidden()).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('finds the failing transcript, shows its red line, and an overturn changes the reviewed score and KPIs', async () => {
    const { page, context, errors } = await openConsole();
    await signIn(page, 'qa', 'anxin-demo-qa');
    await page.locator('#user-name').filter({ hasText: '王静' }).waitFor();

    // The list filtered by 未通过: the failing transcript and not the passing one.
    await page.locator(`.qa-row[data-ref="${PASSING.id}"]`).waitFor();
    await page.check('#f-failed');
    await page.click('#filter-submit');
    await page.waitForFunction(() => window.location.hash.includes('failed=true'));
    const failingRow = page.locator(`.qa-row[data-ref="${FAILING.id}"]`);
    await failingRow.waitFor();
    expect(await failingRow.getAttribute('data-passed')).toBe('false');
    expect(await page.locator(`.qa-row[data-ref="${PASSING.id}"]`).count()).toBe(0);
    expect(await failingRow.textContent()).toContain('红线');

    // The transcript: the red-line finding on its message, the evidence marked in the text.
    await failingRow.locator('a').click();
    const message = page.locator(`.qa-msg[data-index="${RED_LINE_INDEX}"]`);
    const finding = message.locator('.finding[data-check="CS-16"]');
    await finding.waitFor();
    expect(await finding.getAttribute('data-red-line')).toBe('true');
    expect(await finding.getAttribute('data-severity')).toBe('critical');
    expect(await message.locator('mark.evidence').textContent()).toBe(RED_LINE_EVIDENCE);
    expect(await page.locator('#automatic-score').getAttribute('data-passed')).toBe('false');
    expect(await page.locator('#reviewed-score').count()).toBe(0);
    const transcriptHash = await page.evaluate(() => window.location.hash);

    // The KPIs before the review.
    const before = await readKpis(page);
    expect(before.redLines).toBeGreaterThanOrEqual(1);
    expect(before.passRateText).toMatch(/^\d+(\.\d)?%$/);

    // Overturn: the reason is required, then the reviewed score passes.
    await page.goto(`${app.url}/console/${transcriptHash}`);
    await finding.waitFor();
    await finding.locator('.action-overturn').click();
    await finding.locator('.overturn-form button[type="submit"]').click();
    await finding.locator('.form-error').filter({ hasText: '推翻理由' }).waitFor();
    await finding
      .locator('textarea')
      .fill('客户未提供密码，且坐席随即引导自助重置；经复核为口误，不构成索要。');
    await finding.locator('.overturn-form button[type="submit"]').click();
    await page.locator('#reviewed-score[data-passed="true"]').waitFor();
    expect(await page.locator('.finding[data-check="CS-16"]').getAttribute('data-verdict')).toBe(
      'overturned',
    );
    expect(await page.locator('#automatic-score').getAttribute('data-passed')).toBe('false');
    expect(await page.locator('#actions').textContent()).toContain('推翻发现');

    // The KPIs after: one red line fewer, a higher pass rate.
    const after = await readKpis(page);
    expect(after.redLines).toBe(before.redLines - 1);
    expect(after.passRate).toBeGreaterThan(before.passRate);

    // Calibration counts the overturn against CS-16.
    await page.goto(`${app.url}/console/#/checks`);
    const row = page.locator('#check-stats tr[data-check="CS-16"]');
    await row.waitFor();
    expect(await row.locator('td').nth(1).textContent()).toBe('1');

    // The list shows the reviewed result beside the automatic one.
    await page.goto(`${app.url}/console/#/list`);
    await page.locator(`.qa-row[data-ref="${FAILING.id}"][data-reviewed-passed="true"]`).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('counts a CS-11 major red line alike on the KPI tile, the 含红线 list and the transcript', async () => {
    const { page, context, errors } = await openConsole();
    await signIn(page, 'qa', 'anxin-demo-qa');
    await page.locator('#user-name').filter({ hasText: '王静' }).waitFor();
    const before = await readKpis(page);

    await importTranscripts([GATED]);

    await page.goto(`${app.url}/console/#/list?redLine=true`);
    const row = page.locator(`.qa-row[data-ref="${GATED.id}"]`);
    await row.waitFor();
    expect(await row.locator('.result-auto .badge-red').textContent()).toBe('红线 ×1');

    await row.locator('a').click();
    const finding = page.locator('.qa-msg[data-index="2"] .finding[data-check="CS-11"]');
    await finding.waitFor();
    expect(await finding.getAttribute('data-red-line')).toBe('true');
    expect(await finding.getAttribute('data-severity')).toBe('major');
    expect(await finding.locator('.badge-red').textContent()).toBe('红线');
    expect(await finding.textContent()).not.toContain('一票否决');
    expect(await page.locator('.qa-msg[data-index="2"]').getAttribute('class')).toContain('has-red-line');
    expect(await page.locator('#automatic-score .badge-red').textContent()).toBe('红线 ×1');

    // The dashboard counts it too (imports belong to the day they were scored: today).
    expect((await readKpis(page)).redLines).toBe(before.redLines + 1);
    // 转人工: answered ÷ requested, with the answered and ticketed counts.
    const honoured = page.locator('.tile', {
      has: page.locator('[data-kpi="explicitHandoff.honouredRate"]'),
    });
    expect(await honoured.locator('.tile-label').textContent()).toBe('人工应答率');
    expect(await honoured.locator('.tile-sub').textContent()).toMatch(
      /^请求 \d+ · 人工应答 \d+ · 转回电工单 \d+$/,
    );
    expect(await page.locator('#kpi-group-table thead').textContent()).toContain('人工应答率');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('gives an agent only their own transcripts and disputes; the KPI page answers 403 with its message', async () => {
    await importTranscripts([fixture('58-agent-asks-login-password.json', 'call-agent1-0001', 'agent1')]);
    const { page, context, errors } = await openConsole(390, 800);
    await signIn(page, 'agent1', 'anxin-demo-agent1');
    // An agent lands on the desk; 我的质检 is one click away.
    await page.locator('#nav a[href="#/list"]').click();
    await page.locator('.qa-row[data-ref="call-agent1-0001"]').waitFor();
    expect(await page.locator('.qa-row').count()).toBe(1);
    expect(await page.locator('#nav a').allTextContents()).toEqual(['坐席工作台', '我的质检']);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    // Their finding: dispute only (no confirm/overturn, no reviewer tools).
    await page.locator('.qa-row[data-ref="call-agent1-0001"] a').click();
    const finding = page.locator(`.qa-msg[data-index="${RED_LINE_INDEX}"] .finding[data-check="CS-16"]`);
    await finding.waitFor();
    expect(await finding.locator('.action-overturn, .action-confirm').count()).toBe(0);
    expect(await page.locator('#review-tools').count()).toBe(0);
    await finding.locator('.action-dispute').click();
    await finding.locator('textarea').fill('我只是请客户自行在登录页重置，并未要求客户告知密码。');
    await finding.locator('.dispute-form button[type="submit"]').click();
    await page
      .locator('.finding[data-check="CS-16"] .disputes')
      .filter({ hasText: '并未要求客户告知密码' })
      .waitFor();

    // The KPI page is not theirs: the server's 403 message is shown.
    await page.goto(`${app.url}/console/#/kpi`);
    await page.locator('#page-error').filter({ hasText: '无权' }).waitFor();
    expect(await page.locator('[data-kpi="qa.passRate"]').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
