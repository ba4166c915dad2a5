/**
 * A field's JSON Schema (its type, values, format, pattern, example and description), made once per field
 * object: the json-schema emitter places it in every schema that has the field, and the types emitter's
 * doc comments read its description.
 */
import type { EventFieldModel, FieldModel, Text } from '../../model/catalog.js';
import { lookup, mapUnder } from '../../support/lookup.js';

/** A JSON Schema: an object, or `false` for a field that must be absent. */
export type Schema = Record<string, unknown> | boolean;

/**
 * A field's schema; `false` for a field that must be absent, which goes into a schema through
 * objectProperties, never as a property of its own.
 */
export function fieldSchema(field: EventFieldModel): Schema {
  return field.presence === 'absent' ? false : fieldValueSchema(field);
}

/**
 * The `properties` of an object schema, the fields that must be absent (given as `false`) taken out and
 * forbidden by a `false` pattern property each, anchored to the name. Validators report such a field where
 * it stands with the `false schema` keyword, as they do for a `false` property; code generators read
 * `properties` only (quicktype fails on a `false` property, others type it as anything), so the field is
 * left out of the type they make.
 */
export function objectProperties(properties: Readonly<Record<string, unknown>>): {
  properties: Record<string, unknown>;
  patternProperties?: Record<string, false>;
} {
  const kept: Record<string, unknown> = {};
  const absent: Record<string, false> = {};
  let anyAbsent = false;
  for (const [name, schema] of Object.entries(properties)) {
    if (schema === false) {
      absent[`^${escapePattern(name)}$`] = false;
      anyAbsent = true;
    } else kept[name] = schema;
  }
  return anyAbsent ? { properties: kept, patternProperties: absent } : { properties: kept };
}

/** A text as a regular expression (ECMA-262, unicode mode, as ajv compiles it) that matches it alone. */
function escapePattern(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

const valueSchemas = new WeakMap<FieldModel, Record<string, unknown>>();

/**
 * The schema of a field's values, whatever the field's presence (a family's field, typed for the
 * notifications that have it). Made once per field object (the notifications of a family share their
 * fields' objects): not to be changed.
 */
export function fieldValueSchema(field: EventFieldModel): Record<string, unknown> {
  return lookup(valueSchemas, field, makeValueSchema);
}

function makeValueSchema(field: EventFieldModel): Record<string, unknown> {
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
 * model/build.ts), and its constant, which they do not; every schema repeats the envelope's and its family's
 * fields.
 */
const descriptions = new WeakMap<object, Map<unknown, { text: string; field: EventFieldModel }>>();

/** The description of a field's schema: its texts in both languages, its values and its format. */
export function fieldDescription(field: EventFieldModel): string {
  const byConstant = mapUnder(descriptions, field.description);
  // Keyed by the constant itself (a Map tells 1 from "1"): no key string to build on every lookup.
  const known = byConstant.get(field.const);
  // The other inputs are compared too, so that a description is never taken from another field.
  if (
    known &&
    known.field.enum === field.enum &&
    known.field.format === field.format &&
    known.field.note === field.note &&
    known.field.ruleNote === field.ruleNote
  )
    return known.text;
  const text = describeField(field);
  byConstant.set(field.const, { text, field });
  return text;
}

function describeField(field: EventFieldModel): string {
  const parts = [bilingual(field.description)];
  if (field.note) parts.push(bilingual(field.note));
  if (field.ruleNote && field.ruleNote !== field.note) parts.push(bilingual(field.ruleNote));
  const values = field.const === undefined ? field.enum : field.enum?.filter((e) => e.value === field.const);
  if (values && values.length > 0) parts.push(values.map(valueLine).join('\n'));
  if (field.format) parts.push(`Format: ${field.format.label.en} (${field.format.id}).`);
  return parts.join('\n\n');
}

/** One enum value as a line of a description: its label, and what the catalog says of it. */
export function valueLine(e: NonNullable<EventFieldModel['enum']>[number]): string {
  const said = e.description ? ` ${e.description.en} (${e.description.zh})` : '';
  return `- ${String(e.value)}: ${e.label.en} (${e.label.zh}).${said}`;
}

/** A text in English, then in Chinese, a blank line between. */
export function bilingual(text: Text): string {
  return `${text.en}\n\n${text.zh}`;
}
