/**
 * The model's fields and levels, each built once for equal spec data and shared: by the families that
 * repeat them, and by the notifications that take a family's field as it is or with the same presence,
 * constant and rule.
 */
import type { RawFamily, RawField, RawLevel } from '../load/spec-types.js';
import { lookup, mapUnder } from '../support/lookup.js';
import type { EventFieldModel, FieldModel, LevelModel, SourceRef, Text } from './catalog.js';
import type { Refs } from './refs.js';

/**
 * What `build` makes of `raw` with `fallback` as the source: made once for equal spec data, and shared (as
 * texts are, see textMaker in refs.ts). A large catalog's families repeat the same fields and levels. Equal JSON is
 * checked to be equal data (JSON writes NaN as null and -0 as 0).
 */
function builtOnce<R extends object, M>(
  refs: Refs,
  kind: string,
  raw: R,
  fallback: SourceRef,
  build: () => M,
): M {
  const byFallback = mapUnder(refs.builtFrom, raw);
  if (byFallback.has(fallback)) return byFallback.get(fallback) as M;
  const model = builtOnceByData(refs, kind, raw, fallback, build);
  byFallback.set(fallback, model);
  return model;
}

function builtOnceByData<M>(refs: Refs, kind: string, raw: unknown, fallback: SourceRef, build: () => M): M {
  let json: string;
  try {
    json = JSON.stringify(raw);
  } catch {
    return build();
  }
  const key = `${kind}\0${fallback.ref}\0${json}`;
  const known = refs.built.get(key);
  if (known && sameData(known.raw, raw)) return known.model as M;
  const model = build();
  if (!known) refs.built.set(key, { raw, model });
  return model;
}

/** Whether two values of spec data are equal (numbers as Object.is tells them). */
function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  const otherKeys = Object.keys(b);
  if (keys.length !== otherKeys.length) return false;
  return keys.every(
    (key, i) =>
      key === otherKeys[i] &&
      sameData((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}

export function field(raw: RawField, refs: Refs, fallback: SourceRef): FieldModel {
  return builtOnce(refs, 'field', raw, fallback, () => buildField(raw, refs, fallback));
}

function buildField(raw: RawField, refs: Refs, fallback: SourceRef): FieldModel {
  const format = raw.format === undefined ? undefined : refs.formats.get(raw.format);
  const pattern = raw.pattern ?? format?.pattern;
  // Every property, in one order (see catalog.ts), which a spread copy keeps.
  const field: EventFieldModel = {
    name: raw.name,
    type: raw.type,
    pattern,
    format,
    enum: raw.enum?.map((e) => ({
      value: e.value,
      label: refs.text(e.label),
      description: e.description ? refs.text(e.description) : undefined,
      impact: e.impact ? refs.text(e.impact) : undefined,
      response: e.response ? refs.text(e.response) : undefined,
      tags: [...(e.tags ?? [])],
      source: e.source ? refs.source(e.source, fallback) : undefined,
    })),
    example: raw.example,
    description: refs.text(raw.description),
    note: raw.note ? refs.text(raw.note) : undefined,
    references: (raw.references ?? []).map((r) => ({ ...r })),
    source: refs.source(raw.source, fallback),
    presence: raw.presence ?? 'required',
    const: undefined,
    rule: undefined,
    ruleNote: undefined,
  };
  return field;
}

export function level(raw: RawLevel, refs: Refs, fallback: SourceRef): LevelModel {
  return builtOnce(refs, 'level', raw, fallback, () => ({
    documented: raw.documented,
    source: refs.source(raw.source, fallback),
    observed: [...(raw.observed ?? [])],
    observedSource: raw.observedSource ? refs.source(raw.observedSource, fallback) : undefined,
  }));
}

/** A family's field models, built once and shared by its notifications (a large catalog has many). */
export function familyFields(family: RawFamily, refs: Refs, source: SourceRef): FieldModel[] {
  return lookup(refs.familyFields, family, () => family.content.map((raw) => field(raw, refs, source)));
}

const variants = new WeakMap<FieldModel, Map<string, EventFieldModel>>();

/**
 * A family's field as one notification has it: the field itself when the notification takes it as it is,
 * else its copy with that presence, constant and rule, made once per combination and shared by the
 * notifications that have it. A large catalog's notifications hold many times the fields its families
 * define; as copies each, they would be that many objects to build, to copy to a worker thread and to
 * collect.
 */
export function fieldAs(
  field: FieldModel,
  presence: EventFieldModel['presence'],
  bound: EventFieldModel['const'],
  rule: { readonly id: string; readonly note?: Text | undefined } | undefined,
): EventFieldModel {
  if (presence === field.presence && bound === undefined && rule === undefined) return field;
  const key = `${presence}\0${rule?.id ?? ''}\0${typeof bound}\0${String(bound)}`;
  return lookup(mapUnder(variants, field), key, () => ({
    ...field,
    presence,
    const: bound,
    rule: rule?.id,
    ruleNote: rule?.note,
  }));
}
