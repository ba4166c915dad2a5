/**
 * Lookups over the model, built once per catalog: emitters ask "which family is this event in" and
 * "which events does this family have" for every event, and a scan each time would make them quadratic.
 */
import type { Catalog, EventModel, ExampleModel, FamilyModel } from './catalog.js';

export interface CatalogIndex {
  readonly family: (id: string) => FamilyModel;
  readonly familyPosition: (id: string) => number;
  readonly event: (name: string) => EventModel | undefined;
  readonly eventsOf: (familyId: string) => readonly EventModel[];
  readonly example: (id: string) => ExampleModel | undefined;
  /** The examples that describe a notification they are not named after (`describes`). */
  readonly describing: (name: string) => readonly ExampleModel[];
  /** Whether some example is a valid event of the notification, or describes it. */
  readonly shown: (name: string) => boolean;
}

const indexes = new WeakMap<Catalog, CatalogIndex>();

/** The lookups of `catalog` (computed on first use). */
export function indexOf(catalog: Catalog): CatalogIndex {
  let index = indexes.get(catalog);
  if (index) return index;
  const families = new Map(catalog.families.map((f, i) => [f.id, { family: f, position: i }]));
  const events = new Map(catalog.events.map((e) => [e.name, e]));
  const examples = new Map(catalog.examples.map((e) => [e.id, e]));
  const byFamily = new Map<string, EventModel[]>(catalog.families.map((f) => [f.id, []]));
  for (const event of catalog.events) byFamily.get(event.family)?.push(event);
  const describing = new Map<string, ExampleModel[]>();
  const shown = new Set<string>();
  for (const e of catalog.examples) {
    if (e.describes !== undefined) {
      const list = describing.get(e.describes) ?? [];
      list.push(e);
      describing.set(e.describes, list);
      shown.add(e.describes);
    }
    if (e.expect.valid && e.notification !== undefined) shown.add(e.notification);
  }
  index = {
    family: (id) => {
      const found = families.get(id);
      if (!found) throw new Error(`no family ${id} in the model`);
      return found.family;
    },
    familyPosition: (id) => families.get(id)?.position ?? -1,
    event: (name) => events.get(name),
    eventsOf: (id) => byFamily.get(id) ?? [],
    example: (id) => examples.get(id),
    describing: (name) => describing.get(name) ?? [],
    shown: (name) => shown.has(name),
  };
  indexes.set(catalog, index);
  return index;
}
