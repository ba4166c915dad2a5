/**
 * Stage 3, model: turns the validated spec files into the Catalog that emitters read. It assumes that the
 * validate stage found no error; it resolves references, presence and bindings, and sorts. Equal texts,
 * fields and levels are one object each (see refs.ts and fields.ts), so the model is never to be changed
 * once built.
 */
import { basename } from 'node:path';
import type { RawCatalog, RawFamily, RawNotification, RawReleases } from '../load/spec-types.js';
import { compareStrings } from '../support/diagnostics.js';
import type { Located } from '../validate/context.js';
import type { ExampleText } from '../validate/examples.js';
import type {
  Catalog,
  EventFieldModel,
  EventModel,
  ExampleModel,
  FamilyModel,
  FieldModel,
} from './catalog.js';
import { classification, envelopeOf } from './classes.js';
import { buildDeliveries } from './deliveries.js';
import { familyFields, field, fieldAs, level } from './fields.js';
import { createRefs, type Refs } from './refs.js';
import { buildReleases } from './releases.js';
import { categoryOf, pascalOf, resolvePresence, slugOf, statusOf, tagsOf } from './resolve.js';

/** Builds the model from a valid spec. */
export function buildModel(
  specDir: string,
  catalog: Located<RawCatalog>,
  families: readonly Located<RawFamily>[],
  exampleTexts: ReadonlyMap<string, ExampleText>,
  releases?: Located<RawReleases>,
): Catalog {
  const raw = catalog.data;
  const bannerPath = bannerPaths(specDir);
  const refs = createRefs(raw);
  const envelopeFields = raw.envelope.fields.map((f) => field(f, refs, refs.top));
  const sorted = [...families].sort((a, b) => compareStrings(a.data.id, b.data.id));
  const examples = sorted.flatMap(({ file, data }) =>
    buildExamples(data, bannerPath(file.path), exampleTexts, raw, refs),
  );
  const envelopes = envelopeOf(raw, envelopeFields, refs);
  const events = buildEvents(raw, sorted, envelopes, examples, refs, bannerPath);
  const eventsByFamily = groupBy(events, (e) => e.family);
  const examplesByFamily = groupBy(examples, (e) => e.family);
  return {
    ...describeCatalog(raw, refs),
    envelope: {
      discriminator: raw.envelope.discriminator,
      content: raw.envelope.content,
      level: raw.envelope.level,
      fields: envelopeFields,
    },
    ...classification(raw, events, refs),
    families: sorted.map(({ file, data }) =>
      buildFamily(data, eventsByFamily, examplesByFamily, refs, bannerPath(file.path)),
    ),
    events,
    examples,
    ...buildNotes(raw, refs),
    releases: buildReleases(releases?.data),
    deliveries: buildDeliveries(
      raw,
      sorted.map((f) => f.data),
      events,
      refs,
    ),
    files: [catalog, ...sorted].map(({ file }) => bannerPath(file.path)).sort(compareStrings),
    catalogFile: bannerPath(catalog.file.path),
  };
}

/** How the banner of a generated file names a spec file: under the spec folder's name. */
function bannerPaths(specDir: string): (path: string) => string {
  const specName = basename(specDir.replace(/[\\/]+$/, '')) || 'spec';
  return (path) => `${specName}/${path}`;
}

/** The catalog's own facts: what it is, where its facts come from, and its formats. */
function describeCatalog(raw: RawCatalog, refs: Refs) {
  return {
    id: raw.id,
    version: raw.version,
    product: raw.product,
    title: refs.text(raw.title),
    summary: refs.text(raw.summary),
    package: { ...raw.package },
    schemaBaseUri: raw.schemaBaseUri,
    linkBase: raw.linkBase,
    sources: raw.sources.map((s) => ({ ...s, sections: s.sections.map((x) => ({ ...x })) })),
    formats: [...refs.formats.values()],
  } satisfies Partial<Catalog>;
}

/** The catalog's errata and decisions. */
function buildNotes(raw: RawCatalog, refs: Refs) {
  return {
    errata: (raw.errata ?? []).map((e) => ({
      id: e.id,
      source: refs.source(e.source, refs.top),
      description: refs.text(e.description),
      decision: refs.text(e.decision),
    })),
    decisions: (raw.decisions ?? []).map((d) => ({
      id: d.id,
      title: refs.text(d.title),
      text: refs.text(d.text),
    })),
  } satisfies Partial<Catalog>;
}

/** Every notification of every family, sorted by name. */
function buildEvents(
  raw: RawCatalog,
  families: readonly Located<RawFamily>[],
  envelopes: (resourceType: string | undefined) => readonly FieldModel[],
  examples: readonly ExampleModel[],
  refs: Refs,
  bannerPath: (path: string) => string,
): EventModel[] {
  const examplesByName = groupBy(examples, (e) => e.notification);
  return families
    .flatMap(({ file, data }) =>
      data.notifications.map((n) =>
        buildEvent(raw, data, n, envelopes(data.resourceType), examplesByName, refs, bannerPath(file.path)),
      ),
    )
    .sort((a, b) => compareStrings(a.name, b.name));
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
    const id = resolved?.rule && bound === undefined ? resolved.rule : undefined;
    const decided = id === undefined ? undefined : family.presence?.find((r) => r.id === id);
    const rule =
      id === undefined ? undefined : { id, note: decided?.note ? refs.text(decided.note) : undefined };
    return fieldAs(shared[i] as FieldModel, resolved?.presence ?? 'required', bound, rule);
  });
  return {
    name: n.name,
    slug: slugOf(n.name),
    typeName: pascalOf(n.name),
    family: family.id,
    resourceType: family.resourceType,
    category: categoryOf(family, n),
    status: statusOf(family, n),
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
    resourceType: raw.resourceType,
    category: raw.category,
    statusField: raw.statusField,
    subject: raw.subject,
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
        categories: [...(r.when.categories ?? [])],
        statuses: [...(r.when.statuses ?? [])],
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
      groups: (l.groups ?? []).map((g) => ({
        values: [...g.values],
        initial: [...g.initial],
        transitions: g.transitions?.map((t) => ({ from: t.from, to: t.to })),
        source: refs.source(g.source, source),
      })),
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
      describes: e.describes,
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
