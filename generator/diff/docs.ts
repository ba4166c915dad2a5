/**
 * What belongs to no one notification: the catalog's texts, sources, formats, errata, decisions, statuses,
 * categories, resource types, families' texts and lifecycles, and the documented examples. They reach the
 * docs, descriptions and fixtures only (the notifications' own fields are compared one by one), so each
 * difference is a text change, but for a status that stops or starts being final, which the runtime's
 * table tells handlers.
 */
import type { Catalog } from '../model/catalog.js';
import { type Change, changeOf } from './change.js';

/** Keys that are the notifications' own (compared per notification) or follow from the spec's files. */
const NOT_DOCS = new Set([
  'events',
  'content',
  'presence',
  'level',
  'version',
  'files',
  'catalogFile',
  'file',
]);

/** The catalog's parts that are docs. */
const PARTS = [
  'title',
  'summary',
  'package',
  'schemaBaseUri',
  'linkBase',
  'sources',
  'formats',
  'errata',
  'decisions',
  'statuses',
  'categories',
  'resourceTypes',
  'families',
  'examples',
] as const satisfies readonly (keyof Catalog)[];

/** The catalog's parts that are docs, as one value per part (a status's finality is not a text). */
function docsOf(catalog: Catalog): Record<string, unknown> {
  const parts: Record<string, unknown> = Object.fromEntries(PARTS.map((part) => [part, catalog[part]]));
  parts.statuses = catalog.statuses.map(({ final: _, ...status }) => status);
  return parts;
}

/** The doc changes from `before` to `after`, each at the path of the part that differs. */
export function compareDocs(before: Catalog, after: Catalog): Change[] {
  const changes: Change[] = [];
  const walk = (path: string, a: unknown, b: unknown): void => {
    if (same(a, b)) return;
    if (isText(a) || isText(b) || !isObject(a) || !isObject(b) || isPlainList(a) || isPlainList(b)) {
      const what = `${path} ${a === undefined ? 'added' : b === undefined ? 'removed' : 'changed'}`;
      changes.push(changeOf('text-changed', { args: { what } }));
      return;
    }
    const [x, y] = [keyed(a), keyed(b)];
    for (const key of [...new Set([...Object.keys(x), ...Object.keys(y)])]) {
      if (!NOT_DOCS.has(key))
        walk(path === '' ? key : `${path}${/^\[/.test(key) ? '' : '.'}${key}`, x[key], y[key]);
    }
  };
  walk('', docsOf(before), docsOf(after));
  const finals = new Map(before.statuses.map((s) => [s.id, s.final]));
  for (const status of after.statuses) {
    const was = finals.get(status.id);
    if (was !== undefined && was !== status.final)
      changes.push(
        changeOf('status-final-changed', {
          args: { what: status.id, old: `${was}`, new: `${status.final}` },
        }),
      );
  }
  return changes;
}

/** An object as it is; a list of items with ids (or fields, for lifecycles) by `[id]`; any other list by index. */
function keyed(value: object): Record<string, unknown> {
  if (!Array.isArray(value)) return value as Record<string, unknown>;
  const keyOf = (item: unknown, i: number) => {
    const id = isObject(item)
      ? ((item as { id?: unknown; field?: unknown }).id ?? (item as { field?: unknown }).field)
      : undefined;
    return `[${typeof id === 'string' ? id : i}]`;
  };
  return Object.fromEntries(value.map((item, i) => [keyOf(item, i), item]));
}

/** A list whose items have no id: compared whole (a lifecycle's transitions, a rule's values). */
function isPlainList(value: object): boolean {
  return Array.isArray(value) && !value.every((item) => isObject(item) && ('id' in item || 'field' in item));
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

/** A bilingual text is compared whole: a change of either language is the text's. */
function isText(value: unknown): boolean {
  return isObject(value) && 'zh' in value && 'en' in value;
}

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
