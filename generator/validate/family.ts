/**
 * Semantic rules inside one family: levels, tags, bound values, the name template, presence rules (and
 * their conflicts) and lifecycles all refer to fields and values the family declares.
 */

import type { DataPath } from '../load/positions.js';
import type { SpecFile } from '../load/spec.js';
import type { RawFamily, RawField, RawNotification, Scalar } from '../load/spec-types.js';
import { fillTemplate, resolvePresence, statusOf, templateFields, templateValues } from '../model/resolve.js';
import { listKnown, type RuleContext } from './context.js';

/** Checks every family against the catalog's levels and its own fields, tags and names. */
export function checkFamilies(ctx: RuleContext): void {
  const envelope = ctx.catalog?.data.envelope;
  const levels = envelope?.fields.find((f) => f.name === envelope.level)?.enum?.map((e) => e.value);
  for (const { file, data } of ctx.families) {
    const checker = familyChecker(ctx, file, data, levels);
    checker.level(data.level, ['level']);
    checkClassification(checker, ctx, data);
    checkTags(checker, data);
    for (const [i, n] of data.notifications.entries())
      checkNotification(checker, data, n, ['notifications', i]);
    checkPresenceRules(checker, data);
    checkLifecycles(checker, data);
  }
}

type Checker = ReturnType<typeof familyChecker>;

function familyChecker(
  ctx: RuleContext,
  file: SpecFile,
  data: RawFamily,
  levels: readonly Scalar[] | undefined,
) {
  const fields = new Map(data.content.map((f) => [f.name, f]));
  const tagIds = (data.tags ?? []).map((t) => t.id);
  const declared = {
    'resource type': (ctx.catalog?.data.resourceTypes ?? []).map((t) => t.id),
    category: (ctx.catalog?.data.categories ?? []).map((c) => c.id),
    status: (ctx.catalog?.data.statuses ?? []).map((s) => s.id),
  };
  const report: (
    ...args: Parameters<RuleContext['report']> extends [infer C, infer A, unknown, ...infer R]
      ? [C, A, ...R]
      : never
  ) => void = (code, args, path, target) => ctx.report(code, args, file, path, target);
  return {
    report,
    level(level: { documented: string; observed?: string[] }, at: DataPath): void {
      if (!levels) return;
      const all: [string, DataPath][] = [[level.documented, [...at, 'documented']]];
      for (const [k, l] of (level.observed ?? []).entries()) all.push([l, [...at, 'observed', k]]);
      for (const [l, path] of all) {
        if (!levels.includes(l)) report('unknown-level', { level: l, known: listKnown(levels) }, path);
      }
    },
    field(name: string, path: DataPath, target: 'key' | 'value' = 'value'): RawField | undefined {
      if (!fields.has(name)) {
        report(
          'unknown-field',
          { scope: 'content', name, known: listKnown([...fields.keys()]) },
          path,
          target,
        );
      }
      return fields.get(name);
    },
    value(
      field: RawField | undefined,
      value: Scalar,
      path: DataPath,
      code: 'unknown-value' | 'lifecycle-state' = 'unknown-value',
    ): void {
      const values = field?.enum?.map((e) => e.value);
      if (!field || !values || values.includes(value)) return;
      report(code, { value: JSON.stringify(value), field: field.name, known: listKnown(values) }, path);
    },
    /** A reference to a resource type, category or status of the catalog. */
    declared(kind: keyof typeof declared, id: string, path: DataPath): boolean {
      const known = declared[kind];
      if (known.includes(id)) return true;
      report('unknown-reference', { kind, id, known: listKnown(known) }, path);
      return false;
    },
    tag(tag: string, path: DataPath): void {
      if (!tagIds.includes(tag)) report('unknown-tag', { tag, known: listKnown(tagIds) }, path);
    },
  };
}

function checkTags(checker: Checker, data: RawFamily): void {
  for (const [i, field] of data.content.entries()) {
    for (const [j, entry] of (field.enum ?? []).entries()) {
      for (const [k, tag] of (entry.tags ?? []).entries())
        checker.tag(tag, ['content', i, 'enum', j, 'tags', k]);
    }
  }
}

function checkNotification(checker: Checker, data: RawFamily, n: RawNotification, at: DataPath): void {
  if (n.level) checker.level(n.level, [...at, 'level']);
  for (const [name, value] of Object.entries(n.bind ?? {})) {
    const field = checker.field(name, [...at, 'bind', name], 'key');
    if (field && !field.enum) checker.report('bind-enum', { field: name }, [...at, 'bind', name], 'key');
    checker.value(field, value, [...at, 'bind', name]);
  }
  checkStatusAndCategory(checker, data, n, at);
  if (data.nameTemplate !== undefined) {
    const values = templateValues(data, n);
    const missing = templateFields(data.nameTemplate).find((p) => values[p] === undefined);
    const expected = fillTemplate(data.nameTemplate, values);
    if (missing !== undefined)
      checker.report('bind-missing', { name: n.name, field: missing }, [...at, 'name']);
    else if (expected !== n.name)
      checker.report('name-template', { name: n.name, expected: expected ?? '' }, [...at, 'name']);
  }
  const result = resolvePresence(data, n);
  for (const c of result.conflicts) {
    const args = {
      first: c.first.id,
      firstPresence: c.first.presence,
      second: c.second.id,
      secondPresence: c.second.presence,
      field: c.field,
      name: n.name,
    };
    checker.report('presence-conflict', args, [
      'presence',
      data.presence?.indexOf(c.second) ?? 0,
      'presence',
    ]);
  }
  for (const b of result.boundAbsent) {
    const args = { rule: b.rule.id, field: b.field, name: n.name };
    checker.report('bound-absent', args, ['presence', data.presence?.indexOf(b.rule) ?? 0, 'fields']);
  }
}

/** The family's resource type (and the prefix it gives every name), category and status field. */
function checkClassification(checker: Checker, ctx: RuleContext, data: RawFamily): void {
  if (data.category !== undefined) checker.declared('category', data.category, ['category']);
  if (
    data.resourceType !== undefined &&
    checker.declared('resource type', data.resourceType, ['resourceType'])
  ) {
    const type = ctx.catalog?.data.resourceTypes?.find((t) => t.id === data.resourceType);
    for (const [i, n] of data.notifications.entries()) {
      if (type && !n.name.startsWith(`${type.namePrefix}:`)) {
        const args = { name: n.name, prefix: type.namePrefix, type: type.id };
        checker.report('name-prefix', args, ['notifications', i, 'name']);
      }
    }
  }
  checkSubject(checker, data);
  if (data.statusField === undefined) return;
  const field = checker.field(data.statusField, ['statusField']);
  if (field && !field.enum) checker.report('status-field', { field: data.statusField }, ['statusField']);
  for (const [j, entry] of (field?.enum ?? []).entries())
    checker.declared('status', String(entry.value), [
      'content',
      data.content.indexOf(field as RawField),
      'enum',
      j,
      'value',
    ]);
}

/** The subject field is a string field that every notification of the family carries. */
function checkSubject(checker: Checker, data: RawFamily): void {
  if (data.subject === undefined) return;
  const field = checker.field(data.subject, ['subject']);
  if (!field) return;
  if (field.type !== 'string') checker.report('subject-type', { field: field.name }, ['subject']);
  for (const [i, n] of data.notifications.entries()) {
    const presence = resolvePresence(data, n).fields.get(field.name)?.presence ?? 'required';
    if (presence !== 'required') {
      const args = { field: field.name, presence, name: n.name };
      checker.report('subject-presence', args, ['notifications', i, 'name']);
    }
  }
}

/** A notification's own status and category refer to the catalog's; a status is given once. */
function checkStatusAndCategory(checker: Checker, data: RawFamily, n: RawNotification, at: DataPath): void {
  if (n.category !== undefined) checker.declared('category', n.category, [...at, 'category']);
  if (n.status === undefined) return;
  if (data.statusField !== undefined) {
    checker.report('status-twice', { name: n.name, field: data.statusField }, [...at, 'status']);
  } else checker.declared('status', statusOf(data, n) ?? '', [...at, 'status']);
}

function checkPresenceRules(checker: Checker, data: RawFamily): void {
  const names = data.notifications.map((n) => n.name);
  if (data.nameTemplate !== undefined) {
    // {status} is the notification's own status unless the family has a field of that name.
    for (const field of templateFields(data.nameTemplate))
      if (field !== 'status' || data.content.some((f) => f.name === field))
        checker.field(field, ['nameTemplate']);
  }
  for (const [i, rule] of (data.presence ?? []).entries()) {
    const at: DataPath = ['presence', i];
    for (const [k, f] of rule.fields.entries()) checker.field(f, [...at, 'fields', k]);
    for (const [k, tag] of (rule.when.tags ?? []).entries()) checker.tag(tag, [...at, 'when', 'tags', k]);
    for (const [name, values] of Object.entries(rule.when.values ?? {})) {
      const field = checker.field(name, [...at, 'when', 'values', name], 'key');
      for (const [k, v] of values.entries()) checker.value(field, v, [...at, 'when', 'values', name, k]);
    }
    for (const [k, c] of (rule.when.categories ?? []).entries())
      checker.declared('category', c, [...at, 'when', 'categories', k]);
    for (const [k, st] of (rule.when.statuses ?? []).entries())
      checker.declared('status', st, [...at, 'when', 'statuses', k]);
    for (const [k, name] of (rule.when.names ?? []).entries()) {
      if (!names.includes(name)) checker.report('unknown-name', { name }, [...at, 'when', 'names', k]);
    }
  }
}

function checkLifecycles(checker: Checker, data: RawFamily): void {
  for (const [i, lc] of (data.lifecycles ?? []).entries()) {
    const at: DataPath = ['lifecycles', i];
    const field = checker.field(lc.field, [...at, 'field']);
    const groupField = lc.groupBy === undefined ? undefined : checker.field(lc.groupBy, [...at, 'groupBy']);
    for (const [g, group] of (lc.groups ?? []).entries()) {
      for (const [k, v] of group.values.entries())
        checker.value(groupField, v, [...at, 'groups', g, 'values', k]);
    }
    const states: [Scalar, DataPath][] = [
      ...(lc.groups ?? []).flatMap((group, g) => [
        ...group.initial.map((v, k): [Scalar, DataPath] => [v, [...at, 'groups', g, 'initial', k]]),
        ...(group.transitions ?? []).flatMap((t, k): [Scalar, DataPath][] => [
          [t.from, [...at, 'groups', g, 'transitions', k, 'from']],
          [t.to, [...at, 'groups', g, 'transitions', k, 'to']],
        ]),
      ]),
      ...lc.initial.map((v, k): [Scalar, DataPath] => [v, [...at, 'initial', k]]),
      ...lc.final.map((v, k): [Scalar, DataPath] => [v, [...at, 'final', k]]),
      ...lc.transitions.flatMap((t, k): [Scalar, DataPath][] => [
        [t.from, [...at, 'transitions', k, 'from']],
        [t.to, [...at, 'transitions', k, 'to']],
      ]),
    ];
    for (const [value, path] of states) checker.value(field, value, path, 'lifecycle-state');
  }
}
