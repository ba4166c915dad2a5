/**
 * Identifiers of the generated package, all derived from the catalog (its product and the families'
 * type names), so that the types, the runtime and the docs agree on them.
 */
import type { Catalog, EventModel, FamilyModel, ResourceTypeModel } from '../../model/catalog.js';
import { pascalOf } from '../../model/resolve.js';
import { lookup } from '../../support/lookup.js';

/** "WidgetEvent" → "WIDGET_EVENT". */
export function upperSnake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase();
}

export interface PackageNames {
  readonly envelope: string;
  readonly event: string;
  readonly eventName: string;
  readonly eventOf: string;
  readonly eventMap: string;
  readonly unknownEvent: string;
  readonly error: string;
  readonly parseOptions: string;
  readonly parseResult: string;
  readonly names: string;
  readonly isEvent: string;
  readonly isEventName: string;
  readonly parseEvent: string;
  readonly validateEvent: string;
  /** The table of every name's classification (resource type, family, category, level, status). */
  readonly info: string;
  readonly infoType: string;
  /** The Standard Schema (v1) of any known notification, and the one of each name. */
  readonly schema: string;
  readonly schemas: string;
  /** The router: its factory, what it throws, its handlers, options, type and result. */
  readonly createRouter: string;
  readonly routerError: string;
  readonly handlers: string;
  readonly routerOptions: string;
  readonly router: string;
  readonly routeResult: string;
  readonly handlerResult: string;
  readonly routerCheck: string;
  readonly covered: string;
  /** The events of each family, category and resource type, by its id (for the router's group handlers). */
  readonly byFamily: string;
  readonly byCategory: string;
  readonly byResourceType: string;
  readonly byStatus: string;
  /** The guards that narrow an event to a family, category, resource type or status. */
  readonly inFamily: string;
  readonly inCategory: string;
  readonly ofResourceType: string;
  readonly withStatus: string;
  /** The accessor of the resource a notification is about, and what it returns. */
  readonly subject: string;
  readonly subjectType: string;
}

/** packageNames by catalog: every docs page's handler example asks for them. */
const namesOf = new WeakMap<Catalog, PackageNames>();

/** The package-wide names, from the catalog's product ("ECS" → EcsEvent, ECS_EVENT_NAMES, parseEcsEvent …). */
export function packageNames(catalog: Catalog): PackageNames {
  return lookup(namesOf, catalog, makePackageNames);
}

function makePackageNames(catalog: Catalog): PackageNames {
  const p = pascalOf(catalog.product.toLowerCase());
  const camel = `${p.charAt(0).toLowerCase()}${p.slice(1)}`;
  return {
    envelope: `${p}EventEnvelope`,
    event: `${p}Event`,
    eventName: `${p}EventName`,
    eventOf: `${p}EventOf`,
    eventMap: `${p}EventMap`,
    unknownEvent: `Unknown${p}Event`,
    error: `${p}EventError`,
    parseOptions: `Parse${p}EventOptions`,
    parseResult: `Parse${p}EventResult`,
    names: `${upperSnake(p)}_EVENT_NAMES`,
    isEvent: `is${p}Event`,
    isEventName: `is${p}EventName`,
    parseEvent: `parse${p}Event`,
    validateEvent: `validate${p}Event`,
    info: `${upperSnake(p)}_EVENT_INFO`,
    infoType: `${p}EventInfo`,
    schema: `${camel}EventSchema`,
    schemas: `${camel}EventSchemas`,
    createRouter: `create${p}EventRouter`,
    routerError: `${p}EventRouterError`,
    handlers: `${p}EventHandlers`,
    routerOptions: `${p}EventRouterOptions`,
    router: `${p}EventRouter`,
    routeResult: `${p}EventRouteResult`,
    handlerResult: `${p}EventHandlerResult`,
    routerCheck: `${p}EventRouterCheck`,
    covered: `${p}EventsCoveredBy`,
    byFamily: `${p}EventsByFamily`,
    byCategory: `${p}EventsByCategory`,
    byResourceType: `${p}EventsByResourceType`,
    byStatus: `${p}EventsByStatus`,
    inFamily: `is${p}EventInFamily`,
    inCategory: `is${p}EventInCategory`,
    ofResourceType: `is${p}EventOfResourceType`,
    withStatus: `is${p}EventWithStatus`,
    subject: `${camel}EventSubject`,
    subjectType: `${p}EventSubject`,
  };
}

/** Each guard: its name, the info table's key it reads, the map of its groups' events, and its doc. */
export function guardTable(names: PackageNames) {
  return [
    { name: names.inFamily, key: 'family', map: names.byFamily, what: 'family' },
    { name: names.inCategory, key: 'category', map: names.byCategory, what: 'category' },
    { name: names.ofResourceType, key: 'resourceType', map: names.byResourceType, what: 'resource type' },
    { name: names.withStatus, key: 'status', map: names.byStatus, what: 'status' },
  ] as const;
}

/** Names for one family: its event union, name union, lookup type, field types and name list. */
export function familyNames(family: FamilyModel) {
  const t = family.typeName;
  return { union: t, name: `${t}Name`, of: `${t}Of`, fields: `${t}Fields`, names: `${upperSnake(t)}_NAMES` };
}

/** Names for one resource type: its event union, name union and name list (Widget → EcsWidgetEvent…). */
export function resourceTypeNames(catalog: Catalog, resourceType: ResourceTypeModel) {
  const p = pascalOf(catalog.product.toLowerCase());
  const t = `${p}${resourceType.typeName}Event`;
  return { union: t, name: `${t}Name`, names: `${upperSnake(t)}_NAMES` };
}

/** Names for one notification: its event interface and its content interface. */
export function eventNames(event: EventModel) {
  return { event: `${event.typeName}Event`, content: `${event.typeName}Content` };
}
