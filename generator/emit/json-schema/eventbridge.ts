/**
 * JSON Schemas of the delivery forms that name notifications by type (EventBridge): one per type under
 * schemas/<form>/, and a bundle of every type (default and strict) that dispatches on the type and, for the
 * types of several statuses, on the status in the content. Fields and contents are the classic schemas'
 * own parts (run.field, contentSchema), so that both encode a field the same way.
 */
import type { Catalog, EventFieldModel, EventModel } from '../../model/catalog.js';
import type { DeliveryFormModel, FormTypeModel } from '../../model/deliveries.js';
import { indexOf } from '../../model/lookups.js';
import { slugOf } from '../../model/resolve.js';
import type { Contents } from '../contract.js';
import { bannerText } from '../shared/banner.js';
import { bilingual, type Schema } from '../shared/field-schema.js';
import { closedIn, VARIANTS, type Variant } from '../shared/schema-paths.js';
import { contentSchema } from './index.js';
import { DRAFT_2020_12, SchemaRun } from './run.js';

/** Every schema file of every typed form. */
export function* emitFormSchemas(catalog: Catalog): Generator<readonly [string, Contents]> {
  const run = new SchemaRun(catalog);
  for (const form of catalog.deliveries?.forms ?? []) {
    if (!form.type) continue;
    for (const variant of VARIANTS) {
      const path = `${form.id}/${variant === 'strict' ? 'strict/' : ''}events.schema.json`;
      yield [`schemas/${path}`, () => run.json.toJson(bundle(run, form, form.types, variant, path))];
    }
    for (const type of form.types) {
      const path = `${form.id}/${slugOf(type.type)}.schema.json`;
      yield [`schemas/${path}`, () => run.json.toJson(bundle(run, form, [type], 'default', path))];
    }
  }
}

/** A schema of `types`: one type's body, or a dispatch on the type between their bodies. */
function bundle(
  run: SchemaRun,
  form: DeliveryFormModel,
  types: readonly FormTypeModel[],
  variant: Variant,
  path: string,
): Record<string, unknown> {
  const { catalog } = run;
  const typeKey = pointerKey(form.type?.path ?? '');
  const defs: Record<string, unknown> = {};
  const head = {
    $schema: DRAFT_2020_12,
    $id: `${catalog.schemaBaseUri}${path}`,
    $comment: bannerText(catalog.files),
  };
  const only = types.length === 1 ? types[0] : undefined;
  if (only) return { ...head, ...typeBody(run, form, only, variant, defs), $defs: defs };
  for (const t of types) defs[`type.${slugOf(t.type)}`] = typeBody(run, form, t, variant, defs);
  return {
    ...head,
    title: `${catalog.title.en} (${form.label})`,
    description: bilingual(form.description),
    type: 'object',
    required: [typeKey],
    properties: { [typeKey]: { enum: types.map((t) => t.type) } },
    allOf: types.map((t) => ({
      if: { properties: { [typeKey]: { const: t.type } }, required: [typeKey] },
      // biome-ignore lint/suspicious/noThenProperty: "then" is the JSON Schema keyword.
      then: { $ref: `#/$defs/type.${slugOf(t.type)}` },
    })),
    $defs: defs,
  };
}

/** One type: the form's attributes, the envelope fields it carries, and the content of each status. */
function typeBody(
  run: SchemaRun,
  form: DeliveryFormModel,
  t: FormTypeModel,
  variant: Variant,
  defs: Record<string, unknown>,
): Record<string, unknown> {
  const { catalog } = run;
  const type = form.type as NonNullable<DeliveryFormModel['type']>;
  const events = t.names.map((n) => indexOf(catalog).event(n.name) as EventModel);
  const first = events[0] as EventModel;
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const a of form.attributes) {
    properties[a.name] = {
      description: bilingual(a.description),
      type: 'string',
      ...(a.value === undefined ? {} : { const: a.value }),
      ...(a.example === undefined ? {} : { examples: [a.example] }),
    };
    if (a.presence === 'required') required.push(a.name);
  }
  const typeKey = pointerKey(type.path);
  properties[typeKey] = { type: 'string', const: t.type };
  required.push(typeKey);
  const envelope = new Map(first.envelope.map((f) => [f.name, f]));
  for (const f of form.fields) {
    const field = envelope.get(f.field);
    if (f.path === undefined || !field || f.path.lastIndexOf('/') !== 0) continue;
    const key = pointerKey(f.path);
    if (field.presence === 'required') required.push(key);
    if (f.field === catalog.envelope.content) {
      for (const e of events) defs[`content.${e.slug}`] = dataSchema(run, form, t, e, field, variant);
      properties[key] =
        t.names.length === 1 ? { $ref: `#/$defs/content.${first.slug}` } : statusSchema(type, t);
    } else properties[key] = f.format ? formatSchema(field, f.format) : run.field(field);
  }
  const body = {
    title: t.type,
    description: events.map((e) => `${e.name}: ${e.label.en} (${e.label.zh})`).join('\n'),
    type: 'object',
    required,
    properties,
    ...closedIn(variant),
  };
  if (t.names.length === 1) return body;
  const dataKey = pointerKey(type.status.slice(0, type.status.lastIndexOf('/')));
  return {
    ...body,
    allOf: events.map((e) => ({
      if: {
        properties: {
          [dataKey]: { type: 'object', properties: { [type.statusField]: { const: e.status } } },
        },
      },
      // biome-ignore lint/suspicious/noThenProperty: "then" is the JSON Schema keyword.
      then: { properties: { [dataKey]: { $ref: `#/$defs/content.${e.slug}` } } },
    })),
  };
}

/** The content of a notification as the form carries it: with the status the form adds, if it does. */
function dataSchema(
  run: SchemaRun,
  form: DeliveryFormModel,
  t: FormTypeModel,
  event: EventModel,
  field: EventFieldModel,
  variant: Variant,
): Schema {
  const content = contentSchema(run, field, event, variant) as Record<string, unknown>;
  if (!t.addsStatus || event.status === undefined) return content;
  const key = form.type?.statusField ?? '';
  return {
    ...content,
    required: [...(content.required as string[]), key],
    properties: { ...(content.properties as object), [key]: { type: 'string', const: event.status } },
  };
}

/** What every status of a type shares of the content: an object with one of the statuses. */
function statusSchema(
  type: NonNullable<DeliveryFormModel['type']>,
  t: FormTypeModel,
): Record<string, unknown> {
  const statuses = t.names.map((n) => n.status);
  return {
    type: 'object',
    required: [type.statusField],
    properties: { [type.statusField]: { enum: statuses } },
  };
}

/** A carried field that the form writes in a format of its own (converted for the classic event). */
function formatSchema(
  field: EventFieldModel,
  format: NonNullable<DeliveryFormModel['fields'][number]['format']>,
): Record<string, unknown> {
  return {
    description: `${bilingual(field.description)}\n\nFormat: ${format.label.en} (${format.id}).`,
    type: 'string',
    ...(format.jsonSchemaFormat ? { format: format.jsonSchemaFormat } : {}),
    pattern: format.pattern,
    examples: [format.example],
  };
}

/** The top-level key a one-level JSON Pointer names. */
function pointerKey(pointer: string): string {
  return pointer.slice(1).replace(/~1/g, '/').replace(/~0/g, '~');
}
