/**
 * Helpers for the docs-site test: a static file server for a built site, Debian's Chromium through
 * playwright-core (never a downloaded browser), and a crawler of the site's internal links.
 */
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** Whether the browser test can run; with CI=true a missing Chromium is a failure, not a skip. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true')
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (see .ci/run)`);
  console.log(`site test skipped: ${CHROMIUM} not found (apt-get install -y chromium to run it)`);
  return false;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

/** Serves `root` on a free port, the way a static host would (directories serve index.html). */
export async function serveStatic(root: string): Promise<{ url: string; server: Server }> {
  const server = createServer(async (req, res) => {
    let path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (path.endsWith('/')) path += 'index.html';
    const file = join(root, path);
    try {
      if (!file.startsWith(root) || !(await stat(file)).isFile()) throw new Error('not found');
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(await readFile(file));
    } catch {
      res.writeHead(404);
      res.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, server };
}

/** Follows every internal link from the start pages; returns the links that do not resolve. */
export async function crawl(
  base: string,
  starts: readonly string[],
): Promise<{ visited: number; broken: string[] }> {
  const seen = new Set<string>();
  const queue = [...starts];
  const broken: string[] = [];
  while (queue.length > 0) {
    const next = queue.shift() as string;
    const url = new URL(next, base);
    url.hash = '';
    if (url.origin !== new URL(base).origin || seen.has(url.href)) continue;
    seen.add(url.href);
    const response = await fetch(url);
    if (!response.ok) {
      broken.push(url.pathname);
      continue;
    }
    if (!(response.headers.get('content-type') ?? '').startsWith('text/html')) continue;
    const html = await response.text();
    for (const match of html.matchAll(/<a [^>]*href="([^"#][^"]*)"/g)) {
      const href = (match[1] as string).replace(/&amp;/g, '&');
      if (!/^[a-z]+:/i.test(href) || href.startsWith(base)) queue.push(new URL(href, url).href);
    }
  }
  return { visited: seen.size, broken };
}
