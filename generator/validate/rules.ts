/**
 * Stage 2b, semantic rules that a schema cannot express: uniqueness, references between parts of the
 * catalog, formats and patterns, bound values, name templates and presence rules. Every rule reports all
 * it finds; nothing here throws.
 */

import { hasType } from '../events/engine.js';
import type { DataPath } from '../load/positions.js';
import type { SpecFile } from '../load/spec.js';
import type { RawField, RawFormat, Scalar } from '../load/spec-types.js';
import { pascalOf, slugOf } from '../model/resolve.js';
import { checkUnique, listKnown, type RuleContext } from './context.js';
import { checkDeliveries } from './deliveries.js';
import { checkFamilies } from './family.js';

/** Runs every semantic rule over the format-valid files. */
export function validateRules(ctx: RuleContext): void {
  checkIdentity(ctx);
  checkSources(ctx);
  checkFields(ctx);
  checkFamilies(ctx);
  checkDeliveries(ctx);
  checkDerivedNames(ctx);
}

function checkIdentity(ctx: RuleContext): void {
  const { catalog, families } = ctx;
  const all = <T>(list: readonly T[] | undefined, file: SpecFile, at: DataPath) =>
    (list ?? []).map((item, i) => ({ file, path: [...at, i], item }));
  const dup = (kind: string) => (id: string, other: string) => ({
    code: 'duplicate-id' as const,
    args: { kind, id, other },
  });
  if (catalog) {
    const { file, data } = catalog;
    checkUnique(ctx, all(data.sources, file, ['sources']), (s) => s.id, dup('source'));
    for (const [i, s] of data.sources.entries()) {
      checkUnique(ctx, all(s.sections, file, ['sources', i, 'sections']), (x) => x.id, dup('section'));
    }
    checkUnique(ctx, all(data.formats, file, ['formats']), (f) => f.id, dup('format'));
    checkUnique(ctx, all(data.errata, file, ['errata']), (e) => e.id, dup('erratum'));
    checkUnique(ctx, all(data.decisions, file, ['decisions']), (d) => d.id, dup('decision'));
    const types = all(data.resourceTypes, file, ['resourceTypes']);
    checkUnique(ctx, types, (t) => t.id, dup('resource type'));
    checkUnique(ctx, types, (t) => t.typeName, dup('resource type typeName'));
    checkUnique(ctx, types, (t) => t.namePrefix, dup('resource type namePrefix'));
    checkUnique(ctx, all(data.categories, file, ['categories']), (c) => c.id, dup('category'));
    checkUnique(ctx, all(data.statuses, file, ['statuses']), (x) => x.id, dup('status'));
  }
  const famItems = families.map(({ file, data }) => ({ file, path: ['id'], item: data }));
  checkUnique(ctx, famItems, (f) => f.id, dup('family'));
  checkUnique(ctx, famItems, (f) => f.typeName, dup('family typeName'));
  const names = families.flatMap(({ file, data }) => all(data.notifications, file, ['notifications']));
  checkUnique(
    ctx,
    names,
    (n) => n.name,
    (name, other) => ({ code: 'duplicate-name', args: { name, other } }),
  );
  const examples = families.flatMap(({ file, data }) => all(data.examples, file, ['examples']));
  checkUnique(ctx, examples, (e) => e.id, dup('example'));
  for (const { file, data } of families) {
    checkUnique(ctx, all(data.tags, file, ['tags']), (t) => t.id, dup('tag'));
    checkUnique(ctx, all(data.presence, file, ['presence']), (r) => r.id, dup('presence rule'));
  }
}

function checkSources(ctx: RuleContext): void {
  const known = new Set<string>();
  for (const source of ctx.catalog?.data.sources ?? []) {
    for (const section of source.sections) known.add(`${source.id}#${section.id}`);
  }
  // One path, grown and shrunk as the walk goes (every value of the spec is visited), copied when reported.
  const path: (string | number)[] = [];
  const visit = (file: SpecFile, value: unknown): void => {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        visit(file, value[i]);
        path.pop();
      }
    } else if (value && typeof value === 'object') {
      for (const key of Object.keys(value)) {
        const v = (value as Record<string, unknown>)[key];
        const isRef = (key === 'source' || key === 'observedSource') && typeof v === 'string';
        path.push(key);
        if (isRef && !known.has(v))
          ctx.report('unknown-source', { ref: v, known: listKnown([...known]) }, file, [...path]);
        else visit(file, v);
        path.pop();
      }
    }
  };
  if (!ctx.catalog) return;
  visit(ctx.catalog.file, ctx.catalog.data);
  for (const { file, data } of ctx.families) visit(file, data);
}

function checkFields(ctx: RuleContext): void {
  const formats = new Map<string, RawFormat>((ctx.catalog?.data.formats ?? []).map((f) => [f.id, f]));
  if (ctx.catalog) {
    const { file, data } = ctx.catalog;
    data.formats?.forEach((format, i) => {
      if (compilePattern(ctx, file, ['formats', i, 'pattern'], format.pattern)) {
        checkValue(
          ctx,
          file,
          ['formats', i, 'example'],
          format.example,
          `format "${format.id}"`,
          'string',
          format.pattern,
        );
      }
    });
    checkFieldList(ctx, file, ['envelope', 'fields'], data.envelope.fields, formats);
    checkEnvelopeOverrides(ctx, formats);
    const names = data.envelope.fields.map((f) => f.name);
    for (const role of ['discriminator', 'content', 'level'] as const) {
      const name = data.envelope[role];
      if (!names.includes(name)) ctx.report('envelope-role', { role, name }, file, ['envelope', role]);
    }
  }
  for (const { file, data } of ctx.families) checkFieldList(ctx, file, ['content'], data.content, formats);
}

/** What each resource type changes in the envelope: known fields and formats, an example that fits. */
function checkEnvelopeOverrides(ctx: RuleContext, formats: ReadonlyMap<string, RawFormat>): void {
  if (!ctx.catalog) return;
  const { file, data } = ctx.catalog;
  const fields = new Map(data.envelope.fields.map((f) => [f.name, f]));
  for (const [i, type] of (data.resourceTypes ?? []).entries()) {
    for (const [name, o] of Object.entries(type.envelope ?? {})) {
      const at: DataPath = ['resourceTypes', i, 'envelope', name];
      const field = fields.get(name);
      if (!field) {
        const known = listKnown([...fields.keys()]);
        ctx.report('unknown-field', { scope: 'envelope', name, known }, file, at, 'key');
        continue;
      }
      const format = o.format === undefined ? undefined : formats.get(o.format);
      if (o.format !== undefined && !format) {
        const known = listKnown([...formats.keys()]);
        ctx.report('unknown-format', { id: o.format, known }, file, [...at, 'format']);
      }
      if (o.pattern !== undefined && !compilePattern(ctx, file, [...at, 'pattern'], o.pattern)) continue;
      const fallback = field.format === undefined ? undefined : formats.get(field.format);
      const pattern = o.pattern ?? format?.pattern ?? field.pattern ?? fallback?.pattern;
      const example = o.example ?? field.example;
      if (example === undefined) continue;
      const what = `field "${name}" of resource type "${type.id}"`;
      checkValue(
        ctx,
        file,
        [...at, o.example === undefined ? 'format' : 'example'],
        example,
        what,
        field.type,
        pattern,
      );
    }
  }
}

function checkFieldList(
  ctx: RuleContext,
  file: SpecFile,
  at: DataPath,
  fields: readonly RawField[],
  formats: ReadonlyMap<string, RawFormat>,
): void {
  const items = fields.map((item, i) => ({ file, path: [...at, i, 'name'], item }));
  checkUnique(
    ctx,
    items,
    (f) => f.name,
    (name, other) => ({ code: 'duplicate-field', args: { name, other } }),
  );
  fields.forEach((field, i) => {
    const path = [...at, i];
    const format = field.format === undefined ? undefined : formats.get(field.format);
    if (field.format !== undefined && !format) {
      ctx.report('unknown-format', { id: field.format, known: listKnown([...formats.keys()]) }, file, [
        ...path,
        'format',
      ]);
    }
    let pattern = field.pattern ?? format?.pattern;
    if (field.pattern !== undefined && !compilePattern(ctx, file, [...path, 'pattern'], field.pattern))
      pattern = undefined;
    const seen = new Set<Scalar>();
    field.enum?.forEach((entry, j) => {
      const valuePath = [...path, 'enum', j, 'value'];
      if (seen.has(entry.value))
        ctx.report(
          'duplicate-value',
          { value: JSON.stringify(entry.value), field: field.name },
          file,
          valuePath,
        );
      seen.add(entry.value);
      if (!hasType(entry.value, field.type)) {
        ctx.report('enum-type', { value: JSON.stringify(entry.value), type: field.type }, file, valuePath);
      }
    });
    if (field.example !== undefined) {
      const values = field.enum?.map((e) => e.value);
      checkValue(
        ctx,
        file,
        [...path, 'example'],
        field.example,
        `field "${field.name}"`,
        field.type,
        pattern,
        values,
      );
    }
  });
}

/** Checks a documented value against a type, a pattern and a list of values; reports the first misfit. */
function checkValue(
  ctx: RuleContext,
  file: SpecFile,
  path: DataPath,
  value: Scalar,
  what: string,
  type: RawField['type'],
  pattern?: string,
  values?: readonly Scalar[],
): void {
  const shown = JSON.stringify(value);
  let reason: string | undefined;
  if (!hasType(value, type)) reason = `expected ${type}`;
  else if (pattern !== undefined && typeof value === 'string' && !safeRegExp(pattern)?.test(value)) {
    reason = `does not match ${pattern}`;
  } else if (values && !values.includes(value)) reason = `not one of ${listKnown(values)}`;
  if (reason) ctx.report('example-mismatch', { value: shown, what, reason }, file, path);
}

function safeRegExp(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return undefined;
  }
}

function compilePattern(ctx: RuleContext, file: SpecFile, path: DataPath, pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch (error) {
    ctx.report('invalid-pattern', { reason: (error as Error).message }, file, path);
    return false;
  }
}

/** File names and type names derived from notification names must not collide (case-insensitively for files). */
function checkDerivedNames(ctx: RuleContext): void {
  const entries = ctx.families.flatMap(({ file, data }) =>
    data.notifications.map((n, i) => ({
      file,
      path: ['notifications', i, 'name'] as DataPath,
      name: n.name,
    })),
  );
  const bySlug = new Map<string, string>();
  const byType = new Map<string, string>();
  for (const { file, path, name } of entries) {
    const slug = slugOf(name);
    const typeName = pascalOf(name);
    const slugOther = bySlug.get(slug);
    const typeOther = byType.get(typeName.toLowerCase());
    if (slugOther !== undefined && slugOther !== name)
      ctx.report('slug-collision', { name, other: slugOther, slug }, file, path);
    else if (typeOther !== undefined && typeOther !== name) {
      ctx.report('type-name-collision', { name, other: typeOther, typeName }, file, path);
    }
    bySlug.set(slug, bySlug.get(slug) ?? name);
    byType.set(typeName.toLowerCase(), byType.get(typeName.toLowerCase()) ?? name);
  }
}
