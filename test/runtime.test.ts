/**
 * The package's runtime beyond validation, on the real catalog: bodies given as bytes (UTF-8, a BOM
 * dropped, the same errors as their text), the StandardSchemaV1 objects (against the generated JSON
 * Schemas, name by name), and the router (dispatch, group handlers and their order, the catch-all,
 * unknown names, invalid bodies, the checks made when it is created).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { eventInfo } from '../generator/emit/runtime-index.js';
import { runtimeData } from '../generator/events/data.js';
import { createValidator } from '../generator/events/engine.js';
import { createRouter, RouterError } from '../generator/events/router.js';
import { schemaValidator } from './ajv-helpers.js';
import { realOutput } from './helpers.js';

const { catalog, files } = await realOutput();
const v = await schemaValidator(files);
const engine = createValidator(runtimeData(catalog) as Parameters<typeof createValidator>[0]);
const info = eventInfo(catalog);
type Handlers = Parameters<typeof createRouter>[3];
type Options = Parameters<typeof createRouter>[4];
const router = (handlers: Handlers, options?: Options) =>
  createRouter(engine, info, RouterError, handlers, options);

const example = (id: string) => {
  const found = catalog.examples.find((e) => e.id === id);
  if (!found) throw new Error(`no example ${id}`);
  return structuredClone(found.value) as Record<string, unknown> & { content: Record<string, unknown> };
};
const stateChange = example('state-change-running');
const preemptible = example('preemptible-instance-interruption');
const scheduled = example('system-maintenance-reboot-scheduled');
const stalled = example('disk-stalled-executing');
const utf8 = (text: string) => new TextEncoder().encode(text);

test('bytes parse as their UTF-8 text, with or without a BOM, a Buffer included', () => {
  const text = JSON.stringify({ ...stateChange, content: { ...stateChange.content, note: '实例 ✓' } });
  const fromText = engine.parse(text);
  assert.ok(fromText.ok);
  for (const bytes of [utf8(text), Buffer.from(text), utf8(`\uFEFF${text}`), Buffer.from(`\uFEFF${text}`)])
    assert.equal(engine.parse(bytes), fromText);
  // A BOM in a string is the string's own text, reported where it is.
  assert.not.ok(engine.parse(`\uFEFF${text}`).ok);
});

test('malformed bytes give the errors, positions included, that their text gives', () => {
  for (const text of ['{"name": ', '{"name": "a",}', '[1, 2', '{"实例": x}', '']) {
    const expected = engine.parse(text);
    assert.not.ok(expected.ok, text);
    assert.equal(engine.parse(utf8(text)), expected, text);
    assert.equal(engine.parse(utf8(`\uFEFF${text}`)), expected, `BOM ${text}`);
  }
  assert.match(JSON.stringify(engine.parse(utf8('{"a": 1,}'))), /position 8|column 9/);
});

test('bytes that are not UTF-8 are an error, not a replacement character', () => {
  const bytes = utf8(JSON.stringify(stateChange));
  const broken = new Uint8Array([...bytes.slice(0, 20), 0xff, ...bytes.slice(20)]);
  assert.equal(engine.parse(broken), {
    ok: false,
    errors: [{ path: '', keyword: 'json', message: 'is not valid UTF-8' }],
  });
});

test('anything but a string or bytes is a parsed value', () => {
  assert.equal(engine.parse(new Uint16Array([123, 125])).ok, false);
  assert.equal(engine.parse(stateChange), { ok: true, known: true, event: stateChange });
});

const standard = (name?: string) => engine.standardSchema('ecs-events', name)['~standard'];

test('the StandardSchemaV1 of any notification gives the value, or the errors as issues with key paths', () => {
  assert.equal(standard().version, 1);
  assert.equal(standard().vendor, 'ecs-events');
  assert.equal(standard().validate(stateChange), { value: stateChange });
  const broken = { ...stateChange, content: { ...stateChange.content, state: 'Exploded' } };
  const errors = engine.validate(broken);
  assert.equal(standard().validate(broken), {
    issues: errors.map((e) => ({ message: e.message, path: ['content', 'state'] })),
  });
  assert.equal(standard().validate('text'), {
    issues: [{ message: 'must be object, not string', path: [] }],
  });
  assert.ok(Object.isFrozen(standard()));
});

test("each name's StandardSchemaV1 reports what that name's JSON Schema reports, on every example", () => {
  const pointer = (path: readonly string[]) =>
    path.map((k) => `/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
  let compared = 0;
  for (const e of catalog.examples) {
    for (const event of catalog.events) {
      const result = standard(event.name).validate(e.value);
      const issues = 'issues' in result ? result.issues.map((i) => pointer(i.path)).sort() : [];
      const expected = v.errors(`events/${event.slug}.schema.json`, e.value).map((x) => x.path);
      assert.equal(issues, [...new Set(expected)].sort(), `${e.id} as ${event.name}`);
      if (issues.length === 0) assert.equal(result, { value: e.value });
      compared++;
    }
  }
  assert.ok(compared > 1000, `${compared}`);
});

test('a router hands each notification to its handler and returns what the handler returns', () => {
  const route = router({
    'Instance:StateChange': (event: { content: { state: string } }) => `state ${event.content.state}`,
    'Instance:PreemptibleInstanceInterruption': () => 'preemptible',
  } as Handlers);
  assert.is(route(JSON.stringify(stateChange)), `state ${stateChange.content.state}`);
  assert.is(route(Buffer.from(JSON.stringify(preemptible))), 'preemptible');
  assert.is(route(stateChange), `state ${stateChange.content.state}`);
  assert.is(route(scheduled), undefined, 'no handler takes it');
});

test("a notification goes to its own handler, else its family's, category's, resource type's, else '*'", () => {
  const seen: string[] = [];
  const tag = (label: string) => (event: { name: string }) => {
    seen.push(`${label} ${event.name}`);
  };
  const options = {
    families: { 'system-event': tag('family') },
    categories: { Maintenance: tag('category'), Exception: tag('category') },
    resourceTypes: { disk: tag('type'), instance: tag('type') },
  };
  const route = router(
    { 'Instance:SystemMaintenance.Reboot:Scheduled': tag('own'), '*': tag('any') },
    options,
  );
  const executed = 'Instance:SystemMaintenance.Reboot:Executed';
  route(scheduled);
  route({ ...scheduled, name: executed, content: { ...scheduled.content, eventStatus: 'Executed' } });
  route(stalled);
  route(stateChange);
  router({ '*': tag('any') }, { resourceTypes: { disk: tag('type') } })(stateChange);
  assert.equal(seen, [
    'own Instance:SystemMaintenance.Reboot:Scheduled',
    'family Instance:SystemMaintenance.Reboot:Executed',
    'category Disk:Stalled:Executing',
    'type Instance:StateChange',
    'any Instance:StateChange',
  ]);
});

test('an invalid body is thrown with its errors, or given to the invalid handler', () => {
  const route = router({ '*': () => 'handled' });
  const broken = { ...stateChange, content: { ...stateChange.content, state: 'Exploded' } };
  const malformed = engine.parse('{"name": ');
  assert.not.ok(malformed.ok);
  for (const [body, errors, message] of [
    [broken, engine.validate(broken), 'invalid notification: /content/state "Exploded" is not one of '],
    ['{"name": ', malformed.ok ? [] : malformed.errors, 'invalid notification: Unexpected end of JSON input'],
    [utf8('{}'), engine.validate({}), 'invalid notification: /name is required'],
  ] as const) {
    try {
      route(body);
      assert.unreachable('an invalid body is thrown');
    } catch (error) {
      assert.instance(error, RouterError);
      const failure = error as RouterError;
      assert.is(failure.reason, 'invalid');
      assert.equal(failure.errors, errors);
      assert.is(failure.name, 'RouterError');
      assert.ok(failure.message.startsWith(message), failure.message);
    }
    const given = router({}, { invalid: (e, b) => ({ e, b }) })(body);
    assert.equal(given, { e: errors, b: body });
  }
});

test('an unknown name is invalid by default, thrown, or given to its handler with its envelope checked', () => {
  const unknown = { ...stateChange, name: 'Instance:SomethingNew' };
  const nameError = engine.validate(unknown);
  assert.equal(
    nameError.map((e) => e.path),
    ['/name'],
  );
  assert.throws(
    () => router({})(unknown),
    (e: unknown) => e instanceof RouterError && e.reason === 'unknown',
  );
  assert.equal(router({}, { invalid: (e) => e })(unknown), nameError);
  assert.throws(
    () => router({}, { invalid: (e) => e, unknown: 'throw' })(unknown),
    (e: unknown) => e instanceof RouterError && e.reason === 'unknown' && e.errors.length === 1,
  );
  const accept = router({ '*': () => 'known' }, { unknown: (event) => event, invalid: (e) => e });
  assert.equal(accept(unknown), unknown);
  const { regionId: _, ...withoutRegion } = unknown as typeof unknown & { regionId?: unknown };
  assert.equal(
    (accept(withoutRegion) as { path: string }[]).map((e) => e.path),
    ['/regionId'],
  );
  assert.is(accept(stateChange), 'known');
});

test('a strict router rejects fields the catalog does not list', () => {
  const extra = { ...stateChange, content: { ...stateChange.content, zoneId: 'cn-hangzhou-h' } };
  assert.is(router({ '*': () => 1 })(extra), 1);
  assert.equal(
    (router({ '*': () => 1 }, { strict: true, invalid: (e) => e })(extra) as { keyword: string }[]).map(
      (e) => e.keyword,
    ),
    ['additionalProperties'],
  );
});

test('a router is refused when made with a key that names nothing, or exhaustive with a name unhandled', () => {
  assert.throws(() => router({ 'Instance:StateChnage': () => 1 } as Handlers), /not a notification name/);
  assert.throws(() => router({}, { families: { 'no-such-family': () => 1 } }), /families: no notification/);
  assert.throws(() => router({}, { categories: { Nope: () => 1 } }), /categories: no notification/);
  assert.throws(
    () => router({ '*': () => 1 }, { exhaustive: true, families: { 'system-event': () => 1 } }),
    (e: unknown) =>
      e instanceof TypeError && /Instance:StateChange/.test(e.message) && !/Reboot/.test(e.message),
  );
  const everything = Object.fromEntries(catalog.resourceTypes.map((t) => [t.id, () => t.id]));
  assert.is(router({}, { exhaustive: true, resourceTypes: everything })(stalled), 'disk');
});

test.run();
