/**
 * The delivery forms of the model: each form the catalog's `deliveries` declares, with every envelope field
 * resolved to where the form carries it, and (for a form that names notifications by a type) the type of
 * every notification, derived once here by the declared rule so that no emitter or runtime repeats it.
 */
import type { RawCatalog, RawDeliveryForm, RawFamily } from '../load/spec-types.js';
import { compareStrings } from '../support/diagnostics.js';
import type { EventModel, FormatModel, SourceRef, Text } from './catalog.js';
import type { Refs } from './refs.js';
import { fillTemplate } from './resolve.js';

/** Where a form carries one envelope field. */
export interface FormFieldModel {
  /** The envelope field. */
  readonly field: string;
  /** JSON Pointer into the form's object, when the form carries the value. */
  readonly path?: string | undefined;
  readonly convert?: 'basic-iso-8601' | undefined;
  /** The format of the value as the form writes it (when converted). */
  readonly format?: FormatModel | undefined;
  /** The value every event of the form gets, when the form does not carry it. */
  readonly value?: string | undefined;
  /** The value is the notification's documented level (`value` for a name the catalog does not know). */
  readonly documentedLevel: boolean;
}

/** One type of a form that names notifications by type: the names it stands for. */
export interface FormTypeModel {
  readonly type: string;
  readonly family: string;
  /** The name without a status, or the names by status. */
  readonly names: readonly { readonly status?: string | undefined; readonly name: string }[];
  /** The content has no status field: the form adds one (at the type rule's status pointer). */
  readonly addsStatus: boolean;
}

export interface DeliveryFormModel {
  readonly id: string;
  readonly label: string;
  /** PascalCase, for the package's type names. */
  readonly typeName: string;
  readonly source: SourceRef;
  readonly description: Text;
  readonly text?: string | undefined;
  readonly marker: string;
  readonly require: readonly { readonly path: string; readonly value: string }[];
  readonly type?:
    | {
        readonly path: string;
        readonly prefix: string;
        /** Pointer of the status; `statusField` its last key, under the content's pointer. */
        readonly status: string;
        readonly statusField: string;
        readonly source: SourceRef;
        readonly patternSource?: SourceRef | undefined;
      }
    | undefined;
  /** Every envelope field the form gives a value, in the envelope's order. */
  readonly fields: readonly FormFieldModel[];
  readonly attributes: readonly {
    readonly name: string;
    readonly value?: string | undefined;
    readonly presence: 'required' | 'optional';
    readonly example?: string | undefined;
    readonly description: Text;
  }[];
  /** By type, sorted (empty for a form without a type rule). */
  readonly types: readonly FormTypeModel[];
  /** Each notification's type. */
  readonly typeOf: Readonly<Record<string, string>>;
  readonly examples: readonly {
    readonly id: string;
    readonly title: Text;
    readonly source: SourceRef;
    readonly notification: string;
    readonly text: string;
    readonly value: unknown;
  }[];
}

export interface DeliveriesModel {
  readonly classic: { readonly label: string; readonly source: SourceRef };
  readonly forms: readonly DeliveryFormModel[];
}

/** The deliveries of a valid spec, or undefined when it declares none. */
export function buildDeliveries(
  raw: RawCatalog,
  families: readonly RawFamily[],
  events: readonly EventModel[],
  refs: Refs,
): DeliveriesModel | undefined {
  const d = raw.deliveries;
  if (!d) return undefined;
  return {
    classic: { label: d.classic.label, source: refs.source(d.classic.source) },
    forms: d.forms.map((form) => buildForm(raw, form, families, events, refs)),
  };
}

function buildForm(
  raw: RawCatalog,
  form: RawDeliveryForm,
  families: readonly RawFamily[],
  events: readonly EventModel[],
  refs: Refs,
): DeliveryFormModel {
  const type = form.type;
  const statusField = type ? lastKey(type.status) : '';
  const typeOf: Record<string, string> = {};
  const byType = new Map<string, { family: string; names: { status?: string; name: string }[] }>();
  const familyOf = new Map(families.map((f) => [f.id, f]));
  if (type) {
    for (const event of events) {
      const family = familyOf.get(event.family) as RawFamily;
      const t = `${type.prefix}${nameWithoutStatus(family, event)}`;
      typeOf[event.name] = t;
      const entry = byType.get(t) ?? { family: event.family, names: [] };
      entry.names.push(
        event.status === undefined ? { name: event.name } : { status: event.status, name: event.name },
      );
      byType.set(t, entry);
    }
  }
  const contentOf = (id: string) => familyOf.get(id)?.content ?? [];
  return {
    id: form.id,
    label: form.label,
    typeName: form.typeName,
    source: refs.source(form.source),
    description: refs.text(form.description),
    text: form.text,
    marker: form.marker,
    require: (form.require ?? []).map((r) => ({ ...r })),
    type: type && {
      path: type.path,
      prefix: type.prefix,
      status: type.status,
      statusField,
      source: refs.source(type.source),
      patternSource: type.patternSource === undefined ? undefined : refs.source(type.patternSource),
    },
    fields: formFields(raw, form, refs),
    attributes: (form.attributes ?? []).map((a) => ({
      name: a.name,
      value: a.value,
      presence: a.presence ?? 'required',
      example: a.example,
      description: refs.text(a.description),
    })),
    types: [...byType]
      .sort(([a], [b]) => compareStrings(a, b))
      .map(([t, { family, names }]) => ({
        type: t,
        family,
        names: names.sort((a, b) => compareStrings(a.name, b.name)),
        addsStatus:
          names.some((n) => n.status !== undefined) && !contentOf(family).some((f) => f.name === statusField),
      })),
    typeOf,
    examples: (form.examples ?? []).map((e) => ({
      id: e.id,
      title: refs.text(e.title),
      source: refs.source(e.source),
      notification: e.notification,
      text: e.json,
      value: JSON.parse(e.json) as unknown,
    })),
  };
}

/** Every envelope field the form gives a value: its own mapping, else the same name under `at`. */
function formFields(raw: RawCatalog, form: RawDeliveryForm, refs: Refs): FormFieldModel[] {
  const out: FormFieldModel[] = [];
  const own = form.envelope.fields;
  for (const { name } of raw.envelope.fields) {
    const m = Object.hasOwn(own, name) ? own[name] : undefined;
    if (m) {
      out.push({
        field: name,
        path: m.path,
        convert: m.convert,
        format: m.format === undefined ? undefined : refs.formats.get(m.format),
        value: m.otherwise ?? m.value,
        documentedLevel: m.documentedLevel === true,
      });
    } else if (form.envelope.at !== undefined && !(form.type && name === raw.envelope.discriminator)) {
      const path = `${form.envelope.at}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      out.push({
        field: name,
        path,
        convert: undefined,
        format: undefined,
        value: undefined,
        documentedLevel: false,
      });
    }
  }
  return out;
}

/**
 * The family's name template with its status part left out (the status placeholder and the separator
 * before it), or undefined when its names carry no status.
 */
export function templateWithoutStatus(family: RawFamily): string | undefined {
  const template = family.nameTemplate;
  const placeholder = `{${family.statusField ?? 'status'}}`;
  const at = template?.indexOf(placeholder) ?? -1;
  if (template === undefined || at < 0) return undefined;
  // The separator before the status (the ':' of Instance:{eventType}:{eventStatus}) goes with it.
  const before = template.slice(0, at).replace(/[^A-Za-z0-9}]+$/, '');
  return before + template.slice(at + placeholder.length);
}

/** The name without its status (see templateWithoutStatus); a name without a status is itself. */
function nameWithoutStatus(family: RawFamily, event: EventModel): string {
  const template = templateWithoutStatus(family);
  if (event.status === undefined || template === undefined) return event.name;
  return (
    fillTemplate(template, Object.fromEntries(event.bindings.map((b) => [b.field, b.value]))) ?? event.name
  );
}

/** The last key of a JSON Pointer. */
export function lastKey(pointer: string): string {
  const key = pointer.slice(pointer.lastIndexOf('/') + 1);
  return key.replace(/~1/g, '/').replace(/~0/g, '~');
}
