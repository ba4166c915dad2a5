/**
 * What the schema builders share: the draft they declare, the required fields of a list, and the run that
 * makes each repeated part once.
 */
import type { Catalog, EventFieldModel, EventModel, FamilyModel } from '../../model/catalog.js';
import { lookup } from '../../support/lookup.js';
import { fieldSchema } from '../shared/field-schema.js';
import type { Variant } from '../shared/schema-paths.js';
import { type JsonWriter, jsonWriter } from './json-writer.js';

export const DRAFT_2020_12 = 'https://json-schema.org/draft/2020-12/schema';

/**
 * How a family or bundle schema chooses its notification: a variant dispatches by if/then on the name, for
 * validators (an error is reported against the one notification the name selects); `union` makes it a
 * union of the notifications tagged by the name, for code generators (which read a union and not an
 * if/then), open as the default variant is.
 */
export type DispatchForm = Variant | 'union';

/** The variant whose objects a form's are: closed in the strict one. */
export function variantOf(form: DispatchForm): Variant {
  return form === 'union' ? 'default' : form;
}

/** The names of the fields that must be present. */
export function requiredOf(fields: readonly EventFieldModel[]): string[] {
  return fields.filter((f) => f.presence === 'required').map((f) => f.name);
}

/**
 * What one run of the emitter makes once and places in many schemas, as tokens of its writer: each field's
 * schema, each family's part of the dispatch schemas (by variant), each notification's part and branch.
 */
export class SchemaRun {
  readonly json: JsonWriter = jsonWriter();
  readonly families = new Map<FamilyModel, Map<DispatchForm, unknown>>();
  readonly deltas = new Map<EventModel, unknown>();
  readonly branches = new Map<EventModel, unknown>();

  /** `$defs` keys by kind and id: made once, not for each of the four dispatch schemas that hold them. */
  private readonly keys = { family: new Map<string, string>(), event: new Map<string, string>() };

  constructor(readonly catalog: Catalog) {}

  defKey(kind: 'family' | 'event', id: string): string {
    return lookup(this.keys[kind], id, () => `${kind}.${id}`);
  }

  /** A field's schema in a document, as a token; `false` for a field that must be absent. */
  field(field: EventFieldModel): unknown {
    const schema = fieldSchema(field);
    return typeof schema === 'boolean' ? schema : this.json.token(schema);
  }
}
