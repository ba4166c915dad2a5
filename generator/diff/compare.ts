/**
 * Compares two catalog models, notification by notification and field by field, as the people who receive
 * the events see them: what the new catalog accepts and declares that the old one did not, and the reverse.
 */
import type { Catalog, EventFieldModel, EventModel, Scalar } from '../model/catalog.js';
import { type Change, changeOf } from './change.js';
import { compareDocs } from './docs.js';
import { compareField, sameText } from './fields.js';
import { compareForms } from './forms.js';

/** Every change from `before` to `after`: notifications in name order, then what belongs to none. */
export function compareCatalogs(before: Catalog, after: Catalog): Change[] {
  const old = new Map(before.events.map((e) => [e.name, e]));
  const now = new Map(after.events.map((e) => [e.name, e]));
  const names = [...new Set([...old.keys(), ...now.keys()])].sort();
  const changes: Change[] = [];
  for (const name of names) {
    const [was, is] = [old.get(name), now.get(name)];
    if (!was) changes.push(changeOf('name-added', { name }));
    else if (!is) changes.push(changeOf('name-removed', { name }));
    else changes.push(...compareEvent(before, after, was, is));
  }
  changes.push(
    ...compareFamilyValues(before, after, changes),
    ...compareForms(before, after),
    ...compareDocs(before, after),
  );
  return changes;
}

/**
 * Values of a family's enumerations that no notification's comparison reported: those of fields each
 * notification binds to one value (a new value comes with new names), which the family's declarations list.
 */
function compareFamilyValues(before: Catalog, after: Catalog, seen: readonly Change[]): Change[] {
  const reported = new Set(seen.map((c) => `${c.field}\0${c.value}`));
  const prefix = `${after.envelope.content}.`;
  const old = new Map(before.families.map((f) => [f.id, f]));
  const changes: Change[] = [];
  for (const family of after.families) {
    const fields = new Map(old.get(family.id)?.content.map((f) => [f.name, f]));
    for (const field of family.content) {
      const was = fields.get(field.name)?.enum;
      if (!was || !field.enum) continue;
      const at = { field: `${prefix}${field.name}`, scope: `family ${family.id}` };
      const [had, has] = [new Set(was.map((e) => e.value)), new Set(field.enum.map((e) => e.value))];
      const found = (kind: 'enum-value-added' | 'enum-value-removed', value: Scalar) => {
        if (!reported.has(`${at.field}\0${value}`)) changes.push(changeOf(kind, { ...at, value }));
      };
      for (const value of had) if (!has.has(value)) found('enum-value-removed', value);
      for (const value of has) if (!had.has(value)) found('enum-value-added', value);
    }
  }
  return changes;
}

/** A notification both catalogs have: how it is classified, its texts, its fields. */
function compareEvent(before: Catalog, after: Catalog, was: EventModel, is: EventModel): Change[] {
  const { name } = is;
  const changes: Change[] = [];
  for (const what of ['family', 'resourceType', 'category', 'status'] as const) {
    const [o, n] = [was[what], is[what]];
    if (o === n) continue;
    // A catalog that starts classifying its notifications only adds to what a name tells.
    const kind =
      o === undefined ? 'name-classified' : n === undefined ? 'name-unclassified' : 'name-regrouped';
    changes.push(changeOf(kind, { name, args: { what: words(what), old: `${o}`, new: `${n}` } }));
  }
  if (was.level.documented !== is.level.documented)
    changes.push(
      changeOf('level-changed', { name, args: { old: was.level.documented, new: is.level.documented } }),
    );
  for (const part of ['label', 'description'] as const)
    if (!sameText(was[part], is[part]))
      changes.push(changeOf('text-changed', { name, args: { what: `the ${part} changed` } }));
  changes.push(...compareFields(name, '', was.envelope, is.envelope, [before, after]));
  const [c1, c2] = [before.envelope.content, after.envelope.content];
  changes.push(...compareFields(name, `${c2 === c1 ? c2 : c1}.`, was.content, is.content, [before, after]));
  return changes;
}

/** The fields of one part of the event (the envelope, or the content under `prefix`). */
function compareFields(
  name: string,
  prefix: string,
  before: readonly EventFieldModel[],
  after: readonly EventFieldModel[],
  [old, now]: readonly [Catalog, Catalog],
): Change[] {
  // The discriminator and the content are the event itself: their changes are the notification's.
  const skip = (f: EventFieldModel, c: Catalog) =>
    prefix === '' && (f.name === c.envelope.discriminator || f.name === c.envelope.content);
  const was = new Map(before.filter((f) => !skip(f, old)).map((f) => [f.name, f]));
  const is = new Map(after.filter((f) => !skip(f, now)).map((f) => [f.name, f]));
  const fields = [...new Set([...was.keys(), ...is.keys()])];
  return fields.flatMap((field) =>
    compareField({ name, field: `${prefix}${field}` }, was.get(field), is.get(field)),
  );
}

/** "resourceType" → "resource type". */
function words(key: string): string {
  return key.replace(/[A-Z]/g, (ch) => ` ${ch.toLowerCase()}`);
}
