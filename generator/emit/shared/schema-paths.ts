/**
 * Where the JSON Schemas live under generated/schemas/: the json-schema emitter writes them there, and the
 * docs and the types link to them.
 */
import type { EventModel, FamilyModel } from '../../model/catalog.js';

/** The default schemas allow fields the catalog does not list; the strict ones reject them. */
export type Variant = 'default' | 'strict';
export const VARIANTS: readonly Variant[] = ['default', 'strict'];

/** What a variant adds to an object schema: the strict one closes it to the fields it lists. */
export function closedIn(variant: Variant): { readonly additionalProperties?: false } {
  return variant === 'strict' ? { additionalProperties: false } : {};
}

/** Path of a schema inside generated/, relative to the schemas folder. */
export const schemaPaths = {
  event: (event: EventModel) => `events/${event.slug}.schema.json`,
  family: (family: FamilyModel, variant: Variant) => `${prefix(variant)}families/${family.id}.schema.json`,
  bundle: (variant: Variant) => `${prefix(variant)}events.schema.json`,
  /**
   * The variant for code generators (quicktype and the like): the same family and bundle schemas as a
   * union of their notifications, tagged by the name, which a generator reads and an if/then does not show.
   */
  codegenFamily: (family: FamilyModel) => `codegen/families/${family.id}.schema.json`,
  codegenBundle: () => 'codegen/events.schema.json',
};

function prefix(variant: Variant): string {
  return variant === 'strict' ? 'strict/' : '';
}
