/**
 * Template errors: a template that names a helper other than Handlebars' own, or reads a field that the view
 * does not have, fails with the template's file, line and column; a template within the rules renders.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Assets } from '../generator/assets.js';
import { renderTemplate } from '../generator/emit/templates.js';

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

test.run();
