/**
 * The docs site under a base path, as GitHub Pages serves a project page (`/<repository>/`): built with
 * `site build --base`, every internal link (the copied JSON Schemas included) stays under the base and
 * resolves, and in Chromium the pages load their scripts from there and navigate within it. The static
 * server serves only the folder that holds the site, so a link that leaves the base is a 404.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { siteBase } from '../generator/site/vitepress.js';
import { ToolError } from '../generator/support/diagnostics.js';
import { generateFiles, ROOT, runCli, tempDir } from './helpers.js';
import { CHROMIUM, CHROMIUM_ARGS, chromiumAvailable, crawl, serveStatic } from './site-helpers.js';

const BASE = '/ecs-event-catalog/';
const SPEC = join(ROOT, 'test/golden/minimal/spec');

test('siteBase gives VitePress a path with a leading and a trailing slash', () => {
  for (const [given, expected] of [
    ['/', '/'],
    ['', '/'],
    ['repo', '/repo/'],
    ['/repo', '/repo/'],
    ['/repo/', '/repo/'],
    ['org/repo.docs', '/org/repo.docs/'],
  ] as const)
    assert.is(siteBase(given), expected, given);
});

test('siteBase refuses what is not a plain URL path', () => {
  for (const given of ['../up', '/a/./b/', 'a b', 'https://example.com/', '/a?b', '/a#b', '/"><script>/']) {
    assert.throws(
      () => siteBase(given),
      (e: unknown) => e instanceof ToolError && e.exitCode === 2 && /invalid --base/.test(e.message),
      given,
    );
  }
});

test('site build with an invalid --base is a usage error', async () => {
  const run = await runCli(['site', 'build', '--base', '../up', '--site', join(tempDir(), 'site')]);
  assert.is(run.code, 2);
  assert.match(run.stderr, /invalid --base "\.\.\/up"/);
});

const out = join(tempDir(), 'generated');
const www = tempDir();
const generated = await runCli(['generate', '--spec', SPEC, '--out', out]);
const built = await runCli(['site', 'build', '--out', out, '--site', join(www, BASE), '--base', BASE]);
const served = await serveStatic(www);
const { catalog } = await generateFiles(SPEC);
// An event whose page draws a lifecycle diagram: the diagram shows that the page's scripts ran.
const event = catalog?.events.find((e) => catalog.families.find((f) => f.id === e.family)?.lifecycles.length);

test.after(() => {
  served.server.close();
});

test('site build --base builds the site', () => {
  assert.is(generated.code, 0, generated.stderr);
  assert.is(built.code, 0, built.stderr);
  assert.ok(event, 'the catalog has an event');
});

test('a crawl from the base finds no broken link, and the schema links resolve under the base', async () => {
  const { visited, broken } = await crawl(served.url, [BASE, `${BASE}zh/`]);
  assert.equal(broken, []);
  assert.ok(visited > (catalog?.events.length ?? 0) * 2, `${visited} pages and files`);
  for (const page of [`${BASE}events/${event?.slug}.html`, `${BASE}zh/events/${event?.slug}.html`]) {
    const url = new URL(page, served.url);
    const html = await (await fetch(url)).text();
    const schemas = [...html.matchAll(/href="([^"]*\.schema\.json)"/g)].map(
      (m) => new URL(m[1] as string, url),
    );
    assert.ok(schemas.length > 0, `${page} links to its schemas`);
    for (const schema of schemas) {
      assert.ok(schema.pathname.startsWith(`${BASE}schemas/`), schema.pathname);
      assert.is((await fetch(schema)).status, 200, schema.pathname);
    }
  }
});

if (chromiumAvailable()) {
  test('in Chromium, the pages load everything from under the base and navigate within it', async () => {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const page: Page = await browser.newPage();
      const failed: string[] = [];
      page.on('response', (r) => {
        if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
      });
      page.on('pageerror', (e) => failed.push(e.message));
      await page.goto(new URL(BASE, served.url).href, { waitUntil: 'networkidle' });
      await page.locator(`main a[href$="events/${event?.slug}.html"]`).first().click();
      await page.waitForURL(`**${BASE}events/${event?.slug}.html`);
      await page.locator('.mermaid-diagram svg').first().waitFor({ timeout: 20000 });
      assert.equal(failed, []);
    } finally {
      await browser.close();
    }
  });
}

test.run();
