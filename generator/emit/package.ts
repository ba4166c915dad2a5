/**
 * The files that make generated/ an npm package: package.json (name and version from the catalog, exports
 * for the runtime, types, schemas and fixtures) and its README.
 */

import type { Catalog } from '../model/catalog.js';
import type { Assets } from '../support/assets.js';
import { bannerText } from './shared/banner.js';
import { mdCell, mdCode, mdCodeCell, mdFence, mdInline, mdText, tsString } from './shared/escape.js';
import { toJson } from './shared/json.js';
import { familyNames, packageNames } from './shared/names.js';
import { routerExample } from './shared/router-example.js';
import { renderTemplate } from './shared/templates.js';

/**
 * The Node.js versions the package supports: the first of each line that loads an ES module with require()
 * without a flag, so that CommonJS code can require the package as it is.
 */
export const NODE_ENGINES = '^20.19.0 || >=22.12.0';

/** package.json and README.md of the generated package. */
export function emitPackage(catalog: Catalog, assets: Assets): Map<string, string> {
  return new Map([
    ['package.json', toJson(packageJson(catalog))],
    ['README.md', renderTemplate(assets, 'package/README.md.hbs', readmeView(catalog))],
  ]);
}

function packageJson(catalog: Catalog) {
  return {
    '//': bannerText(catalog.files),
    name: catalog.package.name,
    version: catalog.version,
    description: catalog.package.description,
    license: catalog.package.license,
    ...(catalog.package.repository
      ? { repository: { type: 'git', url: `git+${catalog.package.repository}.git` } }
      : {}),
    type: 'module',
    sideEffects: false,
    main: './runtime/index.js',
    types: './types/index.d.ts',
    // The command is named after the package (without its scope): `npx <name> validate payload.json`.
    bin: { [binName(catalog)]: './runtime/cli.js' },
    exports: {
      '.': { types: './types/index.d.ts', default: './runtime/index.js' },
      './schemas/*': './schemas/*',
      './fixtures/*': './fixtures/*',
      './package.json': './package.json',
    },
    // The decisions and errata ship too: some change verdicts (a documented example rejected, masks accepted).
    files: ['runtime', 'types', 'schemas', 'fixtures', 'docs/decisions.md', 'docs/zh/decisions.md'],
    engines: { node: NODE_ENGINES },
  };
}

function binName(catalog: Catalog): string {
  return catalog.package.name.replace(/^@[^/]+\//, '');
}

function readmeView(catalog: Catalog) {
  const names = packageNames(catalog);
  const first =
    catalog.events.find((e) => e.content.some((f) => f.enum && f.const === undefined)) ?? catalog.events[0];
  const field = first?.content.find((f) => f.enum && f.const === undefined);
  const usage = [
    `import { ${names.parseEvent}, type ${names.event} } from ${tsString(catalog.package.name)};`,
    '',
    `function handle(event: ${names.event}): void {`,
    '  switch (event.name) {',
    ...(first ? [`    case ${tsString(first.name)}:`] : []),
    ...(first && field ? [`      console.log(event.content[${tsString(field.name)}]);`] : []),
    ...(first ? ['      break;'] : []),
    '  }',
    '}',
    '',
    `const parsed = ${names.parseEvent}(body);`,
    'if (parsed.ok) handle(parsed.event);',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: this is the text of a code sample.
    'else for (const e of parsed.errors) console.error(`${e.path} ${e.keyword}: ${e.message}`);',
  ].join('\n');
  return {
    banner: bannerText(catalog.files).replace(/--/g, '- -'),
    packageName: mdText(catalog.package.name),
    description: mdText(catalog.package.description),
    version: mdInline(catalog.version),
    binName: binName(catalog),
    idBase: mdCode(catalog.schemaBaseUri),
    installFence: mdFence(`npm install ${catalog.package.name}`, 'sh'),
    eventCount: catalog.events.length,
    familyCount: catalog.families.length,
    usageFence: mdFence(usage, 'ts'),
    routerFence: mdFence(
      `${routerExample(catalog).code}\n\n// A function of a body: a JSON text, its UTF-8 bytes (a Buffer) or a parsed value.\nroute(body);`,
      'ts',
    ),
    engines: mdCode(NODE_ENGINES),
    requireCall: mdCode(`require(${tsString(catalog.package.name)})`),
    // Identifiers, shown in code spans (where Markdown escapes would show as they are).
    names,
    families: catalog.families.map((f) => ({ names: familyNames(f).names, title: mdInline(f.title.en) })),
    // The delivery forms besides the classic one, their ids and labels (parsing reads them all).
    forms: (catalog.deliveries?.forms ?? []).map((f) => ({
      id: mdCode(f.id),
      label: mdText(f.label),
      schemas: f.type ? mdCode(`schemas/${f.id}/events.schema.json`) : '',
    })),
    events: catalog.events.map((e) => ({
      name: mdCodeCell(e.name),
      family: mdCell(e.family),
      label: mdCell(e.label.en),
      labelZh: mdCell(e.label.zh),
    })),
  };
}
