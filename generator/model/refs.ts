/**
 * What every part of the model is built with: the resolver of source references, the catalog's formats,
 * the maker of shared texts, and the tables that let equal fields and levels be one object each.
 */
import type { RawCatalog, RawFamily, RawText } from '../load/spec-types.js';
import { lookup, mapUnder } from '../support/lookup.js';
import type { FieldModel, FormatModel, SourceRef, Text } from './catalog.js';

export interface Refs {
  readonly source: (ref: string | undefined, fallback?: SourceRef) => SourceRef;
  /** The catalog's own source: the fallback of parts that name none. */
  readonly top: SourceRef;
  readonly formats: ReadonlyMap<string, FormatModel>;
  /** The model's Text for a spec text: one object for equal texts. */
  readonly text: (raw: RawText) => Text;
  /** Field and level models built so far, by what they were built from (see builtOnce in fields.ts). */
  readonly built: Map<string, { readonly raw: unknown; readonly model: unknown }>;
  /** The same, by the spec data's object and the fallback source (most are asked for again by object). */
  readonly builtFrom: WeakMap<object, Map<SourceRef, unknown>>;
  /** Each family's field models (see familyFields in fields.ts). */
  readonly familyFields: WeakMap<RawFamily, FieldModel[]>;
}

/** Fresh references for building one model from `raw`. */
export function createRefs(raw: RawCatalog): Refs {
  const source = sourceResolver(raw);
  const top = source(undefined);
  const text = textMaker();
  return {
    source,
    top,
    formats: formatsOf(raw, source, top, text),
    text,
    built: new Map(),
    builtFrom: new WeakMap(),
    familyFields: new WeakMap(),
  };
}

function formatsOf(
  raw: RawCatalog,
  source: Refs['source'],
  top: SourceRef,
  text: Refs['text'],
): Map<string, FormatModel> {
  return new Map(
    (raw.formats ?? []).map((f) => [
      f.id,
      {
        id: f.id,
        label: text(f.label),
        pattern: f.pattern,
        ...(f.jsonSchemaFormat ? { jsonSchemaFormat: f.jsonSchemaFormat } : {}),
        ...(f.mask ? { mask: { ...f.mask } } : {}),
        example: f.example,
        source: source(f.source, top),
      } satisfies FormatModel,
    ]),
  );
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
    const key = raw.source === undefined ? raw.en : `${raw.en}\0${raw.source}`;
    return lookup(byEnglish, key, () => ({ zh: raw.zh, en: raw.en, authored, source: raw.source }));
  };
}
