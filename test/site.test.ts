/**
 * The docs site, built with VitePress and opened in headless Chromium: the index lists every name, a
 * system-event page shows its field table and its lifecycle diagram as SVG, the locale switch leads to the
 * other language's page, search finds an event by its Chinese label, the "Handling events" page is in the
 * sidebar of both locales, no internal link is broken, and hostile catalog text shows as text without
 * running. Screenshots are saved in test/artifacts/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildSite } from '../generator/site/vitepress.js';
import { GENERATED_DIR, ROOT, realOutput, runCli, tempDir } from './helpers.js';
import { CHROMIUM, CHROMIUM_ARGS, chromiumAvailable, crawl, serveStatic } from './site-helpers.js';

const ARTIFACTS = join(ROOT, 'test', 'artifacts');
const enabled = chromiumAvailable();
const { catalog } = await realOutput();
let browser: Browser | undefined;
const servers: { close(): void }[] = [];

async function site(outDir: string) {
  const dir = join(tempDir(), 'site');
  await buildSite(outDir, dir);
  const served = await serveStatic(dir);
  servers.push(served.server);
  return served.url;
}

async function open(url: string): Promise<Page> {
  if (!browser) {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }
  const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
  page.on('dialog', (dialog) => {
    throw new Error(`a dialog opened: ${dialog.message()}`);
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  return page;
}

const real = enabled ? await site(GENERATED_DIR) : '';
const event = catalog.events.find((e) => e.name === 'Instance:SystemMaintenance.Reboot:Scheduled');

test.after(async () => {
  await browser?.close();
  for (const s of servers) s.close();
});

if (enabled) {
  test('the index lists all notification names, in one table per resource type and category', async () => {
    const page = await open(`${real}/`);
    const text = (await page.locator('main table').allInnerTexts()).join('\n');
    assert.ok((await page.locator('main table').count()) >= catalog.resourceTypes.length);
    for (const e of catalog.events) assert.ok(text.includes(e.name), e.name);
    assert.is(await page.locator('main table tbody tr').count(), catalog.events.length);
  });

  test('a system-event page shows its field table and its lifecycle diagram as SVG', async () => {
    const page = await open(`${real}/events/${event?.slug}.html`);
    assert.ok((await page.locator('main table').count()) >= 2);
    const content = await page.locator('main table').nth(1).innerText();
    assert.match(content, /notBefore/);
    await page.locator('.mermaid-diagram svg').first().waitFor({ timeout: 20000 });
    const svg = await page.locator('.mermaid-diagram svg').first().innerHTML();
    assert.match(svg, /Scheduled/);
    assert.match(svg, /Executing/);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'site-event.png'), fullPage: true });
  });

  test("the locale switch leads to the other language's page", async () => {
    const page = await open(`${real}/events/${event?.slug}.html`);
    await page.locator('.VPNavBarTranslations button').first().hover();
    await page.locator('.VPNavBarTranslations a', { hasText: '简体中文' }).first().click();
    await page.waitForURL(`**/zh/events/${event?.slug}.html`);
    assert.match(await page.locator('main').innerText(), /实例计划重启通知（系统维护）/);
  });

  test('search finds an event by its Chinese label', async () => {
    const page = await open(`${real}/zh/`);
    await page.locator('.VPNavBarSearch button').first().click();
    await page.locator('#localsearch-input').fill('实例计划重启通知');
    const results = page.locator('#localsearch-list a');
    await results.first().waitFor({ timeout: 10000 });
    const hrefs = await results.evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    assert.ok(
      hrefs.some((h) => h?.includes(`/zh/events/${event?.slug}`)),
      hrefs.join(' '),
    );
  });

  test("the 'Handling events' page is in the sidebar of both locales and shows its code", async () => {
    for (const [prefix, text] of [
      ['/', 'Handling events'],
      ['/zh/', '处理事件通知'],
    ] as const) {
      const page = await open(`${real}${prefix}`);
      await page.locator('.VPSidebar a', { hasText: text }).first().click();
      await page.waitForURL(`**${prefix}handling-events.html`);
      // The router changes the address before it renders the page.
      await page.locator('main h1', { hasText: text }).waitFor({ timeout: 10000 });
      const code = (await page.locator('main pre').allInnerTexts()).join('\n');
      assert.match(code, /createEcsEventRouter/);
      assert.match(code, /sValidator\("json", ecsEventSchema\)/);
      if (prefix === '/') {
        mkdirSync(ARTIFACTS, { recursive: true });
        await page.screenshot({ path: join(ARTIFACTS, 'site-handling.png'), fullPage: true });
      }
    }
  });

  test('a crawl of the site finds no broken internal link', async () => {
    const { visited, broken } = await crawl(real, ['/', '/zh/']);
    assert.equal(broken, []);
    assert.ok(visited > catalog.events.length * 2, `${visited} pages and files`);
  });

  test('hostile catalog text shows as text: no broken table, no script run', async () => {
    const out = join(tempDir(), 'generated');
    const run = await runCli(['generate', '--spec', join(ROOT, 'test/golden/hostile/spec'), '--out', out]);
    assert.is(run.code, 0, run.stderr);
    const hostile = await site(out);
    const page = await open(`${hostile}/events/hostile-text.html`);
    const main = await page.locator('main').innerText();
    assert.ok(main.includes('</script><script>alert(1)</script>'), 'the markup is shown as text');
    assert.ok(main.includes('{{mustache}}'), 'mustaches are not interpolated');
    assert.is(await page.locator('main script').count(), 0);
    for (const table of await page.locator('main table').all()) {
      const header = await table.locator('thead th').count();
      for (const row of await table.locator('tbody tr').all())
        assert.is(await row.locator('td').count(), header);
    }
    const index = await open(`${hostile}/`);
    assert.ok((await index.locator('main').innerText()).includes('| pipe |'));
  });
}

test.run();
