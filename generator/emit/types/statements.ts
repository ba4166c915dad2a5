/**
 * The statements of types/index.d.ts, made as they are taken: the banner, the field interfaces, each
 * notification's content and event interfaces, the name → event map with its unions, and the declarations
 * of the runtime helpers, the Standard Schemas and the router.
 */
import type {
  Catalog,
  EventFieldModel,
  EventModel,
  FamilyModel,
  ResourceTypeModel,
} from '../../model/catalog.js';
import { indexOf } from '../../model/lookups.js';
import { bannerText } from '../shared/banner.js';
import { tsComment, tsLiteral, tsPropertyName, tsString } from '../shared/escape.js';
import { bilingual } from '../shared/field-schema.js';
import {
  eventNames,
  familyNames,
  type PackageNames,
  packageNames,
  resourceTypeNames,
} from '../shared/names.js';
import { schemaPaths } from '../shared/schema-paths.js';
import { type InterfaceStructure, Kind, type Statement } from '../shared/ts-print.js';
import { fieldDocs, fieldInterfaces } from './fields.js';
import { formStatements } from './forms.js';
import { guardStatements } from './guards.js';
import { routerStatements } from './router-decls.js';
import { runtimeStatements } from './runtime-decls.js';
import { standardSchemaStatements } from './standard-schema.js';

/** Every statement of types/index.d.ts, in order, each made when it is taken. */
export function* typeStatements(catalog: Catalog): Generator<Statement> {
  const names = packageNames(catalog);
  yield `/**\n * ${tsComment(bannerText(catalog.files))}\n */`;
  yield* fieldInterfaces(catalog);
  for (const event of catalog.events) {
    const family = indexOf(catalog).family(event.family);
    yield contentInterface(event, family);
    yield eventInterface(catalog, event, family, names);
  }
  yield* mapStatements(catalog, names);
  for (const family of catalog.families) yield* familyStatements(family, names);
  for (const type of catalog.resourceTypes) yield* resourceTypeStatements(catalog, type, names);
  yield* runtimeStatements(catalog, names);
  yield* formStatements(catalog, names);
  yield* standardSchemaStatements(names);
  yield* routerStatements(catalog, names);
  yield* guardStatements(catalog, names);
}

/** A notification's content: its fields (a bound one as its literal), none of those it never has. */
function contentInterface(event: EventModel, family: FamilyModel): InterfaceStructure {
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
  const doc = [
    `Content of ${event.name}.`,
    ...(absent.length > 0 ? ['', `Never has: ${absent.join(', ')}.`] : []),
  ].join('\n');
  return {
    kind: Kind.Interface,
    name: eventNames(event).content,
    isExported: true,
    docs: [tsComment(doc)],
    properties,
  };
}

/** A notification: the envelope, with its name as a literal and its content interface. */
function eventInterface(
  catalog: Catalog,
  event: EventModel,
  family: FamilyModel,
  names: PackageNames,
): InterfaceStructure {
  const own = eventNames(event);
  const envelopeFields = new Map(event.envelope.map((f) => [f.name, f]));
  const disc = envelopeFields.get(catalog.envelope.discriminator) as EventFieldModel;
  const content = envelopeFields.get(catalog.envelope.content) as EventFieldModel;
  const doc = [
    event.label.en,
    '',
    event.label.zh,
    '',
    `Family: ${family.title.en} (${family.title.zh}). Level in the documentation: ${event.level.documented}.`,
  ].join('\n');
  return {
    kind: Kind.Interface,
    name: own.event,
    isExported: true,
    extends: [names.envelope],
    // The tag is the generator's own, written after the escaped texts so that it stays a tag; the path is
    // in a code span, which TypeScript keeps whole (a bare path would be read as a name and a comment).
    docs: [`${tsComment(doc)}\n@see \`${tsComment(`schemas/${schemaPaths.event(event)}`)}\``],
    properties: [
      { name: tsPropertyName(disc.name), type: tsString(event.name), docs: [fieldDocs(disc)] },
      {
        name: tsPropertyName(content.name),
        type: own.content,
        docs: [tsComment(bilingual(content.description))],
      },
    ],
  };
}

function union(members: readonly string[]): string {
  return members.length === 0 ? 'never' : members.join(' | ');
}

/** The name → event map, the name and event unions, and the type of an unknown notification. */
function mapStatements(catalog: Catalog, names: PackageNames): Statement[] {
  const { Interface, TypeAlias } = Kind;
  const mapDoc = 'Every known notification, by name: `EventMap[name]` is the event with that name.';
  return [
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
}

/** A resource type's name union and event union. */
function resourceTypeStatements(catalog: Catalog, type: ResourceTypeModel, names: PackageNames): Statement[] {
  const n = resourceTypeNames(catalog, type);
  const doc = tsComment(`a ${type.label.en.toLowerCase()} (${type.label.zh})`);
  return [
    {
      kind: Kind.TypeAlias,
      name: n.name,
      isExported: true,
      type: union(type.events.map(tsString)),
      docs: [`Names of the notifications about ${doc}.`],
    },
    {
      kind: Kind.TypeAlias,
      name: n.union,
      isExported: true,
      type: `${names.eventMap}[${n.name}]`,
      docs: [`Any notification about ${doc}.`],
    },
  ];
}

/** A family's name union, event union and name → event lookup. */
function familyStatements(family: FamilyModel, names: PackageNames): Statement[] {
  const { TypeAlias } = Kind;
  const n = familyNames(family);
  const doc = tsComment(`${family.title.en} (${family.title.zh})`);
  return [
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
  ];
}
