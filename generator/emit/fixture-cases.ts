/**
 * Invalid fixtures: for one notification, events that each break exactly one rule of its schema, with the
 * error (JSON path and keyword) that a validator must report. Each rule kind that applies to the
 * notification gets one case, on the first field it applies to (content fields before envelope fields).
 */

import type { Catalog, EventFieldModel, EventModel } from '../catalog.js';
import { indexOf } from '../catalog-index.js';
import { toPointer } from '../positions.js';
import { nonMatching, outsideEnum, sampleValue, validEvent, wrongTypeValue } from './fixture-values.js';

export type RuleKind =
  | 'missing-required'
  | 'wrong-type'
  | 'outside-enum'
  | 'bad-pattern'
  | 'forbidden-field'
  | 'name-mismatch'
  | 'unknown-field';

/** Every rule kind, in the order fixtures are written. */
export const RULE_KINDS: readonly RuleKind[] = [
  'missing-required',
  'wrong-type',
  'outside-enum',
  'bad-pattern',
  'forbidden-field',
  'name-mismatch',
  'unknown-field',
];

export interface InvalidCase {
  readonly rule: RuleKind;
  /** JSON Pointer of the field the case breaks. */
  readonly field: string;
  readonly description: string;
  /** True when only the strict schemas reject the event. */
  readonly strict: boolean;
  readonly event: Record<string, unknown>;
  readonly errors: readonly { readonly path: string; readonly keyword: string }[];
}

interface Located {
  readonly field: EventFieldModel;
  readonly path: string[];
}

/** The invalid cases of one notification. */
export function invalidCases(catalog: Catalog, event: EventModel): InvalidCase[] {
  const contentKey = catalog.envelope.content;
  const fields: Located[] = [
    ...event.content.map((field) => ({ field, path: [contentKey, field.name] })),
    ...event.envelope
      .filter((f) => f.name !== contentKey && f.name !== catalog.envelope.discriminator)
      .map((field) => ({ field, path: [field.name] })),
  ];
  const find = (test: (f: EventFieldModel) => boolean) => fields.find((l) => test(l.field));
  const cases: InvalidCase[] = [];
  const valid = validEvent(catalog, event, 'complete');
  const add = (
    rule: RuleKind,
    at: Located | undefined,
    value: unknown,
    keyword: string,
    description: string,
  ) => {
    if (!at) return;
    const base = copyEvent(valid, contentKey);
    setAt(base, at.path, value);
    const path = toPointer(at.path);
    cases.push({ rule, field: path, description, strict: false, event: base, errors: [{ path, keyword }] });
  };
  const open = (f: EventFieldModel) => f.const === undefined && f.presence !== 'absent';
  const missing = find((f) => f.presence === 'required' && f.const === undefined && f.type !== 'object');
  add('missing-required', missing, undefined, 'required', `${missing?.field.name} is required`);
  const typed = find((f) => open(f) && !f.enum && f.type !== 'object');
  add(
    'wrong-type',
    typed,
    wrongTypeValue(typed?.field.type ?? 'string'),
    'type',
    `${typed?.field.name} must be a ${typed?.field.type}`,
  );
  const enumerated = find((f) => open(f) && f.enum !== undefined);
  const outside = outsideEnum(enumerated?.field.enum?.map((e) => e.value) ?? []);
  add(
    'outside-enum',
    enumerated,
    outside,
    'enum',
    `${enumerated?.field.name} must be one of its listed values`,
  );
  const patterned = find(
    (f) =>
      open(f) &&
      f.type === 'string' &&
      !f.enum &&
      f.pattern !== undefined &&
      nonMatching(f.pattern) !== undefined,
  );
  const bad = patterned?.field.pattern === undefined ? undefined : nonMatching(patterned.field.pattern);
  add('bad-pattern', patterned, bad, 'pattern', `${patterned?.field.name} must match its format`);
  const forbidden = find((f) => f.presence === 'absent');
  const family = indexOf(catalog).family(event.family);
  const sample = forbidden
    ? sampleValue(family?.content.find((f) => f.name === forbidden.field.name) ?? forbidden.field)
    : undefined;
  add(
    'forbidden-field',
    forbidden,
    sample,
    'false schema',
    `${forbidden?.field.name} must be absent for ${event.name}`,
  );
  const bound = find((f) => f.const !== undefined && (f.enum?.length ?? 0) > 1);
  const other = bound?.field.enum?.find((e) => e.value !== bound.field.const)?.value;
  add('name-mismatch', bound, other, 'const', `${bound?.field.name} must agree with the notification name`);
  cases.push(unknownFieldCase(catalog, event, copyEvent(valid, contentKey)));
  return cases;
}

/**
 * A copy of a valid event that a case may change one field of: the envelope and the content are copied, the
 * values are shared (a case sets a field of either, never inside a value).
 */
function copyEvent(valid: Record<string, unknown>, contentKey: string): Record<string, unknown> {
  const copy = { ...valid };
  const content = valid[contentKey];
  if (content !== undefined) copy[contentKey] = { ...(content as Record<string, unknown>) };
  return copy;
}

function unknownFieldCase(catalog: Catalog, event: EventModel, base: Record<string, unknown>): InvalidCase {
  const names = new Set(event.content.map((f) => f.name));
  let extra = 'unlistedField';
  while (names.has(extra)) extra += 'X';
  const path = [catalog.envelope.content, extra];
  setAt(base, path, 'value');
  const pointer = toPointer(path);
  const description = `${extra} is not a field of ${event.name}: accepted by the default schemas, rejected by the strict ones`;
  return {
    rule: 'unknown-field',
    field: pointer,
    description,
    strict: true,
    event: base,
    errors: [{ path: pointer, keyword: 'additionalProperties' }],
  };
}

function setAt(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  const [head, ...rest] = path as [string, ...string[]];
  if (rest.length > 0) {
    setAt(target[head] as Record<string, unknown>, rest, value);
    return;
  }
  if (value === undefined) delete target[head];
  else target[head] = value;
}
