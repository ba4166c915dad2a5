/**
 * JSON Schema (draft 2020-12) emitter: one schema per notification name, one per family and a bundle of
 * all events, each in a default variant (unknown fields allowed) and a strict one (unknown fields
 * rejected). Family and bundle schemas dispatch on the notification name with if/then, so that an error is
 * reported against the one event schema that the name selects.
 */

import type { Catalog, EventFieldModel, EventModel, FamilyModel, Text } from '../../model/catalog.js';
import { indexOf } from '../../model/lookups.js';
import { lookup, mapUnder } from '../../support/lookup.js';
import type { Contents } from '../contract.js';
import { bannerText, toJson } from '../shared/banner.js';
import { JsonChunks } from './chunks.js';

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
  const run = new SchemaRun(catalog);
  for (const variant of VARIANTS) {
    const path = schemaPaths.bundle(variant);
    const head = { title: catalog.title.en, description: bilingual(catalog.summary) };
    yield [
      `schemas/${path}`,
      () => run.chunks.toJson(dispatchSchema(run, path, head, catalog.events, variant, catalog.files)),
    ];
  }
  for (const variant of VARIANTS) {
    for (const family of catalog.families) {
      const path = schemaPaths.family(family, variant);
      const render = () => {
        const events = indexOf(catalog).eventsOf(family.id);
        const head = { title: family.title.en, description: bilingual(family.description) };
        const sources = [family.file, catalog.catalogFile];
        return run.chunks.toJson(dispatchSchema(run, path, head, events, variant, sources));
      };
      yield [`schemas/${path}`, render];
    }
  }
  for (const event of catalog.events) {
    const path = schemaPaths.event(event);
    yield [`schemas/${path}`, () => run.chunks.toJson(eventSchema(run, event, 'default', path))];
  }
  yield ['schemas/index.json', () => toJson(schemaIndex(catalog))];
}

/**
 * What one run of the emitter writes once and places in many schemas (see json-chunks.ts): each field's
 * schema, each family's part of the dispatch schemas (by variant), each notification's part and branch.
 */
class SchemaRun {
  readonly chunks = new JsonChunks();
  readonly families = new Map<FamilyModel, Map<Variant, string>>();
  readonly deltas = new Map<EventModel, string>();
  readonly branches = new Map<EventModel, string>();

  /** `$defs` keys by kind and id: made once, not for each of the four dispatch schemas that hold them. */
  private readonly keys = { family: new Map<string, string>(), event: new Map<string, string>() };

  constructor(readonly catalog: Catalog) {}

  defKey(kind: 'family' | 'event', id: string): string {
    return lookup(this.keys[kind], id, () => `${kind}.${id}`);
  }

  /** A field's schema in a document, as a token; `false` for a field that must be absent. */
  field(field: EventFieldModel): Schema | string {
    const schema = fieldSchema(field);
    return typeof schema === 'boolean' ? schema : this.chunks.token(schema);
  }
}

/** The schema of one notification, self-contained (its repeated parts as tokens of `run`). */
function eventSchema(
  run: SchemaRun,
  event: EventModel,
  variant: Variant,
  path: string,
): Record<string, unknown> {
  const { catalog } = run;
  return {
    $schema: DRAFT_2020_12,
    $id: `${catalog.schemaBaseUri}${path}`,
    $comment: bannerText([event.file, catalog.catalogFile]),
    ...eventBody(run, event, variant),
  };
}

function eventBody(run: SchemaRun, event: EventModel, variant: Variant): Record<string, unknown> {
  const { catalog } = run;
  const properties: Record<string, Schema | string> = {};
  for (const field of event.envelope) {
    properties[field.name] =
      field.name === catalog.envelope.content ? contentSchema(run, field, event, variant) : run.field(field);
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

function contentSchema(run: SchemaRun, field: EventFieldModel, event: EventModel, variant: Variant): Schema {
  const properties: Record<string, Schema | string> = {};
  for (const f of event.content) properties[f.name] = run.field(f);
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

const fieldSchemas = new WeakMap<EventFieldModel, Schema>();

/**
 * A field's schema; `false` for a field that must be absent. Shared with the types emitter. Made once per
 * field object (the notifications of a family share their fields' objects): not to be changed.
 */
export function fieldSchema(field: EventFieldModel): Schema {
  return lookup(fieldSchemas, field, makeFieldSchema);
}

function makeFieldSchema(field: EventFieldModel): Schema {
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
 * of a family share with its field (one `description` object per distinct text, see textMaker in
 * model.ts), and its constant, which they do not; every schema repeats the envelope's and its family's
 * fields.
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
  run: SchemaRun,
  path: string,
  head: { title: string; description: string },
  events: readonly EventModel[],
  variant: Variant,
  sources: readonly string[],
): Record<string, unknown> {
  const { catalog } = run;
  const name = catalog.envelope.discriminator;
  const defs = dispatchDefs(run, events, variant);
  return {
    $schema: DRAFT_2020_12,
    $id: `${catalog.schemaBaseUri}${path}`,
    $comment: bannerText(sources),
    ...head,
    type: 'object',
    required: [name],
    properties: { [name]: { enum: events.map((e) => e.name) } },
    allOf: events.map((event) => branch(run, event)),
    $defs: defs,
  };
}

/** The `$defs` of a dispatch schema: each family's body once, then each notification's part. */
function dispatchDefs(
  run: SchemaRun,
  events: readonly EventModel[],
  variant: Variant,
): Record<string, unknown> {
  const defs: Record<string, unknown> = {};
  addFamilyDefs(run, events, variant, defs);
  addEventDefs(run, events, defs);
  return defs;
}

// The loops below are functions of their own, with nothing after the loop: V8 compiles a long loop while it
// runs, and the first call (the bundle's) loops over every name; code made then and reused by the calls
// after it, having never run what followed the loop, was thrown back to the interpreter there on each of a
// 10k catalog's 3,000 calls.

function addFamilyDefs(
  run: SchemaRun,
  events: readonly EventModel[],
  variant: Variant,
  defs: Record<string, unknown>,
): void {
  for (const event of events) {
    const familyKey = run.defKey('family', event.family);
    if (!(familyKey in defs)) {
      defs[familyKey] = familyBody(run, indexOf(run.catalog).family(event.family), variant);
    }
  }
}

function addEventDefs(run: SchemaRun, events: readonly EventModel[], defs: Record<string, unknown>): void {
  for (const event of events) defs[run.defKey('event', event.slug)] = eventDelta(run, event);
}

/** The branch of a dispatch schema that sends a notification of `event`'s name to its part. */
function branch(run: SchemaRun, event: EventModel): string {
  return lookup(run.branches, event, () => {
    const name = run.catalog.envelope.discriminator;
    return run.chunks.token({
      if: { type: 'object', properties: { [name]: { const: event.name } }, required: [name] },
      // biome-ignore lint/suspicious/noThenProperty: "then" is the JSON Schema keyword.
      then: { $ref: `#/$defs/event.${event.slug}` },
    });
  });
}

/** Every field of a family with its type, none required or forbidden: what all its notifications share. */
function familyBody(run: SchemaRun, family: FamilyModel, variant: Variant): string {
  return lookup(mapUnder(run.families, family), variant, () =>
    run.chunks.token(makeFamilyBody(run.catalog, family, variant)),
  );
}

function makeFamilyBody(catalog: Catalog, family: FamilyModel, variant: Variant): Record<string, unknown> {
  const events = indexOf(catalog).eventsOf(family.id);
  // A field bound in every notification of the family is checked by each notification's constant alone.
  const alwaysBound = new Set(
    family.content
      .map((f) => f.name)
      .filter((n) => events.every((e) => e.bindings.some((b) => b.field === n))),
  );
  const content: Record<string, Schema> = {};
  for (const field of family.content) {
    const typed = fieldSchema({ ...field, presence: 'optional' }) as Record<string, unknown>;
    const schema = alwaysBound.has(field.name) ? withoutEnum(typed) : typed;
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

function withoutEnum(schema: Record<string, unknown>): Record<string, unknown> {
  const { enum: _values, ...rest } = schema;
  return rest;
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
function eventDelta(run: SchemaRun, event: EventModel): string {
  return lookup(run.deltas, event, () => run.chunks.token(makeEventDelta(run, event)));
}

function makeEventDelta(run: SchemaRun, event: EventModel): Record<string, unknown> {
  const { catalog } = run;
  const content: Record<string, Schema | string> = {};
  const typedHere = sometimesAbsent(catalog, indexOf(catalog).family(event.family));
  for (const field of event.content) {
    if (field.presence === 'absent') content[field.name] = false;
    else if (field.const !== undefined) content[field.name] = { const: field.const };
    else if (typedHere.has(field.name)) content[field.name] = run.field(field);
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
