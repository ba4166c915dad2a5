/**
 * One field of one notification on both sides: its presence, then (when both sides have it) its values'
 * type, constant, enumeration, pattern and format, then its texts.
 */
import type { EnumValueModel, EventFieldModel, Scalar, Text } from '../model/catalog.js';
import { type Change, type ChangeKind, type ChangeOf, changeOf, quote } from './change.js';
import { isWiderPattern, rejectedExample } from './pattern.js';

/** A field's presence in a notification; `missing` when the notification does not list it at all. */
type Presence = EventFieldModel['presence'] | 'missing';

/** Where a field is: the notification and the field's path in the event. */
export interface FieldAt {
  readonly name: string;
  readonly field: string;
}

/** Every change of one field of one notification. */
export function compareField(
  at: FieldAt,
  before: EventFieldModel | undefined,
  after: EventFieldModel | undefined,
): Change[] {
  const changes: Change[] = [];
  const was: Presence = before?.presence ?? 'missing';
  const is: Presence = after?.presence ?? 'missing';
  const presence = presenceKind(was, is);
  if (presence) changes.push(changeOf(presence, { ...at, args: { old: was, new: is } }));
  if (before && after && was !== 'absent' && is !== 'absent') {
    changes.push(...compareValues(at, before, after), ...compareTexts(at, before, after));
  }
  return changes;
}

/** The kind of a presence change, seen from a consumer's side (undefined: none). */
function presenceKind(was: Presence, is: Presence): ChangeKind | undefined {
  if (was === is) return undefined;
  if (was === 'missing')
    return is === 'optional' ? 'field-added' : is === 'required' ? 'field-added-required' : 'field-forbidden';
  if (is === 'missing') return was === 'absent' ? 'field-unlisted' : 'field-removed';
  if (is === 'required') return 'field-required';
  if (is === 'absent') return 'field-forbidden';
  return was === 'absent' ? 'field-allowed' : 'field-optional';
}

function compareValues(at: FieldAt, before: EventFieldModel, after: EventFieldModel): Change[] {
  const changes: Change[] = [];
  const add = (kind: ChangeKind, of: ChangeOf = {}) => changes.push(changeOf(kind, { ...at, ...of }));
  if (before.type !== after.type) {
    const widened = before.type === 'integer' && after.type === 'number';
    add(widened ? 'type-widened' : 'type-changed', { args: { old: before.type, new: after.type } });
  }
  const [c1, c2] = [before.const, after.const];
  if (c1 !== undefined || c2 !== undefined) {
    // A constant decides the value alone: the enumeration and the pattern no longer apply.
    const args = { old: quote(c1), new: quote(c2) };
    if (c1 === undefined) add('value-fixed', { args });
    else if (c2 === undefined) add('value-freed', { args });
    else if (c1 !== c2) add('value-changed', { args });
    return changes;
  }
  compareEnums(before.enum, after.enum, add);
  comparePatterns(before, after, add);
  const [f1, f2] = [before.format?.jsonSchemaFormat, after.format?.jsonSchemaFormat];
  const formats = { old: f1 ?? '', new: f2 ?? '' };
  if (f1 === undefined && f2 !== undefined) add('format-added', { args: formats });
  else if (f1 !== undefined && f2 === undefined) add('format-removed', { args: formats });
  else if (f1 !== f2) add('format-changed', { args: formats });
  return changes;
}

type Add = (kind: ChangeKind, of?: ChangeOf) => void;

function compareEnums(
  before: readonly EnumValueModel[] | undefined,
  after: readonly EnumValueModel[] | undefined,
  add: Add,
): void {
  if (before && !after) add('enum-removed');
  else if (!before && after)
    add('enum-added', { args: { new: after.map((e) => quote(e.value)).join(', ') } });
  if (!before || !after) return;
  const kept = new Map<Scalar, EnumValueModel>(after.map((e) => [e.value, e]));
  const had = new Set<Scalar>(before.map((e) => e.value));
  for (const value of before) if (!kept.has(value.value)) add('enum-value-removed', { value: value.value });
  for (const value of after) if (!had.has(value.value)) add('enum-value-added', { value: value.value });
  for (const old of before) {
    const now = kept.get(old.value);
    for (const part of ['label', 'description', 'impact', 'response'] as const) {
      if (now && !sameText(old[part], now[part]))
        add('text-changed', {
          value: old.value,
          args: { what: `the ${part} of value ${quote(old.value)} changed` },
        });
    }
  }
}

function comparePatterns(before: EventFieldModel, after: EventFieldModel, add: Add): void {
  const [p1, p2] = [before.pattern, after.pattern];
  const args = { old: quote(p1 ?? ''), new: quote(p2 ?? '') };
  if (p1 === p2) return;
  if (p1 === undefined) add('pattern-added', { args });
  else if (p2 === undefined) add('pattern-removed', { args });
  else if (isWiderPattern(p1, p2)) add('pattern-widened', { args });
  else {
    const example = rejectedExample(p2, [before.example, before.format?.example]);
    const why = example === undefined ? '' : `, which rejects the old example ${quote(example)}`;
    add('pattern-changed', { args: { ...args, why } });
  }
}

/** The texts of a field that the docs, the schemas' descriptions and the declarations' comments show. */
function compareTexts(at: FieldAt, before: EventFieldModel, after: EventFieldModel): Change[] {
  const changed: string[] = [];
  for (const part of ['description', 'note', 'ruleNote'] as const)
    if (!sameText(before[part], after[part]))
      changed.push(part === 'ruleNote' ? "the presence rule's note" : `the ${part}`);
  if (before.example !== after.example) changed.push('the example');
  if (quote(before.references) !== quote(after.references)) changed.push('the references');
  // A format's own texts are the catalog's (see docs.ts); here only which format the field names.
  if (before.format?.id !== after.format?.id) changed.push('the format named');
  return changed.map((what) => changeOf('text-changed', { ...at, args: { what: `${what} changed` } }));
}

/** Whether two optional texts say the same in both languages. */
export function sameText(a: Text | undefined, b: Text | undefined): boolean {
  return a?.zh === b?.zh && a?.en === b?.en;
}
