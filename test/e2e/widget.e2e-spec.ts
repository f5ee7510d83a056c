/// <reference lib="dom" />
// page.evaluate() callbacks run in the browser.
import { KnowledgeService } from '@anxin/knowledge';
import { embeddedTarget } from '@anxin/testing';
import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { launchChromium } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

const QUESTION = '车险理赔需要准备哪些材料?';

/** The customer widget at `/`, driven in Debian's headless Chromium on a phone-sized screen. */
describe('customer chat widget in headless Chromium', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startTestApp(embeddedTarget());
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function phonePage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'zh-CN' });
    return context.newPage();
  }

  it('greets, answers a question with the cited script, and survives a reload', async () => {
    const page = await phonePage();
    await page.goto(app.url);
    const greeting = page.locator('.msg[data-role="bot"]').first();
    await greeting.waitFor();
    expect(await greeting.textContent()).toContain('AI');
    await page.locator('#status').filter({ hasText: '已连接' }).waitFor();

    await page.fill('#composer-input', QUESTION);
    await page.click('#send-button');
    const citation = page.locator('.citation[data-script-id="claims-motor-documents"]');
    await citation.waitFor();
    expect(await page.locator('.msg[data-role="customer"]').last().textContent()).toContain(QUESTION);
    const before = await page
      .locator('.msg')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-seq')));
    expect(before).toEqual(['1', '2', '3']);

    const fitsPhone = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    expect(fitsPhone).toBe(true);

    await page.reload();
    await page.locator('.citation[data-script-id="claims-motor-documents"]').waitFor();
    const after = await page.locator('.msg').evaluateAll((els) => els.map((e) => e.getAttribute('data-seq')));
    expect(after).toEqual(before);
    await page.context().close();
  });

  it('offers quick replies under the latest bot message and sends the one tapped', async () => {
    // Strict thresholds put an ordinary question in the suggest band.
    const strict = await startTestApp(embeddedTarget(), {
      KB_ANSWER_MIN_CONFIDENCE: '0.99',
      KB_SUGGEST_MIN_CONFIDENCE: '0.05',
    });
    const page = await phonePage();
    try {
      await page.goto(strict.url);
      await page.locator('#status').filter({ hasText: '已连接' }).waitFor();
      await page.fill('#composer-input', '车险理赔要啥材料');
      await page.click('#send-button');
      const buttons = page.locator('.msg[data-role="bot"]').last().locator('.quick-reply');
      await buttons.first().waitFor();
      const titles = await buttons.allTextContents();
      expect(titles.length).toBeGreaterThanOrEqual(2);

      await buttons.first().click();
      await page.locator('.msg[data-role="customer"]', { hasText: titles[0] }).waitFor();
      // The tapped title is asked again; the offer under the older message is gone.
      await page.locator('.msg[data-role="bot"]').nth(2).waitFor();
      expect(await page.locator('.msg[data-role="bot"]').first().locator('.quick-reply').count()).toBe(0);
      expect(await page.locator('.msg[data-role="bot"]').nth(1).locator('.quick-reply').count()).toBe(0);
    } finally {
      await page.context().close();
      await strict.close();
    }
  });

  it('refuses an over-long message with a friendly note and sends nothing', async () => {
    const page = await phonePage();
    await page.goto(app.url);
    await page.locator('.msg[data-role="bot"]').first().waitFor();
    await page.fill('#composer-input', '保'.repeat(2001));
    await page.click('#send-button');
    await page.locator('#composer-error').filter({ hasText: /2000/ }).waitFor();
    expect(await page.locator('.msg[data-role="customer"]').count()).toBe(0);
    await page.context().close();
  });

  it('ends the chat, rates it 5 stars with a comment, shows the thanks and stores the rating', async () => {
    const phrases = app.app.get(KnowledgeService).current.phrases;
    const page = await phonePage();
    await page.goto(app.url);
    await page.locator('#status').filter({ hasText: '已连接' }).waitFor();
    await page.fill('#composer-input', QUESTION);
    await page.click('#send-button');
    await page.locator('.citation[data-script-id="claims-motor-documents"]').waitFor();

    await page.click('#end-button');
    const form = page.locator('#csat');
    await form
      .locator('#csat-prompt')
      .filter({ hasText: phrases.phrase('csat_invite') })
      .waitFor();
    const conversationId = await form.getAttribute('data-conversation-id');
    const stars = form.locator('.csat-star[role="radio"]');
    expect(await stars.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))).toEqual([
      '1星',
      '2星',
      '3星',
      '4星',
      '5星',
    ]);
    await page.click('#csat-submit'); // no star chosen yet: refused in the page
    await page.locator('#csat-error').filter({ hasText: '星级' }).waitFor();
    await page.click('.csat-star[aria-label="5星"]');
    expect(await stars.last().getAttribute('aria-checked')).toBe('true');
    await page.fill('#csat-comment', '回复很专业，谢谢！');
    expect(await page.locator('#csat-counter').textContent()).toBe('9/500');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    await page.click('#csat-submit');
    await page
      .locator('#csat-thanks')
      .filter({ hasText: phrases.phrase('csat_thanks') })
      .waitFor();
    expect(await page.locator('#csat-form').isVisible()).toBe(false);
    const rows = (await app.app
      .get(DataSource)
      .query(`SELECT csat, csat_comment FROM conversation WHERE id = $1`, [conversationId])) as unknown[];
    expect(rows).toEqual([{ csat: 5, csat_comment: '回复很专业，谢谢！' }]);
    expect(await page.evaluate(() => localStorage.getItem('anxin.csat.done'))).toContain(
      String(conversationId),
    );
    await page.context().close();
  });

  it('shows messages as text, never as markup', async () => {
    const page = await phonePage();
    await page.goto(app.url);
    await page.locator('.msg[data-role="bot"]').first().waitFor();
    await page.fill('#composer-input', '<img src=x onerror="document.body.dataset.pwned=1">你好');
    await page.click('#send-button');
    await page.locator('.msg[data-role="customer"][data-seq="2"]').waitFor();
    expect(await page.locator('.msg img').count()).toBe(0);
    expect(await page.evaluate(() => document.body.dataset.pwned)).toBeUndefined();
    await page.context().close();
  });
});
