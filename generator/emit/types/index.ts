/**
 * TypeScript declarations of the package (types/index.d.ts), built as structures from the model: the
 * envelope and each family's field interfaces (enums as unions, descriptions as JSDoc), one interface per
 * notification with its exact content, the name → event map, unions, name lists and the declarations of
 * the runtime helpers. ts-print.ts prints the structures; the tests check that ts-morph prints the same
 * declarations from them and that json-schema-to-typescript derives the same field types from the
 * schemas.
 */
import type { Catalog, EventFieldModel, EventModel, FieldModel } from '../../model/catalog.js';
import { indexOf } from '../../model/lookups.js';
import { mapUnder } from '../../support/lookup.js';
import type { Pieces } from '../../support/pieces.js';
import { bannerText } from '../shared/banner.js';
import { tsComment, tsLiteral, tsPropertyName, tsString } from '../shared/escape.js';
import { fieldDescription } from '../shared/field-schema.js';
import { eventNames, familyNames, type PackageNames, packageNames } from '../shared/names.js';
import { schemaPaths } from '../shared/schema-paths.js';
import { type InterfaceStructure, Kind, printedStatements, type Statement } from '../shared/ts-print.js';
import { runtimeStatements } from './runtime-decls.js';

/**
 * types/index.d.ts, built from the model. Its pieces are printed as the write stage takes them, a
 * notification's statements at a time, and made again for each pass (see Pieces): a large catalog's
 * declarations (32 MB at 10,000 names) are never held whole, as structures or as text.
 */
export function emitTypes(catalog: Catalog): Map<string, Pieces> {
  return new Map([
    ['types/index.d.ts', { [Symbol.iterator]: () => printedStatements(typeStatements(catalog)) }],
  ]);
}

/** The statements of types/index.d.ts, made as they are taken (the test prints them with ts-morph too). */
export function* typeStatements(catalog: Catalog): Generator<Statement> {
  const names = packageNames(catalog);
  yield `/**\n * ${tsComment(bannerText(catalog.files))}\n */`;
  yield* fieldInterfaces(catalog);
  for (const event of catalog.events) yield* eventStatements(catalog, event, names);
  yield* indexStatements(catalog, names);
  yield* runtimeStatements(catalog, names);
}

/** The envelope's and each family's field interfaces. */
export function fieldInterfaces(catalog: Catalog): InterfaceStructure[] {
  const names = packageNames(catalog);
  const own = catalog.envelope.fields.filter(
    (f) => f.name !== catalog.envelope.discriminator && f.name !== catalog.envelope.content,
  );
  return [
    fieldsInterface(
      names.envelope,
      'Fields that every notification carries.',
      own,
      (f) => f.presence === 'required',
    ),
    ...catalog.families.map((family) =>
      fieldsInterface(
        familyNames(family).fields,
        `The content fields of the ${family.title.en} family (${family.title.zh}), each with its type; a notification's content interface picks the ones it has.`,
        family.content,
        () => true,
      ),
    ),
  ];
}

/** The TypeScript type of a field's values: its enum as a union of literals, or its JSON type. */
export function fieldType(field: FieldModel): string {
  if (field.enum) {
    const literals = field.enum.map((e) => tsLiteral(e.value));
    return literals.length === 1 ? (literals[0] as string) : `(${literals.join(' | ')})`;
  }
  switch (field.type) {
    case 'string':
      return 'string';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return '{ [field: string]: unknown }';
  }
}

function fieldsInterface(
  name: string,
  description: string,
  fields: readonly FieldModel[],
  required: (f: FieldModel) => boolean,
): InterfaceStructure {
  return {
    kind: Kind.Interface,
    name,
    isExported: true,
    docs: [tsComment(description)],
    properties: fields.map((field) => ({
      name: tsPropertyName(field.name),
      type: fieldType(field),
      hasQuestionToken: !required(field),
      // The description of the field's schema, so that the editor shows what the schemas say.
      docs: [tsComment(fieldDescription(field))],
    })),
  };
}

/**
 * Doc comments by field: the text reads the field's description, constant and example; the notifications
 * of a family share the description object (and most the example), so each comment is written once.
 */
const docsByField = new WeakMap<object, Map<unknown, { example: unknown; text: string }>>();

function fieldDocs(field: EventFieldModel): string {
  const byConstant = mapUnder(docsByField, field.description);
  const known = byConstant.get(field.const);
  if (known && known.example === field.example) return known.text;
  const text = writeFieldDocs(field);
  byConstant.set(field.const, { example: field.example, text });
  return text;
}

function writeFieldDocs(field: EventFieldModel): string {
  const lines = [field.description.en, '', field.description.zh];
  if (field.const !== undefined)
    lines.push('', `Always ${JSON.stringify(field.const)} for this notification.`);
  const text = tsComment(lines.join('\n'));
  const example = field.const ?? field.example;
  return example === undefined ? text : `${text}\n\n@example ${tsComment(JSON.stringify(example))}`;
}

function eventStatements(catalog: Catalog, event: EventModel, names: PackageNames): Statement[] {
  const { Interface } = Kind;
  const own = eventNames(event);
  const family = indexOf(catalog).family(event.family);
  const fields = familyNames(family).fields;
  const properties = event.content
    .filter((f) => f.presence !== 'absent')
    .map((f) => ({
      name: tsPropertyName(f.name),
      type: f.const !== undefined ? tsLiteral(f.const) : `${fields}[${tsString(f.name)}]`,
      hasQuestionToken: f.presence === 'optional',
      docs: [fieldDocs(f)],
    }));
  const absent = event.content.filter((f) => f.presence === 'absent').map((f) => f.name);
  const contentDoc = [
    `Content of ${event.name}.`,
    ...(absent.length > 0 ? ['', `Never has: ${absent.join(', ')}.`] : []),
  ].join('\n');
  const envelopeFields = new Map(event.envelope.map((f) => [f.name, f]));
  const disc = envelopeFields.get(catalog.envelope.discriminator) as EventFieldModel;
  const content = envelopeFields.get(catalog.envelope.content) as EventFieldModel;
  const eventDoc = [
    event.label.en,
    '',
    event.label.zh,
    '',
    `Family: ${family.title.en} (${family.title.zh}). Level in the documentation: ${event.level.documented}.`,
    `@see schemas/${schemaPaths.event(event)}`,
  ].join('\n');
  return [
    {
      kind: Interface,
      name: own.content,
      isExported: true,
      docs: [tsComment(contentDoc)],
      properties,
    },
    {
      kind: Interface,
      name: own.event,
      isExported: true,
      extends: [names.envelope],
      docs: [tsComment(eventDoc)],
      properties: [
        {
          name: tsPropertyName(disc.name),
          type: tsString(event.name),
          docs: [fieldDocs(disc)],
        },
        {
          name: tsPropertyName(content.name),
          type: own.content,
          docs: [tsComment(`${content.description.en}\n\n${content.description.zh}`)],
        },
      ],
    },
  ];
}

function union(members: readonly string[]): string {
  return members.length === 0 ? 'never' : members.join(' | ');
}

function indexStatements(catalog: Catalog, names: PackageNames): Statement[] {
  const { Interface, TypeAlias } = Kind;
  const mapDoc = 'Every known notification, by name: `EventMap[name]` is the event with that name.';
  const statements: Statement[] = [
    {
      kind: Interface,
      name: names.eventMap,
      isExported: true,
      docs: [mapDoc],
      properties: catalog.events.map((e) => ({ name: tsString(e.name), type: eventNames(e).event })),
    },
    {
      kind: TypeAlias,
      name: names.eventName,
      isExported: true,
      type: `keyof ${names.eventMap}`,
      docs: ['The name of a known notification.'],
    },
    {
      kind: TypeAlias,
      name: names.event,
      isExported: true,
      type: `${names.eventMap}[${names.eventName}]`,
      docs: ['Any known notification; `switch (event.name)` narrows it to one.'],
    },
    {
      kind: TypeAlias,
      name: names.eventOf,
      isExported: true,
      typeParameters: [{ name: 'N', constraint: names.eventName }],
      type: `${names.eventMap}[N]`,
      docs: ['The notification with name N.'],
    },
    {
      kind: Interface,
      name: names.unknownEvent,
      isExported: true,
      extends: [names.envelope],
      docs: [
        'A notification whose name the catalog does not know (yet): its envelope is checked, its content is not typed.',
      ],
      properties: [
        { name: tsPropertyName(catalog.envelope.discriminator), type: 'string' },
        { name: tsPropertyName(catalog.envelope.content), type: '{ [field: string]: unknown }' },
      ],
    },
  ];
  for (const family of catalog.families) {
    const n = familyNames(family);
    const doc = tsComment(`${family.title.en} (${family.title.zh})`);
    statements.push(
      {
        kind: TypeAlias,
        name: n.name,
        isExported: true,
        type: union(family.events.map(tsString)),
        docs: [`Names of the ${doc} family.`],
      },
      {
        kind: TypeAlias,
        name: n.union,
        isExported: true,
        type: `${names.eventMap}[${n.name}]`,
        docs: [`Any notification of the ${doc} family.`],
      },
      {
        kind: TypeAlias,
        name: n.of,
        isExported: true,
        typeParameters: [{ name: 'N', constraint: n.name }],
        type: `${names.eventMap}[N]`,
        docs: [`The ${doc} notification with name N.`],
      },
    );
  }
  return statements;
}
