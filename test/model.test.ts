/**
 * The model shares equal parts: every text is one object per distinct (zh, en, origin), and a field or a
 * level built from equal spec data with the same fallback source is one object, across families. Sharing
 * must never join parts that differ, even where JSON cannot tell them apart.
 */
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renameFor, synthesizeSpec } from '../bench/synthesize.js';
import { buildCatalog } from '../generator/index.js';
import { loadSpecFiles } from '../generator/load/spec.js';
import type { RawFamily } from '../generator/load/spec-types.js';
import { buildModel } from '../generator/model/build.js';
import type { Catalog, EventFieldModel, EventModel, Text } from '../generator/model/catalog.js';
import { createRuleContext } from '../generator/validate/context.js';
import { readExamples } from '../generator/validate/examples.js';
import { realOutput, SPEC_DIR, tempDir } from './helpers.js';

/** Every Text object of the model, each as often as the model holds it. */
function textsOf(catalog: Catalog): Text[] {
  const texts: Text[] = [];
  const seen = new Set<object>();
  const walk = (value: unknown): void => {
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    const keys = Object.keys(value);
    if (keys.length === 3 && 'zh' in value && 'en' in value && 'authored' in value) texts.push(value as Text);
    for (const key of keys) walk((value as Record<string, unknown>)[key]);
  };
  walk(catalog);
  return texts;
}

test('equal texts are one object', async () => {
  const { catalog } = await buildCatalog(SPEC_DIR, 'spec');
  assert.ok(catalog);
  const byContents = new Map<string, Set<Text>>();
  for (const text of textsOf(catalog)) {
    const key = JSON.stringify([text.zh, text.en, text.authored]);
    const objects = byContents.get(key) ?? new Set();
    objects.add(text);
    byContents.set(key, objects);
  }
  for (const [key, objects] of byContents) assert.is(objects.size, 1, key);
  // The real spec repeats texts (a family's field read by its notifications, shared descriptions).
  const distinct = byContents.size;
  let uses = 0;
  const count = (value: unknown, seen = new Set<object>()): void => {
    if (typeof value !== 'object' || value === null) return;
    if ('zh' in value && 'en' in value && 'authored' in value) uses++;
    if (seen.has(value)) return;
    seen.add(value);
    for (const item of Object.values(value)) count(item, seen);
  };
  count(catalog);
  assert.ok(uses > distinct, `${uses} uses of ${distinct} texts`);
});

test('each kind of model object (field, enum value, notification, family, level, presence rule, lifecycle) has one shape: the same keys in one order', async () => {
  const { catalog } = await buildCatalog(SPEC_DIR, 'spec');
  assert.ok(catalog);
  const shapes = (objects: readonly object[]) => new Set(objects.map((o) => Object.keys(o).join(',')));
  const fields: EventFieldModel[] = [
    ...catalog.envelope.fields,
    ...catalog.families.flatMap((f) => f.content),
    ...catalog.events.flatMap((e) => [...e.envelope, ...e.content]),
  ];
  // The real spec has fields with and without a pattern, format, enum, example, note, constant and rule.
  assert.ok(fields.some((f) => f.enum) && fields.some((f) => !f.enum));
  assert.ok(fields.some((f) => f.const !== undefined) && fields.some((f) => f.const === undefined));
  for (const [kind, objects] of [
    ['field', fields],
    ['enum value', fields.flatMap((f) => f.enum ?? [])],
    ['notification', catalog.events],
    ['family', catalog.families],
    ['level', [...catalog.events, ...catalog.families].map((x) => x.level)],
    ['presence rule', catalog.families.flatMap((f) => f.presence)],
    ['lifecycle', catalog.families.flatMap((f) => f.lifecycles)],
  ] as const) {
    const found = shapes(objects);
    assert.is(found.size, 1, `${kind}: ${[...found].join(' | ')}`);
  }
});

test("a family's copy shares its fields, levels and texts with the original", async () => {
  const spec = join(tempDir(), 'spec');
  const real = (await realOutput()).catalog.events.length;
  const copies = synthesizeSpec(SPEC_DIR, spec, 2 * real);
  assert.ok(copies.families >= 2);
  const { catalog, diagnostics } = await buildCatalog(spec, 'spec');
  assert.equal(diagnostics, []);
  assert.ok(catalog);
  const byName = new Map(catalog.events.map((e) => [e.name, e]));
  // The copy number that synthesizeSpec puts in a name ("A:B:C" -> "A:B0002:C").
  const [first, second] = [1, 2].map((copy) => renameFor(copy)('A:').slice(2));
  let compared = 0;
  for (const event of catalog.events) {
    const at = event.name.indexOf(second as string);
    if (at < 0) continue;
    const original = byName.get(
      `${event.name.slice(0, at)}${first}${event.name.slice(at + (second as string).length)}`,
    );
    assert.ok(original, `no first copy of ${event.name}`);
    compared++;
    assert.is(event.label, original.label, event.name);
    assert.is(event.level, original.level, event.name);
    assert.is(event.content.length, original.content.length);
    for (const [i, field] of event.content.entries()) {
      assert.is(field, original.content[i], `${event.name} ${field.name}`);
    }
  }
  assert.ok(compared > 0, 'no notification of the second copy was compared');
});

/** The real spec's catalog and families as the model stage gets them, to be changed by a test. */
async function rawSpec() {
  const loaded = await loadSpecFiles(SPEC_DIR, 'spec');
  const ctx = createRuleContext(SPEC_DIR, loaded.files);
  assert.ok(ctx.catalog);
  return { ctx, examples: readExamples(ctx) };
}

function eventOf(catalog: Catalog, family: string, field: string): EventModel {
  const event = catalog.events.find((e) => e.family === family && e.content.some((f) => f.name === field));
  assert.ok(event, `${family} has no notification with ${field}`);
  return event;
}

test('fields that JSON writes alike but that differ (-0 and 0, NaN and null) stay apart', async () => {
  const { ctx, examples } = await rawSpec();
  assert.ok(ctx.catalog);
  // Two families whose data is the same but for one field's example: one family cloned under another id.
  const [located] = ctx.families;
  assert.ok(located);
  const family = located.data as RawFamily;
  const target = family.content[0];
  assert.ok(target);
  const pairs: [unknown, unknown][] = [
    [0, -0],
    [null, Number.NaN],
  ];
  for (const [a, b] of pairs) {
    const one = structuredClone(family);
    const other = structuredClone(family);
    (one.content[0] as { example: unknown }).example = a;
    (other.content[0] as { example: unknown }).example = b;
    (other as { id: string }).id = `${family.id}-other`;
    other.notifications = other.notifications.map((n) => ({ ...n, name: `${n.name}Other` }));
    other.examples = [];
    const catalog = buildModel(
      SPEC_DIR,
      ctx.catalog,
      [
        { file: located.file, data: one },
        { file: located.file, data: other },
      ],
      examples,
    );
    const mine = eventOf(catalog, one.id, target.name).content.find((f) => f.name === target.name);
    const theirs = eventOf(catalog, other.id, target.name).content.find((f) => f.name === target.name);
    assert.ok(mine && theirs);
    assert.is.not(mine, theirs, `${String(a)} and ${String(b)} share one field`);
    assert.ok(Object.is(mine.example, a) && Object.is(theirs.example, b));
  }
});

test.run();
