/**
 * The package's index module (runtime/index.js): it makes the validator from the engine and the data table,
 * and exports its helpers, its Standard Schemas and the router under the names the catalog gives them.
 */
import type { Catalog } from '../model/catalog.js';
import { tsAccess, tsString } from './shared/escape.js';
import { formNames, formsNames } from './shared/form-names.js';
import { familyNames, guardTable, packageNames, resourceTypeNames } from './shared/names.js';
import { Kind, type Statement } from './shared/ts-print.js';

/** The statements of runtime/index.js. */
export function runtimeIndexStatements(catalog: Catalog): Statement[] {
  const names = packageNames(catalog);
  const constant = (name: string, initializer: string, isExported = true): Statement => ({
    kind: Kind.VariableStatement,
    isExported,
    declarationKind: 'const',
    declarations: [{ name, initializer }],
  });
  const vendor = tsString(catalog.package.name);
  // An own entry of the info table only: a name such as "constructor" is not a notification.
  const infoOf = (event: string) =>
    `(Object.hasOwn(${names.info}, ${event}?.name) ? ${names.info}[${event}.name] : undefined)`;
  return [
    { kind: Kind.ImportDeclaration, moduleSpecifier: './engine.js', namedImports: ['createValidator'] },
    {
      kind: Kind.ImportDeclaration,
      moduleSpecifier: './router.js',
      namedImports: ['createRouter', 'RouterError'],
    },
    { kind: Kind.ImportDeclaration, moduleSpecifier: './forms.js', namedImports: ['createFormReader'] },
    { kind: Kind.ImportDeclaration, moduleSpecifier: './data.js', defaultImport: 'data' },
    { kind: Kind.ImportDeclaration, moduleSpecifier: './forms-data.js', defaultImport: 'formsData' },
    constant('validator', 'createValidator(data)', false),
    // Every body goes through the forms' reader: a classic one costs it one lookup.
    constant('forms', 'createFormReader(validator, formsData)', false),
    constant(names.names, 'validator.names'),
    ...catalog.families.map((f) =>
      constant(familyNames(f).names, `validator.familyNames(${tsString(f.id)})`),
    ),
    constant(names.info, `Object.freeze(JSON.parse(${tsString(JSON.stringify(eventInfo(catalog)))}))`),
    ...catalog.resourceTypes.map((t) =>
      constant(
        resourceTypeNames(catalog, t).names,
        `Object.freeze(${names.names}.filter((name) => ${names.info}[name].resourceType === ${tsString(t.id)}))`,
      ),
    ),
    ...guardTable(names).map((g) =>
      constant(g.name, `(event, id) => ${infoOf('event')}?.[${tsString(g.key)}] === id`),
    ),
    constant(
      names.subject,
      `(event) => { const info = ${infoOf('event')}; return info?.subject ? { resourceType: info.resourceType, id: event${tsAccess(catalog.envelope.content)}[info.subject] } : undefined; }`,
    ),
    constant(names.isEventName, 'validator.isName'),
    constant(names.isEvent, 'validator.is'),
    constant(names.validateEvent, 'validator.validate'),
    constant(names.parseEvent, 'forms.parse'),
    constant(formsNames(catalog).forms, 'forms.forms'),
    ...(catalog.deliveries?.forms ?? [])
      .filter((f) => f.type)
      .map((f) =>
        constant(formNames(catalog, f).toClassic, `(event) => forms.toClassic(${tsString(f.id)}, event)`),
      ),
    constant(names.schema, `validator.standardSchema(${vendor})`),
    constant(
      names.schemas,
      `Object.freeze(Object.fromEntries(${names.names}.map((name) => [name, validator.standardSchema(${vendor}, name)])))`,
    ),
    // A class of the package's own, so that its errors are told apart by instanceof and by name.
    `export class ${names.routerError} extends RouterError {}`,
    constant(
      names.createRouter,
      `(handlers, options) => createRouter({ ...validator, check: forms.check }, ${names.info}, ${names.routerError}, handlers, options)`,
    ),
  ];
}

/**
 * What a handler may route on without a table of its own, by name: the resource type, family, category,
 * documented level and status (with whether it is final), each null where the catalog gives none.
 */
export function eventInfo(catalog: Catalog): Record<string, Record<string, string | boolean | null>> {
  const finals = new Map(catalog.statuses.map((s) => [s.id, s.final]));
  return Object.fromEntries(
    catalog.events.map((e) => [
      e.name,
      {
        resourceType: e.resourceType ?? null,
        family: e.family,
        category: e.category ?? null,
        level: e.level.documented,
        status: e.status ?? null,
        final: e.status === undefined ? null : (finals.get(e.status) ?? null),
        subject: subjectOf(catalog, e.family),
      },
    ]),
  );
}

/** The content field that holds the ID of what a family's notifications are about, or null. */
function subjectOf(catalog: Catalog, family: string): string | null {
  return catalog.families.find((f) => f.id === family)?.subject ?? null;
}
