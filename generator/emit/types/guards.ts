/**
 * The declarations of the guards that narrow an event to a group of the catalog's classification (a
 * family, category, resource type or status, as the info table gives them) and of the accessor of the
 * resource a notification is about (its family's subject field).
 */
import type { Catalog } from '../../model/catalog.js';
import { tsPropertyName, tsString } from '../shared/escape.js';
import { guardTable, type PackageNames } from '../shared/names.js';
import { Kind, type Statement } from '../shared/ts-print.js';

/** The guards and the subject accessor. */
export function guardStatements(catalog: Catalog, names: PackageNames): Statement[] {
  const guards = guardTable(names).map(
    (g): Statement => ({
      kind: Kind.Function,
      name: g.name,
      isExported: true,
      hasDeclareKeyword: true,
      typeParameters: [{ name: 'K', constraint: `keyof ${g.map}` }],
      // Any value with a name: a predicate on the event union itself makes TypeScript relate every
      // group's union to it when it checks the declaration, which a catalog of many names cannot afford.
      parameters: [
        { name: 'event', type: `{ readonly ${tsPropertyName(catalog.envelope.discriminator)}: string }` },
        { name: 'id', type: 'K' },
      ],
      returnType: `event is ${g.map}[K]`,
      docs: [
        `Whether the event is a notification of the ${g.what} \`id\` (as \`${names.info}\` classifies its name): narrows it to that ${g.what}'s notifications. False for a name the catalog does not know.`,
      ],
    }),
  );
  return [...guards, ...subjectStatements(catalog, names)];
}

function subjectStatements(catalog: Catalog, names: PackageNames): Statement[] {
  const types = catalog.resourceTypes.filter((t) => t.events.length > 0).map((t) => tsString(t.id));
  // Every family names its subject: then every known notification has one.
  const always = catalog.families.every((f) => f.subject !== undefined) && types.length > 0;
  return [
    {
      kind: Kind.Interface,
      name: names.subjectType,
      isExported: true,
      docs: ['The resource a notification is about.'],
      properties: [
        {
          name: 'resourceType',
          type: types.length > 0 ? types.join(' | ') : 'string',
          docs: ['Id of its resource type.'],
        },
        {
          name: 'id',
          type: 'string',
          docs: ["Its ID, from the content field that the notification's family names."],
        },
      ],
    },
    {
      kind: Kind.Function,
      name: names.subject,
      isExported: true,
      hasDeclareKeyword: true,
      parameters: [{ name: 'event', type: names.event }],
      returnType: always ? names.subjectType : `${names.subjectType} | undefined`,
      docs: [
        'The resource the notification is about: its resource type and ID, whichever content field holds the ID in its family (the catalog declares it per family).',
      ],
    },
  ];
}
