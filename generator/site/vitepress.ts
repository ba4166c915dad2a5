/**
 * Building and serving the docs site with VitePress. The pages link to the JSON Schemas, which live
 * beside the docs in the generated package; the build copies them into the site, and the dev server
 * serves them, so those links work in both.
 */
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { ToolError } from '../support/diagnostics.js';
import { toolkitRoot } from '../support/toolkit.js';

/** Builds the site of `outDir` (a generated folder holding docs/ and schemas/) into `siteDir`. */
export async function buildSite(outDir: string, siteDir: string): Promise<void> {
  const docs = stageIfNeeded(requireDocs(outDir));
  const { build } = await import('vitepress');
  rmSync(siteDir, { recursive: true, force: true });
  await build(docs, { outDir: resolve(siteDir) });
  cpSync(join(outDir, 'schemas'), join(siteDir, 'schemas'), { recursive: true });
}

/**
 * The site's config imports vitepress, which Node resolves from the config's own folder. Docs generated
 * outside the toolkit's tree (--out /elsewhere) are built from a copy inside it.
 */
function stageIfNeeded(docs: string): string {
  try {
    createRequire(join(docs, 'index.js')).resolve('vitepress');
    return docs;
  } catch {
    const staged = join(toolkitRoot(), 'node_modules', '.cache', 'ecs-events-site', `docs-${process.pid}`);
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
