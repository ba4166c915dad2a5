/**
 * The CloudMonitor table of ECS system events (spec/sources/) is the one list of every notification name:
 * the catalog has exactly its names, each with the table's category, level and status.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { realOutput, SPEC_DIR } from './helpers.js';

const { catalog } = await realOutput();
const source = catalog.sources.find((s) => s.id === 'cms');
const table = readFileSync(join(SPEC_DIR, source?.path ?? 'missing'), 'utf8');
const rows = [...table.matchAll(/^\|([A-Za-z]+)\|([A-Za-z0-9.:]+)\|([^|]+)\|([^|]+)\|([^|]+)\|/gm)].map(
  (m) => ({
    category: m[1] as string,
    name: m[2] as string,
    meaning: m[3] as string,
    status: m[4] as string,
    level: m[5] as string,
  }),
);

test('the table is read whole: 73 names, none twice', () => {
  assert.is(rows.length, 73);
  assert.is(new Set(rows.map((r) => r.name)).size, 73);
});

test('the catalog has exactly the names of the table', () => {
  const names = catalog.events.map((e) => e.name).sort();
  assert.equal(names, rows.map((r) => r.name).sort());
});

test("each name has the table's category, level and status", () => {
  const statuses = new Set(catalog.statuses.map((s) => s.id));
  for (const row of rows) {
    const event = catalog.events.find((e) => e.name === row.name);
    assert.is(event?.category, row.category, `${row.name}: category`);
    assert.is(event?.level.documented, row.level.toUpperCase(), `${row.name}: level`);
    // "Normal" and "无" are not statuses of a system event: such names have none.
    assert.is(event?.status, statuses.has(row.status) ? row.status : undefined, `${row.name}: status`);
  }
});

test("a label taken from the table is the table's meaning, verbatim", () => {
  const fromTable = catalog.events.filter((e) => e.source.ref.startsWith('cms#'));
  assert.ok(fromTable.length > 30, `${fromTable.length} labels from the table`);
  for (const event of fromTable) {
    const row = rows.find((r) => r.name === event.name);
    assert.is(event.label.zh, row?.meaning, event.name);
  }
});

test('every resource type is the prefix of its names', () => {
  for (const type of catalog.resourceTypes) {
    assert.ok(type.events.length > 0, type.id);
    for (const name of type.events) assert.ok(name.startsWith(`${type.namePrefix}:`), name);
  }
  assert.is(
    catalog.resourceTypes.reduce((n, t) => n + t.events.length, 0),
    catalog.events.length,
    'every name has a resource type',
  );
});

test.run();
