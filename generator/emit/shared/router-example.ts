/**
 * The router example that the package's README and the docs' "Handling events" page show, built from the
 * catalog: which notifications, family and resource type it routes are chosen by rules on the catalog's
 * shape, and every name in its code passes through the TypeScript quoting helpers.
 */
import type { Catalog, EventModel, FamilyModel, ResourceTypeModel } from '../../model/catalog.js';
import { indexOf } from '../../model/lookups.js';
import { tsAccess, tsString } from './escape.js';
import { packageNames } from './names.js';

export interface RouterExample {
  /** Notifications with a handler of their own: two that are a family by themselves. */
  readonly events: readonly EventModel[];
  /** The family with the most notifications, routed to one handler (when it has more than one). */
  readonly family?: FamilyModel | undefined;
  /** The resource type, after the one with the most notifications, routed to one handler. */
  readonly resourceType?: ResourceTypeModel | undefined;
  /** `const route = create…Router(…);`, with its import. */
  readonly code: string;
}

const bySize = <T extends { events: readonly unknown[] }>(items: readonly T[]) =>
  [...items].sort((a, b) => b.events.length - a.events.length);

/** The field a handler of the notification logs: a required one it does not fix, of several values if any. */
export function shownField(event: EventModel) {
  const free = event.content.filter((f) => f.presence === 'required' && f.const === undefined);
  return free.find((f) => (f.enum?.length ?? 0) > 1) ?? free[0];
}

/** The router example of a catalog. */
export function routerExample(catalog: Catalog): RouterExample {
  const index = indexOf(catalog);
  const [main, other] = bySize(catalog.resourceTypes);
  const inMain = catalog.events.filter((e) => main === undefined || e.resourceType === main.id);
  const alone = inMain.filter((e) => index.eventsOf(e.family).length === 1 && shownField(e));
  const events = (alone.length > 0 ? alone : inMain).slice(-2);
  const [largest] = bySize(catalog.families);
  const family = largest && largest.events.length > 1 ? largest : undefined;
  return { events, family, resourceType: other, code: code(catalog, events, family, other) };
}

function code(
  catalog: Catalog,
  events: readonly EventModel[],
  family: FamilyModel | undefined,
  resourceType: ResourceTypeModel | undefined,
): string {
  const names = packageNames(catalog);
  const name = tsAccess(catalog.envelope.discriminator);
  const content = tsAccess(catalog.envelope.content);
  const log = (event: EventModel) => {
    const field = shownField(event);
    return field ? `event${content}${tsAccess(field.name)}` : `event${name}`;
  };
  const status = family?.statusField;
  const groups = [
    ...(family
      ? [
          '    families: {',
          `      ${tsString(family.id)}: (event) => console.log(event${status ? `${content}${tsAccess(status)}` : name}),`,
          '    },',
        ]
      : []),
    ...(resourceType
      ? [`    resourceTypes: { ${tsString(resourceType.id)}: (event) => console.log(event${name}) },`]
      : []),
  ];
  return [
    `import { ${names.createRouter} } from ${tsString(catalog.package.name)};`,
    '',
    `export const route = ${names.createRouter}(`,
    '  {',
    ...events.map((e) => `    ${tsString(e.name)}: (event) => console.log(${log(e)}),`),
    `    ${tsString('*')}: (event) => console.log(${tsString('no handler of its own')}, event${name}),`,
    '  },',
    '  {',
    ...groups,
    `    unknown: (event) => console.warn(${tsString('not in the catalog yet')}, event${name}),`,
    `    invalid: (errors) => console.error(${tsString('not a notification')}, errors),`,
    '  },',
    ');',
  ].join('\n');
}
