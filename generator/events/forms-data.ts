/**
 * The table that forms.js reads about the delivery forms: what the generated runtime ships as
 * runtime/forms-data.js and what `ecs-events validate` is fed with, built from the model's deliveries.
 */
import type { Catalog } from '../model/catalog.js';
import type { DeliveryFormModel } from '../model/deliveries.js';

type FieldRule = [
  field: string,
  kind: 'path' | 'convert' | 'value' | 'level' | 'type',
  path: string,
  pattern: string,
  value: string,
];

/** The forms table; with no deliveries declared, the classic form alone. */
export function formsData(catalog: Catalog) {
  const deliveries = catalog.deliveries;
  return {
    classic: { id: 'classic', label: deliveries?.classic.label ?? 'classic' },
    content: catalog.envelope.content,
    // Only a form that gives the documented level needs them.
    levels: (deliveries?.forms ?? []).some((f) => f.fields.some((x) => x.documentedLevel))
      ? Object.fromEntries(catalog.events.map((e) => [e.name, e.level.documented]))
      : {},
    forms: (deliveries?.forms ?? []).map((form) => formSpec(catalog, form)),
  };
}

function formSpec(catalog: Catalog, form: DeliveryFormModel) {
  const fields: FieldRule[] = [];
  const mapped = new Map(form.fields.map((f) => [f.field, f]));
  for (const { name } of catalog.envelope.fields) {
    const f = mapped.get(name);
    if (form.type && name === catalog.envelope.discriminator)
      fields.push([name, 'type', form.type.path, '', '']);
    else if (!f) continue;
    else if (f.documentedLevel) fields.push([name, 'level', '', '', f.value ?? '']);
    else if (f.path === undefined) fields.push([name, 'value', '', '', f.value ?? '']);
    else if (f.convert) fields.push([name, 'convert', f.path, f.format?.pattern ?? '', f.convert]);
    else fields.push([name, 'path', f.path, '', '']);
  }
  const type = form.type;
  return {
    id: form.id,
    label: form.label,
    ...(form.text === undefined ? {} : { text: form.text }),
    marker: form.marker,
    require: form.require.map((r) => [r.path, r.value]),
    ...(type
      ? {
          type: {
            path: type.path,
            prefix: type.prefix,
            status: type.status,
            statusField: type.statusField,
            types: Object.fromEntries(
              form.types.map((t) => {
                const only = t.names.length === 1 ? t.names[0] : undefined;
                const byStatus = Object.fromEntries(t.names.map((n) => [n.status, n.name]));
                return [t.type, only && only.status === undefined ? only.name : byStatus];
              }),
            ),
            adds: form.types.filter((t) => t.addsStatus).map((t) => t.type),
          },
        }
      : {}),
    fields,
    attributes: form.attributes.map((a) => [a.name, a.value ?? '', a.presence === 'required']),
  };
}
