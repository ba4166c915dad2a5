/**
 * The "Using the schemas from other languages" page of each locale: which schemas a validator and a code
 * generator take, and the commands that make Go and Python types from them with quicktype. The commands
 * are built from the catalog's package name and the schemas' paths (shared/schema-paths.ts).
 */
import type { Catalog, EventModel, FamilyModel } from '../../model/catalog.js';
import { inlineCode, mdFence, mdText } from '../shared/escape.js';
import { schemaPaths } from '../shared/schema-paths.js';
import { shellWord } from '../shared/shell-escape.js';

/** The page's path under a locale's folder, and its template for each locale. */
export const LANGUAGES_PAGE = 'other-languages';

/** Stand-ins for a notification and a family in the schemas' paths. */
const ANY_EVENT = { slug: '<name>' } as EventModel;
const ANY_FAMILY = { id: '<family>' } as FamilyModel;

/** The view of the page (the same in both locales: commands, code and paths). */
export function languagesView(catalog: Catalog) {
  const installed = `node_modules/${catalog.package.name}/schemas/`;
  // Every per-name schema, by a pattern the shell expands: the one part of the command left unquoted.
  const [folder, file] = schemaPaths.event(ANY_EVENT).split(ANY_EVENT.slug) as [string, string];
  const sources = `${shellWord(`${installed}${folder}`)}*${file} ${shellWord(`${installed}${schemaPaths.codegenBundle()}`)}`;
  const quicktype = (lang: string, options: string, out: string) =>
    `npx quicktype --src-lang schema --lang ${lang}${options} -o ${out} \\\n  ${sources}`;
  const go = [
    `npm install ${shellWord(catalog.package.name)} && npm install --save-dev quicktype`,
    'mkdir -p ecsevents',
    quicktype('go', ' --package ecsevents', 'ecsevents/ecsevents.go'),
    '# a folder that is not a Go module yet becomes one',
    'go mod init example.com/app',
    'go build ./ecsevents',
  ].join('\n');
  const python = [
    `npm install ${shellWord(catalog.package.name)} && npm install --save-dev quicktype`,
    quicktype('python', '', 'ecs_events.py'),
    'pip install python-dateutil',
  ].join('\n');
  const bundle = `${installed}${schemaPaths.bundle('default')}`;
  const validate = [
    'import json',
    'from jsonschema import Draft202012Validator',
    '',
    `with open(${JSON.stringify(bundle)}) as f:`,
    '    validator = Draft202012Validator(json.load(f))',
    '',
    'def errors(event):',
    '    return [(e.json_path, e.message) for e in validator.iter_errors(event)]',
  ].join('\n');
  return {
    product: mdText(catalog.product),
    perName: inlineCode(`schemas/${schemaPaths.event(ANY_EVENT)}`),
    bundle: inlineCode(`schemas/${schemaPaths.bundle('default')}`),
    strictBundle: inlineCode(`schemas/${schemaPaths.bundle('strict')}`),
    codegenBundle: inlineCode(`schemas/${schemaPaths.codegenBundle()}`),
    codegenFamilies: inlineCode(`schemas/${schemaPaths.codegenFamily(ANY_FAMILY)}`),
    discriminator: inlineCode(catalog.envelope.discriminator),
    // The bundle's title is the English one (see json-schema/index.ts).
    bundleTitle: mdText(catalog.title.en),
    goFence: mdFence(go, 'sh'),
    pythonFence: mdFence(python, 'sh'),
    validateFence: mdFence(validate, 'python'),
  };
}
