/**
 * The router's declarations in types/index.d.ts: the events of each family, category and resource type by
 * id (what group handlers receive), the handler map and the options, the checks that make a misspelled
 * name and, with `exhaustive`, a name without a handler compile errors, and what a router returns.
 */
import type { Catalog, EventModel } from '../../model/catalog.js';
import { tsString } from '../shared/escape.js';
import { familyNames, type PackageNames, resourceTypeNames } from '../shared/names.js';
import { Kind, type Property, type Statement } from '../shared/ts-print.js';

/** The router options that map a group's id to a handler, with the interface of that group's events. */
const GROUPS = [
  { option: 'families', map: 'byFamily', doc: 'family' },
  { option: 'categories', map: 'byCategory', doc: 'category' },
  { option: 'resourceTypes', map: 'byResourceType', doc: 'resource type' },
] as const;

/** The router's types and its factory. */
export function routerStatements(catalog: Catalog, names: PackageNames): Statement[] {
  return [
    ...groupMaps(catalog, names),
    ...handlerTypes(names),
    ...resultTypes(names),
    errorClass(names),
    factory(names),
  ];
}

/** The class of what a router throws (printed as text: the printer declares no classes). */
function errorClass(names: PackageNames): Statement {
  return [
    '/** What a router throws for a body that it cannot hand to a handler. */',
    `export declare class ${names.routerError} extends Error {`,
    "  /** 'invalid': the body is not a valid notification; 'unknown': its name is one the catalog does not know. */",
    "  readonly reason: 'invalid' | 'unknown';",
    `  /** Why, as \`${names.validateEvent}\` reports it. */`,
    `  readonly errors: ${names.error}[];`,
    '}',
  ].join('\n');
}

function union(events: readonly EventModel[]): string {
  return events.map((e) => tsString(e.name)).join(' | ');
}

/** Id → the union of its events, for every family, category, resource type and status that has events. */
function groupMaps(catalog: Catalog, names: PackageNames): Statement[] {
  const map = (name: string, doc: string, properties: Property[]): Statement => ({
    kind: Kind.Interface,
    name,
    isExported: true,
    docs: [doc],
    properties,
  });
  const categories = catalog.categories
    .map((c) => ({ id: c.id, events: catalog.events.filter((e) => e.category === c.id) }))
    .filter((c) => c.events.length > 0);
  const types = catalog.resourceTypes.filter((t) => t.events.length > 0);
  const statuses = catalog.statuses
    .map((s) => ({ id: s.id, events: catalog.events.filter((e) => e.status === s.id) }))
    .filter((s) => s.events.length > 0);
  return [
    map(
      names.byFamily,
      'The notifications of each family, by its id.',
      catalog.families.map((f) => ({ name: tsString(f.id), type: familyNames(f).union })),
    ),
    map(
      names.byCategory,
      'The notifications of each category, by its id.',
      categories.map((c) => ({ name: tsString(c.id), type: `${names.eventMap}[${union(c.events)}]` })),
    ),
    map(
      names.byResourceType,
      'The notifications about each resource type, by its id.',
      types.map((t) => ({ name: tsString(t.id), type: resourceTypeNames(catalog, t).union })),
    ),
    map(
      names.byStatus,
      'The notifications in each status, by its id.',
      statuses.map((s) => ({ name: tsString(s.id), type: `${names.eventMap}[${union(s.events)}]` })),
    ),
  ];
}

/** The handler map and the router's options. */
function handlerTypes(names: PackageNames): Statement[] {
  const group = (g: (typeof GROUPS)[number]): Property => ({
    name: g.option,
    isReadonly: true,
    type: `{ readonly [K in keyof ${names[g.map]}]?: (event: ${names[g.map]}[K]) => unknown }`,
    hasQuestionToken: true,
    docs: [`Handlers by ${g.doc} id, for the notifications without a handler of their own.`],
  });
  return [
    {
      kind: Kind.TypeAlias,
      name: names.handlers,
      isExported: true,
      docs: [
        "Handlers by notification name, each given the event with that name; `'*'` takes every known notification that no other handler takes.",
      ],
      type: `{ readonly [N in ${names.eventName}]?: (event: ${names.eventOf}<N>) => unknown } & { readonly "*"?: (event: ${names.event}) => unknown }`,
    },
    {
      kind: Kind.Interface,
      name: names.routerOptions,
      isExported: true,
      docs: [
        'What a router does besides calling the handler of a name. A notification goes to its own handler, else to its family’s, its category’s, its resource type’s (in that order), else to `*`.',
      ],
      properties: [
        ...GROUPS.map(group),
        {
          name: 'invalid',
          isReadonly: true,
          type: `'throw' | ((errors: ${names.error}[], body: unknown) => unknown)`,
          hasQuestionToken: true,
          docs: [
            `A body that is not a valid notification: its errors go to this handler, or are thrown as an ${names.routerError} ('throw', the default).`,
          ],
        },
        {
          name: 'unknown',
          isReadonly: true,
          type: `'throw' | 'invalid' | ((event: ${names.unknownEvent}) => unknown)`,
          hasQuestionToken: true,
          docs: [
            `A notification whose name the catalog does not know (its envelope valid): to this handler; treated as an invalid body ('invalid', the default); or thrown as an ${names.routerError} ('throw').`,
          ],
        },
        {
          name: 'strict',
          isReadonly: true,
          type: 'boolean',
          hasQuestionToken: true,
          docs: ['Reject fields the catalog does not list (the strict schemas).'],
        },
        {
          name: 'exhaustive',
          isReadonly: true,
          type: 'boolean',
          hasQuestionToken: true,
          docs: [
            'Every notification name must have a handler, its own or its group’s (not `*`): a name without one is a compile error, and an error when the router is made.',
          ],
        },
      ],
    },
  ];
}

/** What handlers return, the names group handlers take, the checks on a handler map, and the router. */
function resultTypes(names: PackageNames): Statement[] {
  const alias = (name: string, parameters: string[], type: string, doc: string): Statement => ({
    kind: Kind.TypeAlias,
    name,
    isExported: true,
    typeParameters: parameters.map((p) => ({ name: p })),
    type,
    docs: [doc],
  });
  const inGroup = (g: (typeof GROUPS)[number], of: (map: string) => string) =>
    `(O extends { readonly ${g.option}: infer M } ? ${of(`M & keyof ${names[g.map]}`)} : never)`;
  const unhandled = `(O extends { readonly exhaustive: true } ? never : "*" extends keyof H ? never : undefined)`;
  return [
    alias(
      names.handlerResult,
      ['M'],
      '{ [K in keyof M]-?: M[K] extends (...args: never[]) => infer R ? R : never }[keyof M]',
      'What the functions of a handler map (or of options) return.',
    ),
    alias(
      names.covered,
      ['O'],
      GROUPS.map((g) => inGroup(g, (keys) => `${names[g.map]}[keyof ${keys}]["name"]`)).join(' | '),
      'The names that the group handlers of router options take.',
    ),
    alias(
      names.routerCheck,
      ['H', 'O'],
      `{ readonly [K in Exclude<keyof H, keyof ${names.handlers}>]: never } & (O extends { readonly exhaustive: true } ? { readonly [N in Exclude<${names.eventName}, keyof H | ${names.covered}<O>>]: (event: ${names.eventOf}<N>) => unknown } & { readonly "*"?: never } : unknown)`,
      'What a handler map must also satisfy: no key that is not a notification name, and with `exhaustive`, a handler for every name that no group handler takes.',
    ),
    alias(
      names.routeResult,
      ['H', 'O'],
      [
        `${names.handlerResult}<H>`,
        `${names.handlerResult}<O>`,
        ...GROUPS.map(
          (g) => `(O extends { readonly ${g.option}: infer M } ? ${names.handlerResult}<M> : never)`,
        ),
        unhandled,
      ].join(' | '),
      'What a router returns: what its handlers return, and undefined for a notification that none of them takes.',
    ),
    alias(
      names.router,
      ['R'],
      '(body: unknown) => R',
      'A router: give it a body (a JSON text, its UTF-8 bytes such as a Buffer, or a parsed value).',
    ),
  ];
}

function factory(names: PackageNames): Statement {
  const handlers = (options: string) => ({
    name: 'handlers',
    type: `H & ${names.routerCheck}<H, ${options}>`,
  });
  const returned = (options: string) => `${names.router}<${names.routeResult}<H, ${options}>>`;
  const H = { name: 'H', constraint: names.handlers };
  // Without options, O would be inferred as its constraint, whose handlers return unknown; a default for O
  // would take the contextual types from the handlers in options.
  const none = 'Record<never, never>';
  return {
    kind: Kind.Function,
    name: names.createRouter,
    isExported: true,
    hasDeclareKeyword: true,
    docs: [
      `A function of a body that parses and checks it, calls the handler of its notification with the typed event and returns what it returns. An invalid body or an unknown name goes where the options say (thrown as an ${names.routerError} by default).`,
    ],
    overloads: [{ typeParameters: [H], parameters: [handlers(none)], returnType: returned(none) }],
    typeParameters: [H, { name: 'O', isConst: true, constraint: names.routerOptions }],
    parameters: [handlers('O'), { name: 'options', type: 'O' }],
    returnType: returned('O'),
  };
}
