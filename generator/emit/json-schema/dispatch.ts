/**
 * The family and bundle schemas: each accepts any of its notifications and dispatches on the name with
 * if/then, so that an error is reported against the one notification's part that the name selects; or, in
 * the form for code generators, is the union of its notifications' parts, each tagged by its name.
 */
import type { Catalog, EventModel, FamilyModel } from '../../model/catalog.js';
import { indexOf } from '../../model/lookups.js';
import { lookup, mapUnder } from '../../support/lookup.js';
import { bannerText } from '../shared/banner.js';
import {
  bilingual,
  fieldDescription,
  fieldSchema,
  fieldValueSchema,
  objectProperties,
  type Schema,
} from '../shared/field-schema.js';
import { closedIn } from '../shared/schema-paths.js';
import { type DispatchForm, DRAFT_2020_12, requiredOf, type SchemaRun, variantOf } from './run.js';

/**
 * A schema that accepts any of `events`, choosing the branch by the notification name. Each family is
 * described once (every field with its type, all optional); each notification adds only what it fixes:
 * its name, bound values, required and absent fields. A large catalog stays a few bytes per name.
 */
export function dispatchSchema(
  run: SchemaRun,
  path: string,
  head: { title: string; description: string },
  events: readonly EventModel[],
  form: DispatchForm,
  sources: readonly string[],
): Record<string, unknown> {
  const { catalog } = run;
  const name = catalog.envelope.discriminator;
  const defs = dispatchDefs(run, events, form);
  const choice =
    form === 'union'
      ? { oneOf: events.map((event) => ({ $ref: `#/$defs/${run.defKey('event', event.slug)}` })) }
      : {
          required: [name],
          properties: { [name]: { enum: events.map((e) => e.name) } },
          allOf: events.map((event) => branch(run, event)),
        };
  return {
    $schema: DRAFT_2020_12,
    $id: `${catalog.schemaBaseUri}${path}`,
    $comment: bannerText(sources),
    ...head,
    type: 'object',
    ...choice,
    $defs: defs,
  };
}

/** The `$defs` of a dispatch schema: each family's body once, then each notification's part. */
function dispatchDefs(
  run: SchemaRun,
  events: readonly EventModel[],
  form: DispatchForm,
): Record<string, unknown> {
  const defs: Record<string, unknown> = {};
  addFamilyDefs(run, events, form, defs);
  addEventDefs(run, events, defs);
  return defs;
}

// The loops below are functions of their own, with nothing after the loop: V8 compiles a long loop while it
// runs, and the first call (the bundle's) loops over every name; code made then and reused by the calls
// after it, having never run what followed the loop, was thrown back to the interpreter there on each of
// them.

function addFamilyDefs(
  run: SchemaRun,
  events: readonly EventModel[],
  form: DispatchForm,
  defs: Record<string, unknown>,
): void {
  for (const event of events) {
    const familyKey = run.defKey('family', event.family);
    if (!(familyKey in defs)) {
      defs[familyKey] = familyBody(run, indexOf(run.catalog).family(event.family), form);
    }
  }
}

function addEventDefs(run: SchemaRun, events: readonly EventModel[], defs: Record<string, unknown>): void {
  for (const event of events) defs[run.defKey('event', event.slug)] = eventDelta(run, event);
}

/** The branch of a dispatch schema that sends a notification of `event`'s name to its part. */
function branch(run: SchemaRun, event: EventModel): unknown {
  return lookup(run.branches, event, () => {
    const name = run.catalog.envelope.discriminator;
    return run.json.token({
      if: { type: 'object', properties: { [name]: { const: event.name } }, required: [name] },
      // biome-ignore lint/suspicious/noThenProperty: "then" is the JSON Schema keyword.
      then: { $ref: `#/$defs/event.${event.slug}` },
    });
  });
}

/** Every field of a family with its type, none required or forbidden: what all its notifications share. */
function familyBody(run: SchemaRun, family: FamilyModel, form: DispatchForm): unknown {
  return lookup(mapUnder(run.families, family), form, () =>
    run.json.token(makeFamilyBody(run.catalog, family, form)),
  );
}

function makeFamilyBody(catalog: Catalog, family: FamilyModel, form: DispatchForm): Record<string, unknown> {
  const variant = variantOf(form);
  const events = indexOf(catalog).eventsOf(family.id);
  // A field bound in every notification of the family is checked by each notification's constant alone.
  const alwaysBound = new Set(
    family.content
      .map((f) => f.name)
      .filter((n) => events.every((e) => e.bindings.some((b) => b.field === n))),
  );
  const content: Record<string, Schema> = {};
  for (const field of family.content) {
    const typed = fieldValueSchema(field);
    const schema = alwaysBound.has(field.name) ? withoutEnum(typed) : typed;
    // A field some notifications forbid is typed by the notifications that allow it, so that a forbidden
    // field is reported once, as forbidden. A generator merges the union's members into one type and
    // reads an untyped field as anything, so the union types it here too.
    content[field.name] =
      form !== 'union' && sometimesAbsent(catalog, family).has(field.name)
        ? { description: schema.description }
        : schema;
  }
  const properties: Record<string, Schema> = {};
  // The family's resource type decides some envelope fields (the resource's ARN): its notifications agree.
  const envelope = events[0]?.envelope ?? catalog.envelope.fields;
  for (const field of envelope) {
    if (field.name === catalog.envelope.content) {
      properties[field.name] = {
        description: bilingual(field.description),
        type: 'object',
        properties: content,
        ...closedIn(variant),
      };
    } else if (field.name === catalog.envelope.discriminator) {
      properties[field.name] = { description: fieldDescription(field), type: field.type };
    } else properties[field.name] = fieldSchema(field);
  }
  return {
    title: family.title.en,
    type: 'object',
    required: requiredOf(envelope),
    ...objectProperties(properties),
    ...closedIn(variant),
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
function eventDelta(run: SchemaRun, event: EventModel): unknown {
  return lookup(run.deltas, event, () => run.json.token(makeEventDelta(run, event)));
}

function makeEventDelta(run: SchemaRun, event: EventModel): Record<string, unknown> {
  const { catalog } = run;
  const content: Record<string, unknown> = {};
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
        ...objectProperties(content),
      },
    },
  };
}
