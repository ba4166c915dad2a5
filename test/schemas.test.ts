/**
 * The generated JSON Schemas: they compile under ajv strict mode, accept the documented examples (or reject
 * them as the errata say), and report mutations of the examples at the right JSON path and keyword.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { objectProperties } from '../generator/emit/shared/field-schema.js';
import type { EventModel } from '../generator/model/catalog.js';
import { createAjv, normalizeErrors } from '../generator/validate/ajv.js';
import { schemaValidator } from './ajv-helpers.js';
import { ROOT, realOutput, SPEC_DIR } from './helpers.js';

const { catalog, files } = await realOutput();
const v = await schemaValidator(files);
const eventByName = new Map(catalog.events.map((e) => [e.name, e]));
const schemaOf = (name: string, strict = false) =>
  strict
    ? `strict/families/${(eventByName.get(name) as EventModel).family}.schema.json`
    : `events/${(eventByName.get(name) as EventModel).slug}.schema.json`;
const clone = <T>(value: T): T => structuredClone(value);
const example = (id: string) => {
  const found = catalog.examples.find((e) => e.id === id);
  if (!found) throw new Error(`no example ${id}`);
  return clone(found.value) as Record<string, unknown> & { content: Record<string, unknown> };
};
const keyed = (errors: readonly { path: string; keyword: string }[]) =>
  errors.map((e) => `${e.path} ${e.keyword}`).sort();

test('the catalog has the 73 notification names of the sources, each with its own schemas', () => {
  assert.is(catalog.events.length, 73);
  assert.is(catalog.events.filter((e) => e.family === 'system-event').length, 60);
  for (const name of [
    'Instance:StateChange',
    'Instance:PreemptibleInstanceInterruption',
    'Instance:LiveMigrationAcrossDDH',
    'Instance:PerformanceModeChange',
    'Instance:BurstablePerformanceRestricted',
  ]) {
    assert.ok(eventByName.has(name), name);
  }
  for (const event of catalog.events) {
    assert.ok(files.has(`schemas/${schemaOf(event.name)}`), event.name);
    assert.ok(files.has(`schemas/${schemaOf(event.name, true)}`), event.name);
  }
  for (const family of catalog.families) assert.ok(files.has(`schemas/families/${family.id}.schema.json`));
  assert.ok(files.has('schemas/events.schema.json'));
  assert.ok(files.has('schemas/strict/events.schema.json'));
});

test('every schema compiles under ajv strict mode and has a unique $id', () => {
  const ids = new Set<string>();
  for (const path of v.paths) {
    const schema = JSON.parse(files.get(`schemas/${path}`) as string) as { $id: string; $schema: string };
    assert.is(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
    assert.not.ok(ids.has(schema.$id), schema.$id);
    ids.add(schema.$id);
    assert.ok(v.ajv.getSchema(schema.$id), `${path} compiles`);
  }
  // Per name; per family and a bundle in the default, strict and codegen variants; the delivery forms'
  // schemas: each typed form's two bundles and one per type.
  const forms = (catalog.deliveries?.forms ?? []).filter((f) => f.type);
  const formSchemas = forms.reduce((n, f) => n + 2 + f.types.length, 0);
  assert.ok(formSchemas > 0);
  assert.is(ids.size, catalog.events.length + catalog.families.length * 3 + 3 + formSchemas);
});

test('every documented example validates against its schema, its family and the bundle, as declared', () => {
  assert.ok(catalog.examples.length >= 20, `${catalog.examples.length} documented examples`);
  for (const ex of catalog.examples) {
    const event = eventByName.get(ex.notification) as EventModel;
    const expected = ex.expect.valid ? [] : keyed(ex.expect.errors);
    for (const path of [
      schemaOf(ex.notification),
      `families/${event.family}.schema.json`,
      'events.schema.json',
    ]) {
      assert.equal(keyed(v.errors(path, ex.value)), expected, `${ex.id} against ${path}`);
    }
  }
});

test('the Avoided example is rejected for the reason its erratum gives, and is valid under its real name', () => {
  const avoided = catalog.examples.find((e) => e.id === 'system-maintenance-reboot-avoided');
  const expect = avoided?.expect;
  assert.ok(expect && !expect.valid);
  if (!expect || expect.valid) return;
  assert.ok(catalog.errata.some((e) => e.id === expect.erratum));
  const fixed = example('system-maintenance-reboot-avoided');
  fixed.name = 'Instance:SystemMaintenance.Reboot:Avoided';
  assert.equal(v.errors(schemaOf(fixed.name as string), fixed), []);
  assert.equal(v.errors('events.schema.json', fixed), []);
});

test('mutations of the examples are reported at their JSON path and keyword', () => {
  const scheduled = 'Instance:SystemMaintenance.Reboot:Scheduled';
  const cases: [string, (e: ReturnType<typeof example>) => void, string, string[]][] = [
    ['wrong type', (e) => (e.content.notBefore = 20190412), scheduled, ['/content/notBefore type']],
    ['missing required field', (e) => delete e.content.notBefore, scheduled, ['/content/notBefore required']],
    ['missing envelope field', (e) => delete e.regionId, scheduled, ['/regionId required']],
    [
      'bad pattern',
      (e) => (e.content.publishTime = '2019-04-09 04:18:26'),
      scheduled,
      ['/content/publishTime pattern'],
    ],
    ['bad event time', (e) => (e.eventTime = '2019-04-09T12:18:26+08:00'), scheduled, ['/eventTime pattern']],
    ['unknown level', (e) => (e.level = 'DEBUG'), scheduled, ['/level enum']],
    [
      'status disagrees with the name',
      (e) => (e.content.eventStatus = 'Executing'),
      scheduled,
      ['/content/eventStatus const'],
    ],
    [
      'type disagrees with the name',
      (e) => (e.content.eventType = 'SystemFailure.Reboot'),
      scheduled,
      ['/content/eventType const'],
    ],
    [
      'a field that the status forbids',
      (e) => (e.content.executeStartTime = '2019-04-10T08:01:01Z'),
      scheduled,
      ['/content/executeStartTime false schema'],
    ],
  ];
  for (const [what, mutate, name, expected] of cases) {
    const event = example('system-maintenance-reboot-scheduled');
    mutate(event);
    assert.equal(keyed(v.errors(schemaOf(name), event)), expected, what);
    assert.equal(keyed(v.errors('events.schema.json', event)), expected, `${what} (bundle)`);
  }
});

test('notBefore: required in a scheduled maintenance event, optional in its other statuses, forbidden in exception events', () => {
  const failure = example('system-maintenance-reboot-scheduled');
  failure.name = 'Instance:SystemFailure.Reboot:Executing';
  failure.content.eventType = 'SystemFailure.Reboot';
  failure.content.eventStatus = 'Executing';
  assert.equal(keyed(v.errors('events.schema.json', failure)), ['/content/notBefore false schema']);
  delete failure.content.notBefore;
  assert.equal(keyed(v.errors('events.schema.json', failure)), []);
  const inquiring = clone(failure);
  inquiring.name = 'Instance:SystemMaintenance.RebootAndIsolateErrorDisk:Inquiring';
  inquiring.content.eventType = 'SystemMaintenance.RebootAndIsolateErrorDisk';
  inquiring.content.eventStatus = 'Inquiring';
  assert.equal(keyed(v.errors('events.schema.json', inquiring)), [], 'optional where the sources are silent');
  inquiring.content.notBefore = '2019-04-12T01:01:01Z';
  assert.equal(keyed(v.errors('events.schema.json', inquiring)), []);
  const redeploy = clone(failure);
  redeploy.name = 'Instance:SystemFailure.Redeploy:Scheduled';
  redeploy.content.eventType = 'SystemFailure.Redeploy';
  redeploy.content.eventStatus = 'Scheduled';
  redeploy.content.notBefore = '2019-04-12T01:01:01Z';
  assert.equal(keyed(v.errors('events.schema.json', redeploy)), ['/content/notBefore false schema']);
});

test('state-change errors are reported against the state-change schema, not as a failed oneOf', () => {
  const event = example('state-change-running');
  event.content.state = 'Exploding';
  const errors = v.errors('events.schema.json', event);
  assert.equal(keyed(errors), ['/content/state enum']);
  assert.match(errors[0]?.message ?? '', /"Running"/);
  event.name = 'Instance:NoSuchThing';
  assert.equal(keyed(v.errors('events.schema.json', event)), ['/name enum']);
  delete event.name;
  assert.equal(keyed(v.errors('events.schema.json', event)), ['/name required']);
});

test('default schemas accept unknown fields; strict ones reject them', () => {
  const event = example('state-change-running');
  Object.assign(event, { status: 'Normal', curLevel: 'INFO', regionName: '华东1（杭州）' });
  // Fields seen in deliveries are catalogued now; an extra one is still accepted by the default schemas.
  Object.assign(event.content, {
    instanceName: 'web-1',
    instanceType: 'ecs.g7.large',
    zoneId: 'cn-hangzhou-h',
  });
  assert.equal(v.errors(schemaOf('Instance:StateChange'), event), []);
  assert.equal(v.errors('events.schema.json', event), []);
  const strict = keyed(v.errors(schemaOf('Instance:StateChange', true), event));
  assert.equal(strict, [
    '/content/zoneId additionalProperties',
    '/curLevel additionalProperties',
    '/regionName additionalProperties',
    '/status additionalProperties',
  ]);
  assert.equal(keyed(v.errors('strict/events.schema.json', event)), strict);
});

test('ver may be missing, and the three time formats have their own patterns', () => {
  const event = example('burstable-performance-restricted');
  delete event.ver;
  assert.equal(v.errors('events.schema.json', event), []);
  event.content.intervalStart = '2019-11-11T11:00:00Z';
  assert.equal(keyed(v.errors('events.schema.json', event)), ['/content/intervalStart pattern']);
  const preemptible = example('preemptible-instance-interruption');
  preemptible.level = 'WARN';
  assert.equal(v.errors('events.schema.json', preemptible), []);
});

test('a forbidden field is kept out of properties and reported where it stands, whatever its name', async () => {
  const names = ['a.b', '^x$', '(y)|z', 'w*', 'back\\slash', '[v]{2}', 'q+?'];
  const properties = Object.fromEntries([['kept', { type: 'string' }], ...names.map((n) => [n, false])]);
  const encoded = objectProperties(properties);
  assert.equal(Object.keys(encoded.properties), ['kept']);
  assert.equal(objectProperties({ kept: true }), { properties: { kept: true } });
  const validate = (await createAjv()).compile({ type: 'object', ...encoded });
  for (const name of names) {
    validate({ kept: 'k', [name]: 1 });
    assert.equal(
      keyed(normalizeErrors(validate.errors)),
      [`/${name.replaceAll('~', '~0')} false schema`],
      name,
    );
    // The pattern matches the name alone: a metacharacter in it is not one in the pattern.
    for (const other of [`${name}!`, `!${name}`, name.replace(/[^a-z]/g, 'a')])
      assert.ok(validate({ [other]: 1 }), `${other} is not ${name}`);
  }
});

/**
 * The json-schema emitter's files for `specs` in a process of its own (the switches are read once per
 * process), with `off` as ECS_EVENTS_OFF: each file's text, and whether it came as one string.
 */
function schemaFiles(specs: readonly string[], off: string): Map<string, { plain: boolean; text: string }> {
  const url = (path: string) => JSON.stringify(pathToFileURL(join(ROOT, 'generator', path)).href);
  const code = `
    const { buildCatalog } = await import(${url('index.ts')});
    const { emitJsonSchemas } = await import(${url('emit/json-schema/index.ts')});
    const { renderedText } = await import(${url('support/pieces.ts')});
    const files = [];
    for (const spec of ${JSON.stringify(specs)}) {
      const { catalog } = await buildCatalog(spec, 'spec');
      for (const [path, contents] of emitJsonSchemas(catalog)) {
        const rendered = typeof contents === 'function' ? contents() : contents;
        files.push([spec + ' ' + path, { plain: typeof rendered === 'string', text: renderedText(rendered) }]);
      }
    }
    process.stdout.write(JSON.stringify(files));
  `;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ECS_EVENTS_OFF: off },
    maxBuffer: 1 << 28,
  });
  return new Map(JSON.parse(out) as [string, { plain: boolean; text: string }][]);
}

test('with json-chunks off, the schemas are plain JSON.stringify texts, byte for byte the chunked ones', () => {
  const specs = [SPEC_DIR, join(ROOT, 'test/golden/hostile/spec')];
  const chunked = schemaFiles(specs, '');
  const plain = schemaFiles(specs, 'json-chunks');
  assert.equal([...plain.keys()], [...chunked.keys()]);
  assert.ok(
    [...chunked.values()].some((f) => !f.plain),
    'chunked: the schemas come as pieces',
  );
  for (const [path, file] of plain) {
    assert.ok(file.plain, `plain: ${path} is one string`);
    assert.is(file.text, chunked.get(path)?.text, path);
  }
  // And the chunked ones are the files the chain writes.
  for (const [path, file] of chunked) {
    if (path.startsWith(`${SPEC_DIR} `))
      assert.is(file.text, files.get(path.slice(SPEC_DIR.length + 1)), path);
  }
});

test.run();
