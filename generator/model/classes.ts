/**
 * How the catalog classifies its notifications: by resource type (which also decides envelope fields such
 * as the resource's ARN), by category, and by status.
 */
import type { RawCatalog, RawText } from '../load/spec-types.js';
import type { Catalog, EventModel, FieldModel } from './catalog.js';
import { field } from './fields.js';
import type { Refs } from './refs.js';

/**
 * The envelope fields of each resource type: the catalog's envelope with the resource type's overrides, each
 * field built once per resource type and shared by its notifications.
 */
export function envelopeOf(
  raw: RawCatalog,
  envelope: readonly FieldModel[],
  refs: Refs,
): (resourceType: string | undefined) => readonly FieldModel[] {
  const byType = new Map<string, readonly FieldModel[]>();
  for (const type of raw.resourceTypes ?? []) {
    const overrides = type.envelope ?? {};
    const fields = raw.envelope.fields.map((f, i) => {
      const o = overrides[f.name];
      if (!o) return envelope[i] as FieldModel;
      // A format of its own replaces the field's pattern (which the format would otherwise come after).
      const { pattern: _own, ...unpatterned } = f;
      const base = o.format === undefined && o.pattern === undefined ? f : unpatterned;
      return field({ ...base, ...o }, refs, refs.top);
    });
    byType.set(type.id, fields);
  }
  return (resourceType) => (resourceType === undefined ? envelope : (byType.get(resourceType) ?? envelope));
}

/** The catalog's resource types, categories and statuses, with the notifications of each. */
export function classification(
  raw: RawCatalog,
  events: readonly EventModel[],
  refs: Refs,
): Pick<Catalog, 'resourceTypes' | 'categories' | 'statuses'> {
  const namesWhere = (test: (e: EventModel) => boolean) => events.filter(test).map((e) => e.name);
  // What a resource type and a category both have: a label, perhaps a description, a source.
  const described = (x: { label: RawText; description?: RawText; source: string }) => ({
    label: refs.text(x.label),
    description: x.description ? refs.text(x.description) : undefined,
    source: refs.source(x.source, refs.top),
  });
  return {
    resourceTypes: (raw.resourceTypes ?? []).map((t) => ({
      id: t.id,
      typeName: t.typeName,
      namePrefix: t.namePrefix,
      ...described(t),
      events: namesWhere((e) => e.resourceType === t.id),
    })),
    categories: (raw.categories ?? []).map((c) => ({
      id: c.id,
      ...described(c),
      events: namesWhere((e) => e.category === c.id),
    })),
    statuses: (raw.statuses ?? []).map((s) => ({
      id: s.id,
      label: refs.text(s.label),
      meaning: refs.text(s.meaning),
      final: s.final,
      source: refs.source(s.source, refs.top),
    })),
  };
}
