/**
 * Stage 3, model: turns the validated spec files into the Catalog that emitters read. It assumes that the
 * validate stage found no error; it resolves references, presence and bindings, and sorts. Equal texts,
 * fields and levels are one object each (see textMaker and builtOnce), so the model is never to be changed
 * once built.
 */
import { basename } from 'node:path';
import type {
  RawCatalog,
  RawFamily,
  RawField,
  RawLevel,
  RawNotification,
  RawText,
} from '../load/spec-types.js';
import { compareStrings } from '../support/diagnostics.js';
import { lookup, mapUnder } from '../support/lookup.js';
import type { Located } from '../validate/context.js';
import type { ExampleText } from '../validate/examples.js';
import type {
  Catalog,
  EventFieldModel,
  EventModel,
  ExampleModel,
  FamilyModel,
  FieldModel,
  FormatModel,
  LevelModel,
  SourceRef,
  Text,
} from './catalog.js';
import { pascalOf, resolvePresence, slugOf, tagsOf } from './resolve.js';

interface Refs {
  readonly source: (ref: string | undefined, fallback?: SourceRef) => SourceRef;
  readonly formats: ReadonlyMap<string, FormatModel>;
  /** The model's Text for a spec text: one object for equal texts. */
  readonly text: (raw: RawText) => Text;
  /** Field and level models built so far, by what they were built from (see builtOnce). */
  readonly built: Map<string, { readonly raw: unknown; readonly model: unknown }>;
  /** The same, by the spec data's object and the fallback source (most are asked for again by object). */
  readonly builtFrom: WeakMap<object, Map<SourceRef, unknown>>;
  /** Each family's field models (see familyFields). */
  readonly familyFields: WeakMap<RawFamily, FieldModel[]>;
}

/** Builds the model from a valid spec. */
export function buildModel(
  specDir: string,
  catalog: Located<RawCatalog>,
  families: readonly Located<RawFamily>[],
  exampleTexts: ReadonlyMap<string, ExampleText>,
): Catalog {
  const raw = catalog.data;
  const specName = basename(specDir.replace(/[\\/]+$/, '')) || 'spec';
  const bannerPath = (path: string) => `${specName}/${path}`;
  const sourceRef = sourceResolver(raw);
  const top = sourceRef(undefined);
  const text = textMaker();
  const formats = new Map(
    (raw.formats ?? []).map((f) => [
      f.id,
      {
        id: f.id,
        label: text(f.label),
        pattern: f.pattern,
        ...(f.jsonSchemaFormat ? { jsonSchemaFormat: f.jsonSchemaFormat } : {}),
        ...(f.mask ? { mask: { ...f.mask } } : {}),
        example: f.example,
        source: sourceRef(f.source, top),
      } satisfies FormatModel,
    ]),
  );
  const refs: Refs = {
    source: sourceRef,
    formats,
    text,
    built: new Map(),
    builtFrom: new WeakMap(),
    familyFields: new WeakMap(),
  };
  const envelopeFields = raw.envelope.fields.map((f) => field(f, refs, top));
  const sorted = [...families].sort((a, b) => compareStrings(a.data.id, b.data.id));
  const examples = sorted.flatMap(({ file, data }) =>
    buildExamples(data, bannerPath(file.path), exampleTexts, raw, refs),
  );
  const examplesByName = groupBy(examples, (e) => e.notification);
  const events = sorted
    .flatMap(({ file, data }) =>
      data.notifications.map((n) =>
        buildEvent(raw, data, n, envelopeFields, examplesByName, refs, bannerPath(file.path)),
      ),
    )
    .sort((a, b) => compareStrings(a.name, b.name));
  const eventsByFamily = groupBy(events, (e) => e.family);
  const examplesByFamily = groupBy(examples, (e) => e.family);
  return {
    id: raw.id,
    version: raw.version,
    product: raw.product,
    title: refs.text(raw.title),
    summary: refs.text(raw.summary),
    package: { ...raw.package },
    schemaBaseUri: raw.schemaBaseUri,
    sources: raw.sources.map((s) => ({ ...s, sections: s.sections.map((x) => ({ ...x })) })),
    formats: [...formats.values()],
    envelope: {
      discriminator: raw.envelope.discriminator,
      content: raw.envelope.content,
      level: raw.envelope.level,
      fields: envelopeFields,
    },
    families: sorted.map(({ file, data }) =>
      buildFamily(data, eventsByFamily, examplesByFamily, refs, bannerPath(file.path)),
    ),
    events,
    examples,
    errata: (raw.errata ?? []).map((e) => ({
      id: e.id,
      source: sourceRef(e.source, top),
      description: refs.text(e.description),
      decision: refs.text(e.decision),
    })),
    decisions: (raw.decisions ?? []).map((d) => ({
      id: d.id,
      title: refs.text(d.title),
      text: refs.text(d.text),
    })),
    files: [catalog, ...sorted].map(({ file }) => bannerPath(file.path)).sort(compareStrings),
    catalogFile: bannerPath(catalog.file.path),
  };
}

/** Items grouped by a key, each group in the items' order. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function sourceResolver(raw: RawCatalog): Refs['source'] {
  const table = new Map<string, SourceRef>();
  for (const source of raw.sources) {
    for (const section of source.sections) {
      const ref = `${source.id}#${section.id}`;
      table.set(ref, {
        ref,
        title: source.title,
        heading: section.heading,
        ...(section.anchor ? { anchor: section.anchor } : {}),
      });
    }
  }
  const first = table.values().next().value as SourceRef;
  return (ref, fallback) => (ref === undefined ? (fallback ?? first) : (table.get(ref) ?? fallback ?? first));
}

/**
 * Texts made into model objects, one object for equal texts. The spec repeats itself (a field's
 * description in every family that has the field): shared, the model is smaller to copy to a worker and
 * to cache, and the emitters, which remember what they derived from a text by its object, find more of it
 * already made.
 */
function textMaker(): (raw: RawText) => Text {
  const made = [new Map<string, Map<string, Text>>(), new Map<string, Map<string, Text>>()];
  return (raw) => {
    const authored = raw.origin === 'authored';
    const byEnglish = mapUnder(made[authored ? 1 : 0] as Map<string, Map<string, Text>>, raw.zh);
    return lookup(byEnglish, raw.en, () => ({ zh: raw.zh, en: raw.en, authored }));
  };
}

/**
 * What `build` makes of `raw` with `fallback` as the source: made once for equal spec data, and shared (as
 * texts are, see textMaker). A large catalog's families repeat the same fields and levels. Equal JSON is
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

function field(raw: RawField, refs: Refs, fallback: SourceRef): FieldModel {
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
  };
  return field;
}

function level(raw: RawLevel, refs: Refs, fallback: SourceRef): LevelModel {
  return builtOnce(refs, 'level', raw, fallback, () => ({
    documented: raw.documented,
    source: refs.source(raw.source, fallback),
    observed: [...(raw.observed ?? [])],
    observedSource: raw.observedSource ? refs.source(raw.observedSource, fallback) : undefined,
  }));
}

/** A family's field models, built once and shared by its notifications (a large catalog has many). */
function familyFields(family: RawFamily, refs: Refs, source: SourceRef): FieldModel[] {
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
function fieldAs(
  field: FieldModel,
  presence: EventFieldModel['presence'],
  bound: EventFieldModel['const'],
  rule: string | undefined,
): EventFieldModel {
  if (presence === field.presence && bound === undefined && rule === undefined) return field;
  const key = `${presence}\0${rule ?? ''}\0${typeof bound}\0${String(bound)}`;
  return lookup(mapUnder(variants, field), key, () => ({ ...field, presence, const: bound, rule }));
}

function buildEvent(
  catalog: RawCatalog,
  family: RawFamily,
  n: RawNotification,
  envelope: readonly FieldModel[],
  examplesByName: ReadonlyMap<string, readonly ExampleModel[]>,
  refs: Refs,
  file: string,
): EventModel {
  const familySource = refs.source(family.source);
  const presence = resolvePresence(family, n);
  const shared = familyFields(family, refs, familySource);
  const content: EventFieldModel[] = family.content.map((raw, i) => {
    const resolved = presence.fields.get(raw.name);
    const bound = n.bind?.[raw.name];
    const rule = resolved?.rule && bound === undefined ? resolved.rule : undefined;
    return fieldAs(shared[i] as FieldModel, resolved?.presence ?? 'required', bound, rule);
  });
  return {
    name: n.name,
    slug: slugOf(n.name),
    typeName: pascalOf(n.name),
    family: family.id,
    label: refs.text(n.label),
    description: n.description ? refs.text(n.description) : undefined,
    level: level(n.level ?? family.level, refs, familySource),
    bindings: Object.entries(n.bind ?? {}).map(([f, value]) => ({ field: f, value })),
    tags: tagsOf(family, n).sort(compareStrings),
    envelope: envelope.map((f) => (f.name === catalog.envelope.discriminator ? { ...f, const: n.name } : f)),
    content,
    examples: (examplesByName.get(n.name) ?? []).map((e) => e.id),
    source: refs.source(n.source, familySource),
    file,
  };
}

function buildFamily(
  raw: RawFamily,
  eventsByFamily: ReadonlyMap<string, readonly EventModel[]>,
  examplesByFamily: ReadonlyMap<string, readonly ExampleModel[]>,
  refs: Refs,
  file: string,
): FamilyModel {
  const source = refs.source(raw.source);
  return {
    id: raw.id,
    typeName: raw.typeName,
    title: refs.text(raw.title),
    description: refs.text(raw.description),
    note: raw.note ? refs.text(raw.note) : undefined,
    source,
    level: level(raw.level, refs, source),
    nameTemplate: raw.nameTemplate,
    tags: (raw.tags ?? []).map((t) => ({ id: t.id, label: refs.text(t.label) })),
    content: familyFields(raw, refs, source),
    presence: (raw.presence ?? []).map((r) => ({
      id: r.id,
      fields: [...r.fields],
      presence: r.presence,
      when: {
        tags: [...(r.when.tags ?? [])],
        values: Object.entries(r.when.values ?? {}).map(([f, values]) => ({
          field: f,
          values: [...values],
        })),
        names: [...(r.when.names ?? [])],
      },
      note: r.note ? refs.text(r.note) : undefined,
      source: refs.source(r.source, source),
    })),
    lifecycles: (raw.lifecycles ?? []).map((l) => ({
      field: l.field,
      groupBy: l.groupBy,
      source: refs.source(l.source, source),
      note: l.note ? refs.text(l.note) : undefined,
      initial: [...l.initial],
      transitions: l.transitions.map((t) => ({ from: t.from, to: t.to })),
      final: [...l.final],
    })),
    events: (eventsByFamily.get(raw.id) ?? []).map((e) => e.name),
    examples: (examplesByFamily.get(raw.id) ?? []).map((e) => e.id),
    file,
  };
}

function buildExamples(
  family: RawFamily,
  file: string,
  texts: ReadonlyMap<string, ExampleText>,
  catalog: RawCatalog,
  refs: Refs,
): ExampleModel[] {
  const fallback = refs.source(family.source);
  return (family.examples ?? []).map((e) => {
    const parsed = texts.get(e.id) as ExampleText;
    const carried = (parsed.value as Record<string, unknown>)[catalog.envelope.discriminator];
    return {
      id: e.id,
      family: family.id,
      title: refs.text(e.title),
      source: refs.source(e.source, fallback),
      notification: e.notification ?? String(carried),
      text: parsed.text,
      value: parsed.value,
      expect:
        e.expect === 'valid'
          ? { valid: true }
          : { valid: false, erratum: e.expect.erratum, errors: e.expect.errors.map((x) => ({ ...x })) },
      file,
    };
  });
}
