/**
 * The delivery forms in types/index.d.ts: the union of form ids and their list, and for a form that names
 * notifications by type (EventBridge), each notification's event in that form (its type as a literal, its
 * content exactly, the form's attributes), their union and name → event map, and the typed conversion to
 * the classic event.
 */
import type { Catalog, EventModel } from '../../model/catalog.js';
import type { DeliveryFormModel } from '../../model/deliveries.js';
import { tsComment, tsPropertyName, tsString } from '../shared/escape.js';
import { bilingual } from '../shared/field-schema.js';
import { formTypeOf } from '../shared/form-convert.js';
import { formEventName, formNames, formsNames } from '../shared/form-names.js';
import { eventNames, type PackageNames } from '../shared/names.js';
import { Kind, type Statement } from '../shared/ts-print.js';
import { declare } from './runtime-decls.js';

/** Every statement of the forms, in order. */
export function* formStatements(catalog: Catalog, names: PackageNames): Generator<Statement> {
  const { form, forms } = formsNames(catalog);
  const ids = ['classic', ...(catalog.deliveries?.forms ?? []).map((f) => f.id)];
  yield {
    kind: Kind.TypeAlias,
    name: form,
    isExported: true,
    docs: ['A delivery form that parsing recognises: the classic notification or one the catalog declares.'],
    type: ids.map((id) => tsString(id)).join(' | '),
  };
  yield declare(forms, `readonly ${form}[]`, 'The delivery forms, the classic one first.');
  for (const f of catalog.deliveries?.forms ?? []) if (f.type) yield* typedForm(catalog, f, names);
}

/** One form's events by name, their union and map, and the conversion. */
function* typedForm(catalog: Catalog, form: DeliveryFormModel, names: PackageNames): Generator<Statement> {
  const n = formNames(catalog, form);
  for (const event of catalog.events) yield formEvent(catalog, form, event);
  yield {
    kind: Kind.TypeAlias,
    name: n.map,
    isExported: true,
    docs: [tsComment(`Each notification name → its event in the ${form.label} form.`)],
    type: `{\n${catalog.events.map((e) => `  ${tsString(e.name)}: ${formEventName(e, form)};`).join('\n')}\n}`,
  };
  yield {
    kind: Kind.TypeAlias,
    name: n.union,
    isExported: true,
    docs: [tsComment(`Any known notification in the ${form.label} form.`)],
    type: `${n.map}[${names.eventName}]`,
  };
  yield {
    kind: Kind.TypeAlias,
    name: n.type,
    isExported: true,
    docs: [tsComment(`Every ${form.label} type of the catalog's notifications.`)],
    type: `${n.union}[${tsString(form.type?.path.slice(1) ?? '')}]`,
  };
  yield {
    kind: Kind.Function,
    name: n.toClassic,
    isExported: true,
    hasDeclareKeyword: true,
    docs: [
      tsComment(
        `The classic notification of a ${form.label} event (its name rebuilt from its type and status); throws a TypeError with the errors when it is not a valid one.`,
      ),
    ],
    typeParameters: [{ name: 'E', constraint: n.union }],
    parameters: [{ name: 'event', type: 'E' }],
    returnType: `{ [N in ${names.eventName}]: E extends ${n.map}[N] ? ${names.eventMap}[N] : never }[${names.eventName}]`,
  };
}

/** One notification in the form: its attributes, the carried envelope fields and its content. */
function formEvent(catalog: Catalog, form: DeliveryFormModel, event: EventModel): Statement {
  const type = form.type as NonNullable<DeliveryFormModel['type']>;
  const envelope = new Map(event.envelope.map((f) => [f.name, f]));
  const properties = [];
  const top = (path: string | undefined) => path?.slice(1);
  for (const a of form.attributes)
    properties.push({
      name: tsPropertyName(a.name),
      type: a.value === undefined ? 'string' : tsString(a.value),
      hasQuestionToken: a.presence === 'optional',
      docs: [tsComment(bilingual(a.description))],
    });
  properties.push({
    name: tsPropertyName(top(type.path) ?? ''),
    type: tsString(form.typeOf[event.name] ?? ''),
    docs: [],
  });
  for (const f of form.fields) {
    const name = top(f.path);
    const field = envelope.get(f.field);
    if (name === undefined || name.includes('/') || !field) continue;
    const content = f.field === catalog.envelope.content;
    const status = formTypeOf(form, event.name)?.addsStatus && event.status;
    properties.push({
      name: tsPropertyName(name),
      type: content
        ? `${eventNames(event).content}${status ? ` & { ${tsPropertyName(type.statusField)}: ${tsString(status)} }` : ''}`
        : 'string',
      hasQuestionToken: field.presence === 'optional',
      docs: [
        tsComment(
          `${f.field} of the classic event${f.convert ? ` (written as ${f.format?.label.en ?? ''})` : ''}.`,
        ),
      ],
    });
  }
  return {
    kind: Kind.Interface,
    name: formEventName(event, form),
    isExported: true,
    docs: [tsComment(`${event.name} in the ${form.label} form (type ${form.typeOf[event.name] ?? ''}).`)],
    properties,
  };
}
