/**
 * Template errors: a template that names a helper other than Handlebars' own, or reads a field that the view
 * does not have, fails with the template's file, line and column; a template within the rules renders.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { emitDocs } from '../generator/emit/docs/index.js';
import { renderTemplate, resetTemplates } from '../generator/emit/shared/templates.js';
import { buildCatalog } from '../generator/index.js';
import type { Catalog } from '../generator/model/catalog.js';
import { type Assets, loadAssets } from '../generator/support/assets.js';
import { SPEC_DIR } from './helpers.js';

/** Assets holding the given templates only (each test uses its own paths: compiled templates are kept). */
function assetsWith(templates: Record<string, string>): Assets {
  return { templates: new Map(Object.entries(templates)) } as unknown as Assets;
}

function failure(assets: Assets, path: string, view: unknown): string {
  try {
    renderTemplate(assets, path, view);
  } catch (error) {
    return (error as Error).message;
  }
  return assert.unreachable(`templates/${path} rendered`) as never;
}

test('a template renders its fields and loops, unescaped', () => {
  const assets = assetsWith({ 'ok.hbs': '# {{title}}\n{{#each rows}}| {{name}} |\n{{/each}}' });
  const view = { title: 'A <b> & "c"', rows: [{ name: '`x`' }, { name: 'y' }] };
  assert.is(renderTemplate(assets, 'ok.hbs', view), '# A <b> & "c"\n| `x` |\n| y |\n');
});

test('a helper other than the built-in ones: the template does not compile, and says where', () => {
  const assets = assetsWith({ 'helper.hbs': 'line one\n{{shout name}}\n' });
  assert.match(
    failure(assets, 'helper.hbs', { name: 'n' }),
    /^templates\/helper\.hbs:2:1: .*unknown helper shout$/,
  );
});

test('a field the view does not have: an error at its place, not an empty string', () => {
  const assets = assetsWith({ 'missing.hbs': 'x\n  {{#each rows}}{{missing}}{{/each}}\n' });
  assert.match(
    failure(assets, 'missing.hbs', { rows: [{}] }),
    /^templates\/missing\.hbs:2:19: "missing" not defined/,
  );
});

/** The text of every docs page of a run, by path. */
function docsPages(catalog: Catalog, assets: Assets): Map<string, string> {
  const pages = new Map<string, string>();
  for (const [path, contents] of emitDocs(catalog, assets)) {
    const text = typeof contents === 'function' ? contents() : contents;
    if (path.endsWith('.md') && typeof text === 'string') pages.set(path, text);
  }
  return pages;
}

test('the field-row template, edited between two runs over the same model, shows in the second run', async () => {
  const { catalog } = await buildCatalog(SPEC_DIR, 'spec');
  assert.ok(catalog);
  const real = loadAssets();
  const row = 'docs/field-row.md.hbs';
  assert.ok(real.templates.has(row));
  const first = docsPages(catalog, real);
  // As watch mode does after a template changed: compiled templates forgotten, the assets read again.
  resetTemplates();
  const edited = new Map(real.templates).set(row, '| edited {{name}} | {{details}} |\n');
  const second = docsPages(catalog, { ...real, templates: edited });
  resetTemplates();
  const event = [...first.keys()].find((path) => path.startsWith('docs/events/')) as string;
  assert.not.match(first.get(event) as string, '| edited ');
  // Every row of every table: the envelope's (the same objects on every page) and the content's.
  const rows = (second.get(event) as string).split('\n').filter((line) => line.startsWith('| edited '));
  const firstRows = (first.get(event) as string).split('\n').filter((line) => /^\| `/.test(line));
  assert.ok(rows.length > 0);
  assert.is(rows.length, firstRows.length);
});

test.run();
