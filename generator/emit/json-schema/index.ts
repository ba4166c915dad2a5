/**
 * JSON Schema (draft 2020-12) emitter: one schema per notification name, one per family and a bundle of
 * all events, each in a default variant (unknown fields allowed) and a strict one (unknown fields
 * rejected). Family and bundle schemas dispatch on the notification name with if/then, so that an error is
 * reported against the one event schema that the name selects; their codegen/ variant, for code generators,
 * is a union of the notifications instead. A field that a notification forbids is kept out of `properties`
 * (see objectProperties), so that every per-name schema serves validators and generators alike.
 */

import type { Catalog, EventFieldModel, EventModel, FamilyModel } from '../../model/catalog.js';
import { indexOf } from '../../model/lookups.js';
import type { Contents } from '../contract.js';
import { bannerText } from '../shared/banner.js';
import { bilingual, objectProperties, type Schema } from '../shared/field-schema.js';
import { toJson } from '../shared/json.js';
import { closedIn, schemaPaths, VARIANTS, type Variant } from '../shared/schema-paths.js';
import { dispatchSchema } from './dispatch.js';
import { type DispatchForm, DRAFT_2020_12, requiredOf, SchemaRun } from './run.js';

/**
 * Every schema file with its path under generated/, one at a time, each rendered when asked for. The largest
 * come first (the bundles, then the family schemas): when two threads share the files, whichever takes a
 * bundle does so early, and neither ends the run rendering one while the other waits.
 */
export function* emitJsonSchemas(catalog: Catalog): Generator<readonly [string, Contents]> {
  const run = new SchemaRun(catalog);
  const forms: readonly DispatchForm[] = [...VARIANTS, 'union'];
  for (const form of forms) {
    const path = form === 'union' ? schemaPaths.codegenBundle() : schemaPaths.bundle(form);
    const head = { title: catalog.title.en, description: bilingual(catalog.summary) };
    yield [
      `schemas/${path}`,
      () => run.json.toJson(dispatchSchema(run, path, head, catalog.events, form, catalog.files)),
    ];
  }
  for (const form of forms) {
    for (const family of catalog.families) yield familySchema(run, family, form);
  }
  for (const event of catalog.events) {
    const path = schemaPaths.event(event);
    yield [`schemas/${path}`, () => run.json.toJson(eventSchema(run, event, 'default', path))];
  }
  yield ['schemas/index.json', () => toJson(schemaIndex(catalog))];
}

function familySchema(run: SchemaRun, family: FamilyModel, form: DispatchForm): readonly [string, Contents] {
  const { catalog } = run;
  const path = form === 'union' ? schemaPaths.codegenFamily(family) : schemaPaths.family(family, form);
  const render = () => {
    const events = indexOf(catalog).eventsOf(family.id);
    const head = { title: family.title.en, description: bilingual(family.description) };
    const sources = [family.file, catalog.catalogFile];
    return run.json.toJson(dispatchSchema(run, path, head, events, form, sources));
  };
  return [`schemas/${path}`, render];
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
  const properties: Record<string, unknown> = {};
  for (const field of event.envelope) {
    properties[field.name] =
      field.name === catalog.envelope.content ? contentSchema(run, field, event, variant) : run.field(field);
  }
  return {
    title: event.name,
    description: `${event.label.en} (${event.label.zh})`,
    type: 'object',
    required: requiredOf(event.envelope),
    ...objectProperties(properties),
    ...closedIn(variant),
  };
}

/** The content of one notification: its fields with their presence (shared with the delivery forms' schemas). */
export function contentSchema(
  run: SchemaRun,
  field: EventFieldModel,
  event: EventModel,
  variant: Variant,
): Schema {
  const properties: Record<string, unknown> = {};
  for (const f of event.content) properties[f.name] = run.field(f);
  return {
    description: bilingual(field.description),
    type: 'object',
    required: requiredOf(event.content),
    ...objectProperties(properties),
    ...closedIn(variant),
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
    codegenBundle: schemaPaths.codegenBundle(),
    families: catalog.families.map((f) => ({
      id: f.id,
      schema: schemaPaths.family(f, 'default'),
      strictSchema: schemaPaths.family(f, 'strict'),
      codegenSchema: schemaPaths.codegenFamily(f),
      events: f.events,
    })),
    events: catalog.events.map((e) => ({ name: e.name, family: e.family, schema: schemaPaths.event(e) })),
  };
}
