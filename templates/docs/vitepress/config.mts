// VitePress configuration of the docs site. Everything that depends on the catalog (locales, navigation,
// sidebar, titles) is in site.json, generated next to this file.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitepress';
import site from './site.json';

// The JSON Schemas sit beside the docs in the generated package (../../schemas from here).
const schemas = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'schemas');

/** In the dev server, /schemas/… is served from the generated schemas (the build copies them instead). */
const serveSchemas = {
  name: 'serve-schemas',
  configureServer(server: {
    middlewares: {
      use(
        path: string,
        fn: (req: { url?: string }, res: import('node:http').ServerResponse, next: () => void) => void,
      ): void;
    };
  }) {
    server.middlewares.use('/schemas', (req, res, next) => {
      const file = normalize(join(schemas, decodeURIComponent((req.url ?? '').split('?')[0] ?? '')));
      if (!file.startsWith(schemas) || !existsSync(file) || !statSync(file).isFile()) return next();
      res.setHeader('content-type', 'application/schema+json');
      createReadStream(file).pipe(res);
    });
  },
};

type MarkdownIt = Parameters<
  NonNullable<NonNullable<Parameters<typeof defineConfig>[0]['markdown']>['config']>
>[0];

/** Catalog text is data: no Vue interpolation in text or inline code, and ```mermaid fences become diagrams. */
function protect(md: MarkdownIt): void {
  const text = md.renderer.rules.text;
  md.renderer.rules.text = (tokens, idx, options, env, self) =>
    (text ? text(tokens, idx, options, env, self) : md.utils.escapeHtml(tokens[idx].content))
      .replace(/\{/g, '&#123;')
      .replace(/\}/g, '&#125;');
  md.renderer.rules.code_inline = (tokens, idx) =>
    `<code v-pre>${md.utils.escapeHtml(tokens[idx].content)}</code>`;
  const fence = md.renderer.rules.fence;
  md.renderer.rules.fence = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    if (token.info.trim() === 'mermaid') return `<Mermaid code="${encodeURIComponent(token.content)}" />\n`;
    return fence ? fence(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
  };
}

export default defineConfig({
  title: site.title,
  description: site.description,
  locales: site.locales,
  lastUpdated: false,
  // Links to the JSON Schemas point outside the docs folder; the site build copies the schemas next to
  // the pages, and the site test crawls every link.
  ignoreDeadLinks: [/\/schemas\//],
  themeConfig: {
    search: { provider: 'local' },
  },
  markdown: { config: protect },
  vite: { plugins: [serveSchemas] },
});
