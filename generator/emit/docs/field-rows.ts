/**
 * The field tables of the docs pages: a field's row as a line of Markdown, its cells escaped for a table,
 * in the page's locale.
 */
import type { EventFieldModel } from '../../model/catalog.js';
import type { Assets } from '../../support/assets.js';
import { lookup, mapUnder } from '../../support/lookup.js';
import { mdCell, mdCellLink, mdCodeCell } from '../shared/escape.js';
import { renderTemplate } from '../shared/templates.js';
import { type Locale, pick, presenceWord, words } from './i18n.js';

type FieldRow = ReturnType<typeof renderFieldRow>;

/**
 * A field's table row as a line of Markdown (templates/docs/field-row.md.hbs); `varies`: a family's field
 * whose presence its notifications decide (their presence rules).
 */
export type RowLine = (field: EventFieldModel, locale: Locale, varies?: boolean) => string;

/**
 * Rows rendered once per run: the pages show the same rows many times over, far more rows than distinct
 * ones, so each distinct row is rendered once rather than in every page template that shows it. The lines live for one run (a template edited
 * in watch mode is rendered anew); the rows' cells are kept across runs, below.
 */
export function rowLines(assets: Assets, linkBase?: string): RowLine {
  const link = (href: string) => (href.startsWith('/') && linkBase ? `${linkBase}${href.slice(1)}` : href);
  const lines = new Map<FieldRow, string>();
  // The template file's final newline ends the file, not the row: the page template places the line.
  const render = (row: FieldRow) => renderTemplate(assets, 'docs/field-row.md.hbs', row).replace(/\n$/, '');
  return (field, locale, varies = false) =>
    varies
      ? render(renderFieldRow(field, locale, link, true))
      : lookup(lines, fieldRow(field, locale, link), render);
}

/**
 * Table rows by field: a row reads the field's name, type, format, texts, values and example, which the
 * notifications of a family share with its field (one `description` object per distinct text, see
 * textMaker in model/build.ts), and its presence and constant, which they do not. Every page repeats the
 * envelope's rows and its family's.
 */
const fieldRows = new WeakMap<
  object,
  Map<Locale, Map<string, Map<unknown, { row: FieldRow; field: EventFieldModel }>>>
>();

/**
 * Rows by field object, first: the model gives the notifications whose field is the same one object, so
 * most rows are found with one lookup here (there are far fewer field objects than rows shown); the table
 * above shares rows between field objects that read the same.
 */
const rowsByField = new WeakMap<EventFieldModel, Partial<Record<Locale, FieldRow>>>();

function fieldRow(field: EventFieldModel, locale: Locale, link: (href: string) => string): FieldRow {
  const own = rowsByField.get(field);
  const known = own?.[locale];
  if (known) return known;
  const row = sharedFieldRow(field, locale, link);
  if (own) own[locale] = row;
  else rowsByField.set(field, { [locale]: row });
  return row;
}

function sharedFieldRow(field: EventFieldModel, locale: Locale, link: (href: string) => string): FieldRow {
  // Keyed by locale, then presence, then constant (a Map tells 1 from "1"), all of them values the model
  // holds already: building a composite string key cost more than the lookups.
  const rows = mapUnder(mapUnder(mapUnder(fieldRows, field.description), locale), field.presence);
  const known = rows.get(field.const);
  // The other inputs of the row are compared too, so that a row is never taken from another field.
  if (known && sameRowInputs(known.field, field)) return known.row;
  const row = renderFieldRow(field, locale, link);
  rows.set(field.const, { row, field });
  return row;
}

function sameRowInputs(a: EventFieldModel, b: EventFieldModel): boolean {
  return (
    a.name === b.name &&
    a.type === b.type &&
    a.format === b.format &&
    a.note === b.note &&
    a.ruleNote === b.ruleNote &&
    a.references === b.references &&
    a.enum === b.enum &&
    a.example === b.example
  );
}

/**
 * Two cells, so that a page reads at a laptop's width: the field (name, type, presence), then everything
 * said about it (description, note, values with their descriptions, format, example).
 */
function renderFieldRow(
  field: EventFieldModel,
  locale: Locale,
  link: (href: string) => string,
  varies = false,
) {
  const w = words(locale);
  const t = (text: Parameters<typeof pick>[0]) => pick(text, locale).main;
  const presence = varies
    ? mdCell(w.dependsOnNotification)
    : field.const !== undefined
      ? `${mdCell(w.always)} ${mdCodeCell(String(field.const))}`
      : mdCell(presenceWord(field.presence, locale));
  const values = field.const === undefined ? (field.enum ?? []) : [];
  const details = [
    mdCell(t(field.description)),
    ...(field.note ? [mdCell(t(field.note))] : []),
    ...(field.ruleNote && field.ruleNote !== field.note ? [mdCell(t(field.ruleNote))] : []),
    ...values.map((e) => {
      const said = e.description ? `${t(e.label)}: ${t(e.description)}` : t(e.label);
      return `${mdCodeCell(String(e.value))} ${mdCell(said)}`;
    }),
    ...(field.references.length > 0
      ? [`${mdCell(w.seeAlso)}: ${field.references.map((r) => mdCellLink(r.title, link(r.href))).join(', ')}`]
      : []),
    ...(field.format ? [`${mdCell(w.format)}: ${mdCell(t(field.format.label))}`] : []),
    // An absent field has no value to show.
    ...(field.example === undefined || field.presence === 'absent'
      ? []
      : [`${mdCell(w.example)}: ${mdCodeCell(String(field.const ?? field.example))}`]),
  ];
  return {
    name: `${mdCodeCell(field.name)}<br>${mdCodeCell(field.type)} · ${presence}`,
    details: details.join('<br>'),
  };
}
