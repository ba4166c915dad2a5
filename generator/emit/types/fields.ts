/**
 * The field interfaces of types/index.d.ts (the envelope's and each family's, enums as unions of literals,
 * descriptions as the schemas give them) and the doc comments of a notification's fields.
 */
import type { Catalog, EventFieldModel, FieldModel } from '../../model/catalog.js';
import { lookup } from '../../support/lookup.js';
import { tsComment, tsLiteral, tsPropertyName } from '../shared/escape.js';
import { fieldDescription, valueLine } from '../shared/field-schema.js';
import { familyNames, packageNames } from '../shared/names.js';
import { type InterfaceStructure, Kind } from '../shared/ts-print.js';

/** The envelope's and each family's field interfaces. */
export function fieldInterfaces(catalog: Catalog): InterfaceStructure[] {
  const names = packageNames(catalog);
  const own = catalog.envelope.fields.filter(
    (f) => f.name !== catalog.envelope.discriminator && f.name !== catalog.envelope.content,
  );
  return [
    fieldsInterface(
      names.envelope,
      'Fields that every notification carries.',
      own,
      (f) => f.presence === 'required',
    ),
    ...catalog.families.map((family) =>
      fieldsInterface(
        familyNames(family).fields,
        `The content fields of the ${family.title.en} family (${family.title.zh}), each with its type; a notification's content interface picks the ones it has.`,
        family.content,
        () => true,
      ),
    ),
  ];
}

/** The TypeScript type of a field's values: its enum as a union of literals, or its JSON type. */
function fieldType(field: FieldModel): string {
  if (field.enum) {
    const literals = field.enum.map((e) => tsLiteral(e.value));
    return literals.length === 1 ? (literals[0] as string) : `(${literals.join(' | ')})`;
  }
  switch (field.type) {
    case 'string':
      return 'string';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return '{ [field: string]: unknown }';
  }
}

function fieldsInterface(
  name: string,
  description: string,
  fields: readonly FieldModel[],
  required: (f: FieldModel) => boolean,
): InterfaceStructure {
  return {
    kind: Kind.Interface,
    name,
    isExported: true,
    docs: [tsComment(description)],
    properties: fields.map((field) => ({
      name: tsPropertyName(field.name),
      type: fieldType(field),
      hasQuestionToken: !required(field),
      // The description of the field's schema, so that the editor shows what the schemas say.
      docs: [tsComment(fieldDescription(field))],
    })),
  };
}

/** Doc comments by field object: the notifications of a family share most of their field objects. */
const docsByField = new WeakMap<EventFieldModel, string>();

/** A notification field's doc comment: its description, notes, values, constant and example. */
export function fieldDocs(field: EventFieldModel): string {
  return lookup(docsByField, field, writeFieldDocs);
}

function writeFieldDocs(field: EventFieldModel): string {
  const lines = [field.description.en, '', field.description.zh];
  for (const note of [field.note, field.ruleNote === field.note ? undefined : field.ruleNote])
    if (note) lines.push('', note.en, '', note.zh);
  const values = field.const === undefined ? (field.enum ?? []) : [];
  if (values.length > 0) lines.push('', ...values.map(valueLine));
  if (field.const !== undefined)
    lines.push('', `Always ${JSON.stringify(field.const)} for this notification.`);
  const text = tsComment(lines.join('\n'));
  const example = field.const ?? field.example;
  return example === undefined ? text : `${text}\n\n@example ${tsComment(JSON.stringify(example))}`;
}
