/**
 * The package's validator engine against the generated JSON Schemas: for every documented example and
 * many mutations of it, under every notification name, the engine reports exactly the errors (JSON path
 * and keyword) that ajv reports with the schema of that name, in the default and the strict variant.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runtimeData } from '../generator/events/data.js';
import { createValidator } from '../generator/events/engine.js';
import { schemaValidator } from './ajv-helpers.js';
import { realOutput } from './helpers.js';

const { catalog, files } = await realOutput();
const v = await schemaValidator(files);
const engine = createValidator(runtimeData(catalog) as Parameters<typeof createValidator>[0]);
const keyed = (errors: readonly { path: string; keyword: string }[]) =>
  errors.map((e) => `${e.path} ${e.keyword}`).sort();

type Event = Record<string, unknown> & { content: Record<string, unknown> };

/** Mutations: each field removed, given a wrong type, a wrong string, and an extra field added. */
function* mutations(event: Event): Generator<[string, Event]> {
  yield ['as is', event];
  for (const [where, object] of [
    ['', event],
    ['/content', event.content],
  ] as const) {
    for (const key of Object.keys(object)) {
      for (const [what, value] of [
        ['removed', undefined],
        ['a number', 7],
        ['a wrong string', 'wrong'],
        ['null', null],
      ] as const) {
        const copy = structuredClone(event);
        const target = where === '' ? copy : copy.content;
        if (value === undefined) delete target[key];
        else target[key] = value;
        yield [`${where}/${key} ${what}`, copy];
      }
    }
    const copy = structuredClone(event);
    (where === '' ? copy : copy.content).surprise = true;
    yield [`${where}/surprise added`, copy];
  }
}

test('the engine and ajv agree on every example and mutation, under every name', () => {
  let compared = 0;
  for (const example of catalog.examples) {
    for (const event of catalog.events) {
      if (event.family !== catalog.events.find((e) => e.name === example.notification)?.family) continue;
      const renamed = { ...structuredClone(example.value as Event), name: event.name };
      for (const b of event.bindings) renamed.content[b.field] = b.value;
      for (const [what, mutated] of mutations(renamed)) {
        for (const strict of [false, true]) {
          const schema = strict
            ? `strict/families/${event.family}.schema.json`
            : `events/${event.slug}.schema.json`;
          const expected = keyed(v.errors(schema, mutated));
          const actual = keyed(engine.validate(mutated, { strict }));
          if (
            what !== '/name a wrong string' &&
            what !== '/name a number' &&
            what !== '/name null' &&
            what !== '/name removed'
          ) {
            assert.equal(
              actual,
              expected,
              `${event.name} ${example.id}: ${what}${strict ? ' (strict)' : ''}`,
            );
          }
          compared++;
        }
      }
    }
  }
  assert.ok(compared > 5000, `${compared} comparisons`);
});

test('a wrong or missing name is reported at /name, as the bundle schema does', () => {
  const event = structuredClone(catalog.examples[0]?.value) as Event;
  for (const name of ['wrong', 7, null]) {
    const mutated = { ...event, name };
    assert.equal(
      keyed(engine.validate(mutated)),
      keyed(v.errors('events.schema.json', mutated)),
      String(name),
    );
  }
  const { name: _, ...nameless } = event;
  assert.equal(keyed(engine.validate(nameless)), keyed(v.errors('events.schema.json', nameless)));
  assert.equal(keyed(engine.validate('text')), [' type']);
});

test.run();
