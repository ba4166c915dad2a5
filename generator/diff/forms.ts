/**
 * The delivery forms, as the people who receive events in them see a change: a form the catalog reads (or
 * no longer reads), a notification's type in a form (what an event rule selects it by), and where a form
 * carries an envelope field.
 */
import type { Catalog } from '../model/catalog.js';
import { type Change, changeOf } from './change.js';

export function compareForms(before: Catalog, after: Catalog): Change[] {
  const old = new Map((before.deliveries?.forms ?? []).map((f) => [f.id, f]));
  const now = new Map((after.deliveries?.forms ?? []).map((f) => [f.id, f]));
  const changes: Change[] = [];
  for (const [id, form] of now) {
    const was = old.get(id);
    const scope = `form ${id}`;
    if (!was) {
      changes.push(changeOf('form-added', { scope }));
      continue;
    }
    const names = Object.keys(form.typeOf).sort();
    for (const name of names) {
      const [from, to] = [was.typeOf[name], form.typeOf[name]];
      if (from !== undefined && to !== undefined && from !== to)
        changes.push(changeOf('form-type-changed', { name, args: { what: form.label, old: from, new: to } }));
    }
    const places = new Map(was.fields.map((f) => [f.field, f.path]));
    for (const f of form.fields) {
      const place = places.get(f.field);
      if (place !== undefined && f.path !== undefined && place !== f.path)
        changes.push(
          changeOf('form-field-moved', {
            scope,
            field: f.field,
            args: { what: form.label, old: place, new: f.path },
          }),
        );
    }
  }
  for (const id of old.keys())
    if (!now.has(id)) changes.push(changeOf('form-removed', { scope: `form ${id}` }));
  return changes;
}
