/**
 * The "Handling events" page of each locale: a function that receives notifications and hands each to code
 * typed for it, with the package's router and its StandardSchemaV1 schemas. Its code is made from the
 * catalog (see shared/router-example.ts); each block opens with the name of the file it would be, so that a
 * test can write the blocks out as a project and type-check them against the package.
 */
import type { Catalog } from '../../model/catalog.js';
import { inlineCode, mdFence, mdText, tsAccess, tsString } from '../shared/escape.js';
import { packageNames } from '../shared/names.js';
import { routerExample, shownField } from '../shared/router-example.js';
import { type Locale, pick } from './i18n.js';

/** The page's path under a locale's folder, and its template for each locale. */
export const HANDLING_PAGE = 'handling-events';

/** The view of the page in one locale. */
export function handlingView(catalog: Catalog, locale: Locale) {
  const names = packageNames(catalog);
  const example = routerExample(catalog);
  const pkg = tsString(catalog.package.name);
  const disc = tsAccess(catalog.envelope.discriminator);
  const handler = [
    '// index.ts',
    'import { route } from "./router.js";',
    '',
    'export const handler = async (event: Uint8Array) => route(event);',
  ].join('\n');
  const one = example.events[example.events.length - 1];
  const field = one && shownField(one);
  const shown = field ? `${tsAccess(catalog.envelope.content)}${tsAccess(field.name)}` : disc;
  const schema = [
    '// app.ts',
    'import { sValidator } from "@hono/standard-validator";',
    'import { Hono } from "hono";',
    `import { ${names.schema}, ${names.schemas} } from ${pkg};`,
    '',
    'export const app = new Hono();',
    '',
    `app.post("/events", sValidator("json", ${names.schema}), (c) => c.text(c.req.valid("json")${disc}));`,
    ...(one
      ? [
          '',
          `app.post("/one", sValidator("json", ${names.schemas}[${tsString(one.name)}]), (c) =>`,
          `  c.text(c.req.valid("json")${shown}),`,
          ');',
        ]
      : []),
  ].join('\n');
  const t = (text: Parameters<typeof pick>[0]) => mdText(pick(text, locale).main);
  const bundle = `${catalog.package.name}/schemas/events.schema.json`;
  return {
    product: mdText(catalog.product),
    names: {
      createRouter: inlineCode(names.createRouter),
      routerError: inlineCode(names.routerError),
      schema: inlineCode(names.schema),
      schemas: inlineCode(`${names.schemas}[name]`),
      validate: inlineCode(names.validateEvent),
      parse: inlineCode(names.parseEvent),
    },
    events: example.events.map((e) => ({ name: inlineCode(e.name) })),
    content: inlineCode(catalog.envelope.content),
    // The EventBridge section says what the router reads of the forms the catalog declares, if any.
    forms: (catalog.deliveries?.forms.length ?? 0) > 0,
    family: example.family ? t(example.family.title) : '',
    resourceType: example.resourceType ? t(example.resourceType.label) : '',
    one: one ? inlineCode(one.name) : '',
    routerFence: mdFence(`// router.ts\n${example.code}`, 'ts'),
    handlerFence: mdFence(handler, 'ts'),
    schemaFence: mdFence(schema, 'ts'),
    ajvFence: mdFence(ajvRecipe(catalog), 'ts'),
    bundle: inlineCode(bundle),
    idBase: inlineCode(catalog.schemaBaseUri),
  };
}

/**
 * Validating with ajv (draft 2020-12) as it type-checks under node16, nodenext and bundler resolution: the
 * named export of ajv/dist/2020.js (a default import is the CommonJS module under node16 and nodenext),
 * the schema read from the package, and ajv's errors at the paths the package's validators give.
 */
function ajvRecipe(catalog: Catalog): string {
  const schemaPath = tsString(`${catalog.package.name}/schemas/events.schema.json`);
  return [
    '// ajv.ts',
    'import { readFileSync } from "node:fs";',
    'import { createRequire } from "node:module";',
    'import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";',
    '',
    'const require = createRequire(import.meta.url);',
    `const bundle = JSON.parse(readFileSync(require.resolve(${schemaPath}), "utf8"));`,
    '',
    "// Each format's check is a pattern of the schema: no format plugin is needed.",
    'const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true, validateFormats: false });',
    'export const validate = ajv.compile(bundle);',
    '',
    "// ajv reports a missing or unknown field at its parent; the package's errors at the field itself.",
    'export function pathOf(error: ErrorObject): string {',
    '  const params = error.params as { missingProperty?: string; additionalProperty?: string };',
    '  const field = params.missingProperty ?? params.additionalProperty;',
    '  if (field === undefined) return error.instancePath;',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: this is the text of a code sample.
    '  return `${error.instancePath}/${field.replace(/~/g, "~0").replace(/\\//g, "~1")}`;',
    '}',
  ].join('\n');
}
