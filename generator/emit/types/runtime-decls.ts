/**
 * The declarations of the package's runtime helpers in types/index.d.ts: the error and option types, the
 * name lists, the type guards and the validating parser, all named after the catalog.
 */
import type { Catalog } from '../../model/catalog.js';
import { tsComment, tsString } from '../shared/escape.js';
import { familyNames, type PackageNames, resourceTypeNames } from '../shared/names.js';
import { Kind, type Statement } from '../shared/ts-print.js';

/** The runtime helpers' declarations: their types, the name lists, then the functions. */
export function runtimeStatements(catalog: Catalog, names: PackageNames): Statement[] {
  return [...resultTypes(names), ...nameLists(catalog, names), ...functions(names)];
}

/** What parsing gives for a known notification, and for a value that is not one. */
function results(names: PackageNames) {
  // The form a body came in and the body as received (see types/forms.ts); the event is the classic one.
  const form = `${names.event}Form`;
  return {
    ok: `{ ok: true; known: true; form: ${form}; event: ${names.event}; raw: unknown; warnings?: ${names.error}[] }`,
    rejected: `{ ok: false; form?: ${form}; errors: ${names.error}[] }`,
  };
}

/** The error, the parse options and the parse result. */
function resultTypes(names: PackageNames): Statement[] {
  const { Interface, TypeAlias } = Kind;
  const { ok, rejected } = results(names);
  return [
    {
      kind: Interface,
      name: names.error,
      isExported: true,
      docs: [
        'One validation error: where (a JSON Pointer into the event), which rule (a JSON Schema keyword), and a message.',
      ],
      properties: [
        { name: 'path', type: 'string' },
        { name: 'keyword', type: 'string' },
        { name: 'message', type: 'string' },
        {
          name: 'text',
          type: 'string',
          hasQuestionToken: true,
          docs: ['Set when the path goes into a JSON text of the body: the path of that text.'],
        },
      ],
    },
    {
      kind: Interface,
      name: names.parseOptions,
      isExported: true,
      properties: [
        {
          name: 'strict',
          type: 'boolean',
          hasQuestionToken: true,
          docs: ['Reject fields the catalog does not list (the strict schemas).'],
        },
        {
          name: 'unknown',
          type: "'reject' | 'accept'",
          hasQuestionToken: true,
          docs: [
            "What to do with a name the catalog does not know: 'reject' (default) or 'accept' it as an unknown event.",
          ],
        },
        {
          name: 'masked',
          type: "'accept' | 'reject'",
          hasQuestionToken: true,
          docs: [
            "Masked identifiers (`i-bp1ecr********5go2go`, as the documents' examples have): 'accept' (default, so that the documented examples validate) or 'reject' (keyword `masked`), for production traffic, where a masked value means the event was copied from the documentation.",
          ],
        },
        {
          name: 'statusSlip',
          type: "'reject' | 'follow-content'",
          hasQuestionToken: true,
          docs: [
            "An event whose name keeps one status while its content's status field says another (the slip of some documented examples): 'reject' (default) or 'follow-content': when the event is valid as the sibling notification its content names, it is returned under that name, with a warning.",
          ],
        },
        {
          name: 'forms',
          type: `readonly ${names.event}Form[]`,
          hasQuestionToken: true,
          docs: [
            'The delivery forms to accept (default: all); a body is read in the one form when only one is listed.',
          ],
        },
      ],
    },
    {
      kind: TypeAlias,
      name: names.parseResult,
      isExported: true,
      type: `${ok} | { ok: true; known: false; form: ${names.event}Form; event: ${names.unknownEvent}; raw: unknown; warnings?: ${names.error}[] } | ${rejected}`,
      docs: [
        'What parsing gives. `warnings` (only when there are some) are what does not fail the event: a field that is not listed but close to one that is (a typo, most likely), or the name that `statusSlip` corrected.',
      ],
    },
  ];
}

/** A declared constant. */
export function declare(name: string, type: string, doc: string): Statement {
  return {
    kind: Kind.VariableStatement,
    isExported: true,
    hasDeclareKeyword: true,
    declarationKind: 'const',
    docs: [doc],
    declarations: [{ name, type }],
  };
}

/** Every known name, each family's and each resource type's names, and the names' classification. */
function nameLists(catalog: Catalog, names: PackageNames): Statement[] {
  return [
    declare(names.names, `readonly ${names.eventName}[]`, 'Every known notification name, sorted.'),
    infoInterface(catalog, names),
    declare(
      names.info,
      `{ readonly [N in ${names.eventName}]: ${names.infoType} }`,
      "Each name's resource type, family, category, documented level and status, for routing without a table of your own.",
    ),
    ...catalog.resourceTypes.map((t) =>
      declare(
        resourceTypeNames(catalog, t).names,
        `readonly ${resourceTypeNames(catalog, t).name}[]`,
        tsComment(`Names of the notifications about a ${t.label.en.toLowerCase()} (${t.label.zh}).`),
      ),
    ),
    ...catalog.families.map((f) =>
      declare(
        familyNames(f).names,
        `readonly ${familyNames(f).name}[]`,
        tsComment(`Names of the ${f.title.en} family.`),
      ),
    ),
  ];
}

/** The shape of one name's entry in the info table, with the catalog's values as literal unions. */
function infoInterface(catalog: Catalog, names: PackageNames): Statement {
  const literals = (values: readonly string[]) =>
    values.length === 0 ? 'null' : [...new Set(values)].map((v) => tsString(v)).join(' | ');
  const orNull = (values: readonly string[], all: number) =>
    values.length === all ? literals(values) : `${literals(values)} | null`;
  const events = catalog.events;
  const types = events.flatMap((e) => (e.resourceType ? [e.resourceType] : []));
  const categories = events.flatMap((e) => (e.category ? [e.category] : []));
  const statuses = events.flatMap((e) => (e.status ? [e.status] : []));
  const subjectOf = new Map(catalog.families.map((f) => [f.id, f.subject]));
  const subjects = events.flatMap((e) => {
    const field = subjectOf.get(e.family);
    return field === undefined ? [] : [field];
  });
  return {
    kind: Kind.Interface,
    name: names.infoType,
    isExported: true,
    docs: ['How the catalog classifies one notification name (null: the catalog gives none).'],
    properties: [
      {
        name: 'resourceType',
        type: orNull(types, events.length),
        docs: ['Id of the resource type it is about.'],
      },
      { name: 'family', type: literals(catalog.families.map((f) => f.id)), docs: ['Id of its family.'] },
      { name: 'category', type: orNull(categories, events.length), docs: ['Its category.'] },
      { name: 'level', type: 'string', docs: ['The level the sources document for it.'] },
      { name: 'status', type: orNull(statuses, events.length), docs: ['Its status.'] },
      {
        name: 'final',
        type: statuses.length === events.length ? 'boolean' : 'boolean | null',
        docs: ['Whether its status is final (no notification follows for the same event).'],
      },
      {
        name: 'subject',
        type: orNull(subjects, events.length),
        docs: ['The content field that holds the ID of the resource it is about.'],
      },
    ],
  };
}

/** The type guards, the validator and the parser. */
function functions(names: PackageNames): Statement[] {
  const { Function: Fn } = Kind;
  const value = { name: 'value', type: 'unknown' };
  const options = { name: 'options', type: names.parseOptions, hasQuestionToken: true };
  const { ok, rejected } = results(names);
  return [
    {
      kind: Fn,
      name: names.isEventName,
      isExported: true,
      hasDeclareKeyword: true,
      parameters: [{ name: 'name', type: 'unknown' }],
      returnType: `name is ${names.eventName}`,
      docs: ['Whether `name` is a known notification name.'],
    },
    {
      kind: Fn,
      name: names.isEvent,
      isExported: true,
      hasDeclareKeyword: true,
      docs: ['Whether `value` is a valid known notification (with `name`: that notification).'],
      overloads: [{ parameters: [value], returnType: `value is ${names.event}` }],
      typeParameters: [{ name: 'N', constraint: names.eventName }],
      parameters: [value, { name: 'name', type: 'N' }],
      returnType: `value is ${names.eventOf}<N>`,
    },
    {
      kind: Fn,
      name: names.validateEvent,
      isExported: true,
      hasDeclareKeyword: true,
      parameters: [value, options],
      returnType: `${names.error}[]`,
      docs: ['Every error of `value` as a notification; an empty list when it is valid.'],
    },
    {
      kind: Fn,
      name: names.parseEvent,
      isExported: true,
      hasDeclareKeyword: true,
      docs: [
        'Parses a JSON text or its UTF-8 bytes (a Uint8Array such as a Buffer; a leading BOM is dropped), or takes a parsed value, and validates it: the typed event, or the errors with their JSON paths.',
      ],
      overloads: [
        {
          parameters: [
            { name: 'input', type: 'unknown' },
            { name: 'options', type: `${names.parseOptions} & { unknown: 'accept' }` },
          ],
          returnType: names.parseResult,
        },
      ],
      parameters: [{ name: 'input', type: 'unknown' }, options],
      returnType: `${ok} | ${rejected}`,
    },
  ];
}
