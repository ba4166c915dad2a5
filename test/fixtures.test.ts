/**
 * The fixtures: every name has a minimal and a complete valid event that validate everywhere; every
 * invalid fixture fails with exactly the error its sidecar declares (schemas and the package's engine);
 * every rule kind that applies to a name is covered; documented examples are verbatim.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runtimeData } from '../generator/events/data.js';
import { createValidator } from '../generator/events/engine.js';
import type { EventModel } from '../generator/model/catalog.js';
import { schemaValidator } from './ajv-helpers.js';
import { realOutput } from './helpers.js';

const { catalog, files } = await realOutput();
const v = await schemaValidator(files);
const engine = createValidator(runtimeData(catalog) as Parameters<typeof createValidator>[0]);
const index = JSON.parse(files.get('fixtures/index.json') ?? '{}') as {
  fixtures: {
    name: string;
    kind: string;
    path: string;
    index?: number;
    variant?: string;
    rule?: string;
    strict?: boolean;
    expected?: string;
    errors?: { path: string; keyword: string }[];
  }[];
};
const read = (path: string) => JSON.parse(files.get(`fixtures/${path}`) ?? 'null');
const keyed = (errors: readonly { path: string; keyword: string }[]) =>
  errors.map((e) => `${e.path} ${e.keyword}`).sort();
const byName = new Map(catalog.events.map((e) => [e.name, e]));
const schemaOf = (name: string, strict: boolean) =>
  strict
    ? `strict/families/${(byName.get(name) as EventModel).family}.schema.json`
    : `events/${(byName.get(name) as EventModel).slug}.schema.json`;

test('the index lists every fixture file, and every file is listed', () => {
  const listed = new Set(index.fixtures.flatMap((f) => [f.path, ...(f.expected ? [f.expected] : [])]));
  // A delivery form's fixtures are listed by its own index (fixtures/<form>/index.json, forms.test.ts).
  const forms = (catalog.deliveries?.forms ?? []).map((f) => `fixtures/${f.id}/`);
  const onDisk = [...files.keys()]
    // The index itself, and the typed module that reads it (package-helpers.test.ts runs it).
    .filter((p) => p.startsWith('fixtures/') && !/^fixtures\/index\.(json|js|d\.ts)$/.test(p))
    .filter((p) => !forms.some((f) => p.startsWith(f)))
    .map((p) => p.slice(9));
  assert.equal([...listed].sort(), onDisk.sort());
});

test('every name has a minimal and a complete valid event, valid against its schemas and the engine', () => {
  for (const event of catalog.events) {
    for (const variant of ['minimal', 'complete']) {
      const entry = index.fixtures.find(
        (f) => f.name === event.name && f.kind === 'valid' && f.variant === variant,
      );
      assert.ok(entry, `${event.name} ${variant}`);
      const value = read(entry?.path ?? '');
      for (const strict of [false, true])
        assert.equal(v.errors(schemaOf(event.name, strict), value), [], `${entry?.path} strict=${strict}`);
      assert.equal(v.errors('events.schema.json', value), []);
      assert.equal(engine.validate(value, { strict: true }), []);
      assert.not.ok(JSON.stringify(value).includes('*'), `${entry?.path} has no masked identifier`);
      const fields = [...Object.keys(value), ...Object.keys(value.content)];
      const expected = [...event.envelope, ...event.content]
        .filter((f) => f.presence === 'required' || (variant === 'complete' && f.presence === 'optional'))
        .map((f) => f.name);
      assert.equal(fields.sort(), expected.sort(), `${entry?.path} fields`);
    }
  }
});

test('each sidecar case also gives the error as ajv reports it (instancePath, keyword, params)', () => {
  const invalid = index.fixtures.filter((f) => f.kind === 'invalid');
  for (const entry of invalid) {
    const value = read(entry.path)[entry.index ?? -1];
    const declared = read(entry.expected ?? '').cases[entry.index ?? -1];
    // The per-name schema (strict for what only strict schemas reject); if/then only repeats its branch.
    const reported = v.raw(schemaOf(entry.name, declared.strict), value).filter((e) => e.keyword !== 'if');
    assert.equal(reported, declared.ajv, `${entry.path} [${entry.index}]`);
    const strict = v.raw(schemaOf(entry.name, true), value).filter((e) => e.keyword !== 'if');
    assert.equal(strict, declared.ajv, `${entry.path} (strict schema)`);
  }
});

test('every invalid fixture fails with exactly its declared error, and its sidecar agrees with the index', () => {
  const invalid = index.fixtures.filter((f) => f.kind === 'invalid');
  assert.ok(invalid.length >= catalog.events.length * 5);
  for (const entry of invalid) {
    const events = read(entry.path);
    const sidecar = read(entry.expected ?? '');
    assert.is(events.length, sidecar.cases.length, `${entry.path}: one sidecar case per event`);
    const value = events[entry.index ?? -1];
    const declaredCase = sidecar.cases[entry.index ?? -1];
    assert.equal(
      {
        name: sidecar.name,
        rule: declaredCase.rule,
        strict: declaredCase.strict,
        errors: declaredCase.errors,
      },
      { name: entry.name, rule: entry.rule, strict: entry.strict, errors: entry.errors },
    );
    const declared = keyed(declaredCase.errors);
    assert.is(declared.length, 1, `${entry.path} breaks exactly one rule`);
    assert.equal(
      keyed(v.errors(schemaOf(entry.name, true), value)),
      declared,
      `${entry.path} (strict schema)`,
    );
    assert.equal(
      keyed(v.errors(schemaOf(entry.name, false), value)),
      entry.strict ? [] : declared,
      `${entry.path} (default schema)`,
    );
    assert.equal(
      keyed(v.errors('events.schema.json', value)),
      entry.strict ? [] : declared,
      `${entry.path} (bundle)`,
    );
    assert.equal(keyed(engine.validate(value, { strict: true })), declared, `${entry.path} (engine)`);
  }
});

test('every rule kind that applies to a name is covered', () => {
  for (const event of catalog.events) {
    const rules = index.fixtures
      .filter((f) => f.kind === 'invalid' && f.name === event.name)
      .map((f) => f.rule)
      .sort();
    const expected = ['missing-required', 'wrong-type', 'outside-enum', 'bad-pattern', 'unknown-field'];
    if (event.content.some((f) => f.presence === 'absent')) expected.push('forbidden-field');
    if (event.bindings.length > 0) expected.push('name-mismatch');
    assert.equal(rules, expected.sort(), event.name);
  }
});

test('the documented examples are there verbatim, with their provenance and expectation', () => {
  const documented = index.fixtures.filter((f) => f.kind === 'documented');
  assert.is(documented.length, catalog.examples.length);
  for (const example of catalog.examples) {
    const entry = documented.find((f) => f.path === `documented/${example.id}.json`) as
      | Record<string, unknown>
      | undefined;
    assert.ok(entry, example.id);
    assert.is(files.get(`fixtures/documented/${example.id}.json`), example.text);
    assert.is((entry?.source as { heading: string } | undefined)?.heading, example.source.heading);
    assert.is(entry?.valid, example.expect.valid);
  }
});

/** "20190410T160101.922+0800" (the envelope's basic ISO 8601 form) as epoch milliseconds. */
function basicTime(text: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\.\d+)?([+-]\d{2})(\d{2})$/.exec(text);
  assert.ok(m, text);
  const [, y, mo, d, h, mi, se, frac = '', oh, om] = m as unknown as string[];
  return Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${se}${frac}${oh}:${om}`);
}

test('a generated event that carries execute times is not sent before them', () => {
  let checked = 0;
  for (const [path, text] of files) {
    if (!path.startsWith('fixtures/valid/') || !path.endsWith('.complete.json')) continue;
    const event = JSON.parse(text) as { eventTime: string; content: Record<string, unknown> };
    for (const field of ['executeStartTime', 'executeFinishTime']) {
      const at = event.content[field];
      if (typeof at !== 'string') continue;
      checked++;
      assert.ok(basicTime(event.eventTime) >= Date.parse(at), `${path}: eventTime before ${field}`);
    }
  }
  assert.ok(checked > 10, `${checked} execute times checked`);
});

test.run();
