/**
 * Stage 2b, the rules of the catalog's delivery forms that the format schema cannot express: each form
 * maps only envelope fields, gives every required one a value, converts with a declared format, reads the
 * status where the families keep it, and names no two notifications by the same type and status.
 */
import type { DataPath } from '../load/positions.js';
import type { RawCatalog, RawDeliveryForm, RawEnvelopeMapping } from '../load/spec-types.js';
import { templateWithoutStatus } from '../model/deliveries.js';
import { fillTemplate } from '../model/resolve.js';
import { checkUnique, type Located, listKnown, type RuleContext } from './context.js';

/** Runs the delivery rules over the catalog's `deliveries`, when it has any. */
export function checkDeliveries(ctx: RuleContext): void {
  const catalog = ctx.catalog;
  const forms = catalog?.data.deliveries?.forms;
  if (!catalog || !forms) return;
  const at = (i: number): DataPath => ['deliveries', 'forms', i];
  const items = forms.map((item, i) => ({ file: catalog.file, path: [...at(i), 'id'], item }));
  checkUnique(
    ctx,
    items,
    (f) => f.id,
    (id, other) => ({
      code: 'duplicate-id',
      args: { kind: 'delivery form', id, other },
    }),
  );
  forms.forEach((form, i) => {
    if (form.id === 'classic') {
      const detail = 'the id "classic" is the classic form\'s';
      ctx.report('delivery-mapping', { form: form.id, detail }, catalog.file, [...at(i), 'id']);
    }
    checkMappings(ctx, catalog, form, at(i));
    checkCoverage(ctx, catalog, form, at(i));
    checkAttributes(ctx, catalog, form, at(i));
    if (form.type) checkTypes(ctx, catalog, form, at(i));
    form.examples?.forEach((example, k) => {
      try {
        JSON.parse(example.json);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        ctx.report('example-json', { reason }, catalog.file, [...at(i), 'examples', k, 'json']);
      }
    });
  });
}

function checkMappings(ctx: RuleContext, catalog: Located<RawCatalog>, form: RawDeliveryForm, at: DataPath) {
  const { envelope, formats } = catalog.data;
  const fields = new Map(envelope.fields.map((f) => [f.name, f]));
  for (const [name, m] of Object.entries(form.envelope.fields)) {
    const where: DataPath = [...at, 'envelope', 'fields', name];
    const field = fields.get(name);
    if (!field) {
      const known = listKnown([...fields.keys()]);
      ctx.report('unknown-field', { scope: 'envelope', name, known }, catalog.file, where, 'key');
      continue;
    }
    const bad = (detail: string) =>
      ctx.report('delivery-mapping', { form: form.id, detail }, catalog.file, where);
    const kinds = [m.path, m.value ?? m.otherwise, m.documentedLevel].filter((x) => x !== undefined);
    if (m.path !== undefined ? kinds.length !== 1 : kinds.length === 0)
      bad(`"${name}" needs exactly one of path, value and documentedLevel`);
    if (form.type && name === envelope.discriminator)
      bad(`"${name}" comes from the type rule and cannot be mapped too`);
    if (m.format !== undefined && !(formats ?? []).some((f) => f.id === m.format)) {
      const known = listKnown((formats ?? []).map((f) => f.id));
      ctx.report('unknown-format', { id: m.format, known }, catalog.file, [...where, 'format']);
    }
    if (m.convert !== undefined && (m.path === undefined || m.format === undefined))
      bad(`"${name}" is converted, so it needs a path and the format the form writes it in`);
    if ((m.documentedLevel || m.otherwise !== undefined) && name !== envelope.level)
      bad(`only the level field "${envelope.level}" can take the documented level`);
    checkFixedValue(
      ctx,
      catalog,
      m,
      field.enum?.map((e) => e.value),
      [...where],
      name,
    );
  }
}

/** A fixed value (or the level for unknown names) must be one the field accepts. */
function checkFixedValue(
  ctx: RuleContext,
  catalog: Located<RawCatalog>,
  m: RawEnvelopeMapping,
  values: readonly unknown[] | undefined,
  where: DataPath,
  field: string,
) {
  for (const key of ['value', 'otherwise'] as const) {
    const value = m[key];
    if (value === undefined || !values || values.includes(value)) continue;
    ctx.report('unknown-value', { value, field, known: listKnown(values) }, catalog.file, [...where, key]);
  }
}

/** Every required envelope field gets a value: mapped, under `at`, or (the name) from the type rule. */
function checkCoverage(ctx: RuleContext, catalog: Located<RawCatalog>, form: RawDeliveryForm, at: DataPath) {
  const { envelope } = catalog.data;
  for (const field of envelope.fields) {
    if ((field.presence ?? 'required') !== 'required') continue;
    if (Object.hasOwn(form.envelope.fields, field.name) || form.envelope.at !== undefined) continue;
    if (form.type && field.name === envelope.discriminator) continue;
    ctx.report('delivery-unmapped', { form: form.id, field: field.name }, catalog.file, [...at, 'envelope']);
  }
}

/** The form's own attributes are named once and are not where an envelope field is carried. */
function checkAttributes(
  ctx: RuleContext,
  catalog: Located<RawCatalog>,
  form: RawDeliveryForm,
  at: DataPath,
) {
  const carried = new Set(
    Object.values(form.envelope.fields).flatMap((m) => (m.path ? [m.path.split('/')[1]] : [])),
  );
  const seen = new Set<string>();
  form.attributes?.forEach((a, k) => {
    const where: DataPath = [...at, 'attributes', k, 'name'];
    if (seen.has(a.name) || carried.has(a.name)) {
      const detail = `attribute "${a.name}" is declared twice or carries an envelope field`;
      ctx.report('delivery-mapping', { form: form.id, detail }, catalog.file, where);
    }
    seen.add(a.name);
  });
}

/** The status is under the content, where every family with a status field keeps it; types are unique. */
function checkTypes(ctx: RuleContext, catalog: Located<RawCatalog>, form: RawDeliveryForm, at: DataPath) {
  const type = form.type as NonNullable<RawDeliveryForm['type']>;
  const content = form.envelope.fields[catalog.data.envelope.content]?.path;
  const where: DataPath = [...at, 'type', 'status'];
  const field = type.status.slice(type.status.lastIndexOf('/') + 1);
  if (content === undefined || type.status !== `${content}/${field}`) {
    const detail = `the status ${type.status} is not a field of the content (${content ?? 'unmapped'})`;
    ctx.report('delivery-mapping', { form: form.id, detail }, catalog.file, where);
  }
  const known = new Set(catalog.data.sources.flatMap((s) => s.sections.map((x) => `${s.id}#${x.id}`)));
  if (type.patternSource !== undefined && !known.has(type.patternSource)) {
    const args = { ref: type.patternSource, known: listKnown([...known]) };
    ctx.report('unknown-source', args, catalog.file, [...at, 'type', 'patternSource']);
  }
  const withStatus = new Map<string, string>();
  const without = new Map<string, string>();
  for (const { file, data } of ctx.families) {
    if (data.statusField !== undefined && data.statusField !== field) {
      const args = { form: form.id, pointer: type.status, family: data.id, field: data.statusField };
      ctx.report('delivery-status', args, catalog.file, where);
    }
    const template = templateWithoutStatus(data);
    data.notifications.forEach((n, k) => {
      const status = data.statusField !== undefined ? n.bind?.[data.statusField] : n.status;
      const hasStatus = status !== undefined && template !== undefined;
      const base = (hasStatus && fillTemplate(template, n.bind)) || n.name;
      const key = hasStatus ? `${base}\n${String(status)}` : base;
      const other = hasStatus
        ? (withStatus.get(key) ?? without.get(base))
        : (without.get(base) ?? withStatus.get(base));
      if (other !== undefined && other !== n.name) {
        const why = hasStatus ? ` and status ${String(status)}` : '';
        const args = { form: form.id, name: n.name, other, type: `${type.prefix}${base}`, why };
        ctx.report('delivery-type-collision', args, file, ['notifications', k, 'name']);
      }
      if (hasStatus) withStatus.set(key, n.name).set(base, n.name);
      else without.set(base, n.name);
    });
  }
}
