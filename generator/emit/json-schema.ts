/**
 * JSON Schema (draft 2020-12) emitter: one schema per notification name, one per family and a bundle of
 * all events, each in a default variant (unknown fields allowed) and a strict one (unknown fields
 * rejected). Family and bundle schemas dispatch on the notification name with if/then, so that an error is
 * reported against the one event schema that the name selects.
 */

import type { Catalog, EventFieldModel, EventModel, FamilyModel, Text } from '../catalog.js';
import { indexOf } from '../catalog-index.js';
import { mapUnder } from '../lookup.js';
import { bannerText, toJson } from './banner.js';
import type { Contents } from './index.js';

export const DRAFT_2020_12 = 'https://json-schema.org/draft/2020-12/schema';

export type Variant = 'default' | 'strict';
export const VARIANTS: readonly Variant[] = ['default', 'strict'];

type Schema = Record<string, unknown> | boolean;

/** Path of a schema inside generated/, relative to the schemas folder. */
export const schemaPaths = {
  event: (event: EventModel) => `events/${event.slug}.schema.json`,
  family: (family: FamilyModel, variant: Variant) => `${prefix(variant)}families/${family.id}.schema.json`,
  bundle: (variant: Variant) => `${prefix(variant)}events.schema.json`,
};

function prefix(variant: Variant): string {
  return variant === 'strict' ? 'strict/' : '';
}

/**
 * Every schema file with its path under generated/, one at a time, each rendered when asked for. The largest
 * come first (the bundles, then the family schemas): when two threads share the files, whichever takes a
 * bundle does so early, and neither ends the run rendering one while the other waits.
 */
export function* emitJsonSchemas(catalog: Catalog): Generator<readonly [string, Contents]> {
  for (const variant of VARIANTS) {
    const path = schemaPaths.bundle(variant);
    const head = { title: catalog.title.en, description: bilingual(catalog.summary) };
    yield [
      `schemas/${path}`,
      () => toJson(dispatchSchema(catalog, path, head, catalog.events, variant, catalog.files)),
    ];
  }
  for (const variant of VARIANTS) {
    for (const family of catalog.families) {
      const path = schemaPaths.family(family, variant);
      const render = () => {
        const events = indexOf(catalog).eventsOf(family.id);
        const head = { title: family.title.en, description: bilingual(family.description) };
        const sources = [family.file, catalog.catalogFile];
        return toJson(dispatchSchema(catalog, path, head, events, variant, sources));
      };
      yield [`schemas/${path}`, render];
    }
  }
  for (const event of catalog.events) {
    const path = schemaPaths.event(event);
    yield [`schemas/${path}`, () => toJson(eventSchema(catalog, event, 'default', path))];
  }
  yield ['schemas/index.json', () => toJson(schemaIndex(catalog))];
}

/** The schema of one notification, self-contained. */
export function eventSchema(
  catalog: Catalog,
  event: EventModel,
  variant: Variant,
  path: string,
): Record<string, unknown> {
  return {
    $schema: DRAFT_2020_12,
    $id: `${catalog.schemaBaseUri}${path}`,
    $comment: bannerText([event.file, catalog.catalogFile]),
    ...eventBody(catalog, event, variant),
  };
}

function eventBody(catalog: Catalog, event: EventModel, variant: Variant): Record<string, unknown> {
  const properties: Record<string, Schema> = {};
  for (const field of event.envelope) {
    properties[field.name] =
      field.name === catalog.envelope.content ? contentSchema(field, event, variant) : fieldSchema(field);
  }
  return {
    title: event.name,
    description: `${event.label.en} (${event.label.zh})`,
    type: 'object',
    required: requiredOf(event.envelope),
    properties,
    ...(variant === 'strict' ? { additionalProperties: false } : {}),
  };
}

function contentSchema(field: EventFieldModel, event: EventModel, variant: Variant): Schema {
  const properties: Record<string, Schema> = {};
  for (const f of event.content) properties[f.name] = fieldSchema(f);
  return {
    description: bilingual(field.description),
    type: 'object',
    required: requiredOf(event.content),
    properties,
    ...(variant === 'strict' ? { additionalProperties: false } : {}),
  };
}

function requiredOf(fields: readonly EventFieldModel[]): string[] {
  return fields.filter((f) => f.presence === 'required').map((f) => f.name);
}

/** A field's schema; `false` for a field that must be absent. Shared with the types emitter. */
export function fieldSchema(field: EventFieldModel): Schema {
  if (field.presence === 'absent') return false;
  const schema: Record<string, unknown> = { description: fieldDescription(field), type: field.type };
  if (field.const !== undefined) schema.const = field.const;
  else if (field.enum) schema.enum = field.enum.map((e) => e.value);
  if (field.const === undefined) {
    if (field.format?.jsonSchemaFormat) schema.format = field.format.jsonSchemaFormat;
    if (field.pattern !== undefined) schema.pattern = field.pattern;
  }
  if (field.example !== undefined) schema.examples = [field.const ?? field.example];
  return schema;
}

/**
 * Descriptions by field: a description reads the field's texts, values and format, which the notifications
 * of a family share with its field (one `description` object per field of the spec), and its constant,
 * which they do not; every schema repeats the envelope's and its family's fields.
 */
const descriptions = new WeakMap<object, Map<unknown, { text: string; field: EventFieldModel }>>();

function fieldDescription(field: EventFieldModel): string {
  const byConstant = mapUnder(descriptions, field.description);
  // Keyed by the constant itself (a Map tells 1 from "1"): no key string to build on every lookup.
  const known = byConstant.get(field.const);
  // The other inputs are compared too, so that a description is never taken from another field.
  if (known && known.field.enum === field.enum && known.field.format === field.format) return known.text;
  const text = describeField(field);
  byConstant.set(field.const, { text, field });
  return text;
}

function describeField(field: EventFieldModel): string {
  const parts = [bilingual(field.description)];
  const values = field.const === undefined ? field.enum : field.enum?.filter((e) => e.value === field.const);
  if (values && values.length > 0) {
    parts.push(values.map((e) => `- ${String(e.value)}: ${e.label.en} (${e.label.zh})`).join('\n'));
  }
  if (field.format) parts.push(`Format: ${field.format.label.en} (${field.format.id}).`);
  return parts.join('\n\n');
}

function bilingual(text: Text): string {
  return `${text.en}\n\n${text.zh}`;
}

/**
 * A schema that accepts any of `events`, choosing the branch by the notification name. Each family is
 * described once (every field with its type, all optional); each notification adds only what it fixes:
 * its name, bound values, required and absent fields. A large catalog stays a few bytes per name.
 */
function dispatchSchema(
  catalog: Catalog,
  path: string,
  head: { title: string; description: string },
  events: readonly EventModel[],
  variant: Variant,
  sources: readonly string[],
): Record<string, unknown> {
  const name = catalog.envelope.discriminator;
  const defs: Record<string, unknown> = {};
  for (const event of events) {
    const familyKey = `family.${event.family}`;
    if (!(familyKey in defs)) {
      defs[familyKey] = familyBody(catalog, indexOf(catalog).family(event.family), variant);
    }
  }
  for (const event of events) defs[`event.${event.slug}`] = eventDelta(catalog, event);
  return {
    $schema: DRAFT_2020_12,
    $id: `${catalog.schemaBaseUri}${path}`,
    $comment: bannerText(sources),
    ...head,
    type: 'object',
    required: [name],
    properties: { [name]: { enum: events.map((e) => e.name) } },
    allOf: events.map((event) => ({
      if: { type: 'object', properties: { [name]: { const: event.name } }, required: [name] },
      // biome-ignore lint/suspicious/noThenProperty: "then" is the JSON Schema keyword.
      then: { $ref: `#/$defs/event.${event.slug}` },
    })),
    $defs: defs,
  };
}

/** Every field of a family with its type, none required or forbidden: what all its notifications share. */
function familyBody(catalog: Catalog, family: FamilyModel, variant: Variant): Record<string, unknown> {
  const events = indexOf(catalog).eventsOf(family.id);
  // A field bound in every notification of the family is checked by each notification's constant alone.
  const alwaysBound = new Set(
    family.content
      .map((f) => f.name)
      .filter((n) => events.every((e) => e.bindings.some((b) => b.field === n))),
  );
  const content: Record<string, Schema> = {};
  for (const field of family.content) {
    const schema = fieldSchema({ ...field, presence: 'optional' }) as Record<string, unknown>;
    if (alwaysBound.has(field.name)) delete schema.enum;
    // A field some notifications forbid is typed by the notifications that allow it, so that a forbidden
    // field is reported once, as forbidden.
    content[field.name] = sometimesAbsent(catalog, family).has(field.name)
      ? { description: schema.description }
      : schema;
  }
  const properties: Record<string, Schema> = {};
  for (const field of catalog.envelope.fields) {
    if (field.name === catalog.envelope.content) {
      properties[field.name] = {
        description: bilingual(field.description),
        type: 'object',
        properties: content,
        ...(variant === 'strict' ? { additionalProperties: false } : {}),
      };
    } else if (field.name === catalog.envelope.discriminator) {
      properties[field.name] = { description: fieldDescription(field), type: field.type };
    } else properties[field.name] = fieldSchema(field);
  }
  return {
    title: family.title.en,
    type: 'object',
    required: requiredOf(catalog.envelope.fields),
    properties,
    ...(variant === 'strict' ? { additionalProperties: false } : {}),
  };
}

const absentSets = new WeakMap<FamilyModel, Set<string>>();

/** The content fields of a family that at least one of its notifications forbids. */
function sometimesAbsent(catalog: Catalog, family: FamilyModel): Set<string> {
  let names = absentSets.get(family);
  if (!names) {
    names = new Set(
      indexOf(catalog)
        .eventsOf(family.id)
        .flatMap((e) => e.content.filter((f) => f.presence === 'absent').map((f) => f.name)),
    );
    absentSets.set(family, names);
  }
  return names;
}

/** What one notification adds to its family: its name, bound values, required and absent fields. */
function eventDelta(catalog: Catalog, event: EventModel): Record<string, unknown> {
  const content: Record<string, Schema> = {};
  const typedHere = sometimesAbsent(catalog, indexOf(catalog).family(event.family));
  for (const field of event.content) {
    if (field.presence === 'absent') content[field.name] = false;
    else if (field.const !== undefined) content[field.name] = { const: field.const };
    else if (typedHere.has(field.name)) content[field.name] = fieldSchema(field);
    // Listed so that `required` names only declared properties (ajv's strict mode asks for that).
    else if (field.presence === 'required') content[field.name] = true;
  }
  return {
    title: event.name,
    description: `${event.label.en} (${event.label.zh})`,
    allOf: [{ $ref: `#/$defs/family.${event.family}` }],
    type: 'object',
    properties: {
      [catalog.envelope.discriminator]: { const: event.name },
      [catalog.envelope.content]: {
        type: 'object',
        required: requiredOf(event.content),
        properties: content,
      },
    },
  };
}

function schemaIndex(catalog: Catalog): Record<string, unknown> {
  return {
    $comment: bannerText(catalog.files),
    catalog: catalog.id,
    version: catalog.version,
    discriminator: catalog.envelope.discriminator,
    bundle: schemaPaths.bundle('default'),
    strictBundle: schemaPaths.bundle('strict'),
    families: catalog.families.map((f) => ({
      id: f.id,
      schema: schemaPaths.family(f, 'default'),
      strictSchema: schemaPaths.family(f, 'strict'),
      events: f.events,
    })),
    events: catalog.events.map((e) => ({ name: e.name, family: e.family, schema: schemaPaths.event(e) })),
  };
}
