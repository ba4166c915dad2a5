/**
 * A classic event in a delivery form that names notifications by type (EventBridge): what the fixtures
 * and the docs show of each notification in that form. The reverse of what the runtime's forms.js reads,
 * driven by the same model (where each envelope field goes, the type, the status the form adds).
 */
import type { Catalog, EventModel } from '../../model/catalog.js';
import type { DeliveryFormModel, FormTypeModel } from '../../model/deliveries.js';
import { lookup } from '../../support/lookup.js';

/** Each form's types by their type (a scan per event would make the fixtures and types quadratic). */
const typesOf = new WeakMap<DeliveryFormModel, Map<string, FormTypeModel>>();

/** The type of the form that a notification is, when the form names notifications by type. */
export function formTypeOf(form: DeliveryFormModel, name: string): FormTypeModel | undefined {
  const types = lookup(typesOf, form, () => new Map(form.types.map((t) => [t.type, t])));
  const type = form.typeOf[name];
  return type === undefined ? undefined : types.get(type);
}

/** Basic ISO 8601 with its offset (20190410T160101.922+0800) as RFC 3339 (2019-04-10T16:01:01.922+08:00). */
function rfc3339(value: unknown): unknown {
  const m =
    typeof value === 'string'
      ? /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)(\.\d+)?([+-]\d\d)(\d\d)$/.exec(value)
      : null;
  if (!m) return value;
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${m[7] ?? ''}${m[8]}:${m[9]}`;
}

const REVERSE = { 'basic-iso-8601': rfc3339 } as const;

/**
 * `classic` (an event of `event`'s notification, valid or not) in the form; the form's optional attributes
 * with their examples when `complete`.
 */
export function toFormEvent(
  catalog: Catalog,
  form: DeliveryFormModel,
  event: EventModel,
  classic: Record<string, unknown>,
  complete: boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const a of form.attributes) {
    const value = a.value ?? (complete || a.presence === 'required' ? a.example : undefined);
    if (value !== undefined) out[a.name] = value;
  }
  const type = form.type;
  if (type) out[type.path.slice(1)] = form.typeOf[event.name];
  const adds = type && formTypeOf(form, event.name)?.addsStatus;
  for (const f of form.fields) {
    if (f.path === undefined || !Object.hasOwn(classic, f.field)) continue;
    let value = classic[f.field];
    if (f.convert) value = REVERSE[f.convert](value);
    if (f.field === catalog.envelope.content && adds && type && event.status !== undefined && isRecord(value))
      value = { ...value, [type.statusField]: event.status };
    out[f.path.slice(1)] = value;
  }
  return out;
}

/** The form's path of a classic error path, or undefined when the form does not carry that field. */
export function formPath(form: DeliveryFormModel, path: string): string | undefined {
  const key = path.slice(1).split('/')[0] ?? '';
  const field = form.fields.find((f) => f.field === key);
  if (!field?.path || field.convert) return undefined;
  return `${field.path}${path.slice(key.length + 1)}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
