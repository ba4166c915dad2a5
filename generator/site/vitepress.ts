/**
 * Building and serving the docs site with VitePress. The pages link to the JSON Schemas, which live
 * beside the docs in the generated package; the build copies them into the site (and points the links at
 * the copy), and the dev server serves them, so those links work in both.
 */
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, posix, resolve } from 'node:path';
import type { MarkdownOptions, SiteConfig } from 'vitepress';
import { ToolError } from '../support/diagnostics.js';
import { toolkitRoot } from '../support/toolkit.js';

type MarkdownIt = Parameters<NonNullable<MarkdownOptions['config']>>[0];
type Token = Parameters<MarkdownIt['renderer']['renderToken']>[0][number];

/**
 * Builds the site of `outDir` (a generated folder holding docs/ and schemas/) into `siteDir`, for serving
 * under the URL path `base` (a project page on GitHub Pages lives under `/<repository>/`).
 */
export async function buildSite(outDir: string, siteDir: string, base = '/'): Promise<void> {
  const sitePath = siteBase(base);
  const docs = stageIfNeeded(requireDocs(outDir));
  const { build } = await import('vitepress');
  rmSync(siteDir, { recursive: true, force: true });
  await build(docs, { outDir: resolve(siteDir), base: sitePath, onAfterConfigResolve: linkCopiedSchemas });
  cpSync(join(outDir, 'schemas'), join(siteDir, 'schemas'), { recursive: true });
}

/**
 * `base` as VitePress wants it, with a leading and a trailing slash (`repo` and `/repo` give `/repo/`);
 * anything but plain path segments is refused, since it lands in every URL of the site.
 */
export function siteBase(base: string): string {
  const segments = base.split('/').filter((s) => s !== '');
  if (segments.some((s) => !/^[\w.~-]+$/.test(s) || /^\.+$/.test(s)))
    throw new ToolError(`invalid --base "${base}": give a URL path such as /repository/`, 2);
  return segments.length === 0 ? '/' : `/${segments.join('/')}/`;
}

/**
 * The pages link to the schemas relative to the generated folder (right on GitHub, where docs/ sits beside
 * schemas/), which puts them one folder too high in the site, where the build copies schemas/ into the
 * root. Those links are made relative to the copy, so that they resolve under any base.
 */
function linkCopiedSchemas(config: SiteConfig): void {
  const markdown = config.markdown ?? {};
  const own = markdown.config;
  config.markdown = {
    ...markdown,
    config(md: MarkdownIt) {
      own?.(md);
      md.core.ruler.push('ecs-events-schema-links', (doc) => {
        const page = `/${(doc.env as { relativePath?: string }).relativePath ?? ''}`;
        for (const token of doc.tokens.flatMap((t) => t.children ?? []))
          if (token.type === 'link_open') relinkSchema(token, page);
      });
    },
  };
}

function relinkSchema(token: Token, page: string): void {
  const href = token.attrGet('href');
  if (href === null || /^[a-z][a-z\d+.-]*:|^[/#]/i.test(href)) return;
  // Resolved from the page's place in the generated folder (docs/…), as on GitHub.
  const target = posix.join('/docs', posix.dirname(page), href);
  if (target.startsWith('/schemas/')) token.attrSet('href', posix.relative(posix.dirname(page), target));
}

/**
 * The site's config imports vitepress, which Node resolves from the config's own folder. Docs generated
 * outside the toolkit's tree (--out /elsewhere) are built from a copy inside it.
 */
let builds = 0;

function stageIfNeeded(docs: string): string {
  try {
    createRequire(join(docs, 'index.js')).resolve('vitepress');
    return docs;
  } catch {
    // A folder of its own for each build: VitePress' Vue compiler keeps pages by file path for the process' life.
    const staged = join(
      toolkitRoot(),
      'node_modules',
      '.cache',
      'ecs-events-site',
      `docs-${process.pid}-${++builds}`,
    );
    rmSync(staged, { recursive: true, force: true });
    mkdirSync(staged, { recursive: true });
    cpSync(docs, staged, { recursive: true });
    process.once('exit', () => rmSync(staged, { recursive: true, force: true }));
    return staged;
  }
}

/** Serves the site of `outDir` with VitePress' dev server; resolves with its URL. */
export async function serveSite(outDir: string, port: number): Promise<string> {
  const docs = requireDocs(outDir);
  const { createServer } = await import('vitepress');
  const server = await createServer(docs, { port });
  await server.listen();
  return server.resolvedUrls?.local[0] ?? `http://localhost:${port}/`;
}

function requireDocs(outDir: string): string {
  const docs = join(outDir, 'docs');
  if (!existsSync(join(docs, '.vitepress', 'config.mts'))) {
    throw new ToolError(`no docs in ${outDir}: run "ecs-events generate" first`, 2);
  }
  return docs;
}
