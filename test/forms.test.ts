/**
 * The delivery forms: the EventBridge fixtures against the EventBridge schemas (ajv, both bundles and each
 * type's) and the package's reader, which converts them to the classic events they come from; the Event
 * Center example; one clear error for a non-ECS CloudEvent and for a body of no form; unknown types; error
 * paths as received (into the alert text too); the forms option; the mapping as a YAML edit.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { eventInfo } from '../generator/emit/runtime-index.js';
import { runtimeData } from '../generator/events/data.js';
import { createValidator } from '../generator/events/engine.js';
import { createFormReader } from '../generator/events/forms.js';
import { formsData } from '../generator/events/forms-data.js';
import { createRouter, RouterError } from '../generator/events/router.js';
import { buildCatalog } from '../generator/index.js';
import type { Catalog } from '../generator/model/catalog.js';
import { slugOf } from '../generator/model/resolve.js';
import { schemaValidator } from './ajv-helpers.js';
import { copySpec, realOutput } from './helpers.js';

const { catalog, files } = await realOutput();
const v = await schemaValidator(files);

function readerOf(c: Catalog) {
  const engine = createValidator(runtimeData(c) as Parameters<typeof createValidator>[0]);
  return createFormReader(engine, formsData(c) as Parameters<typeof createFormReader>[1]);
}
const reader = readerOf(catalog);
const read = (path: string) => JSON.parse(files.get(`fixtures/${path}`) ?? 'null');
type Entry = { name: string; kind: string; path: string; index?: number; variant?: string; strict?: boolean };
type Expected = { path: string; keyword: string };
const index = read('eventbridge/index.json') as { fixtures: (Entry & { errors?: Expected[] })[] };
const keyed = (errors: readonly Expected[]) => errors.map((e) => `${e.path} ${e.keyword}`).sort();

test('each form index lists every file of its folder', () => {
  for (const form of ['eventbridge', 'eventcenter']) {
    const listed = new Set(
      (read(`${form}/index.json`) as { fixtures: (Entry & { expected?: string })[] }).fixtures.flatMap(
        (f) => [f.path, ...(f.expected ? [f.expected] : [])],
      ),
    );
    const prefix = `fixtures/${form}/`;
    const onDisk = [...files.keys()].filter((p) => p.startsWith(prefix) && !p.endsWith('/index.json'));
    assert.equal([...listed].sort(), onDisk.map((p) => p.slice(prefix.length)).sort());
  }
});

test('every valid EventBridge fixture validates with ajv and converts to its classic fixture', () => {
  const valid = index.fixtures.filter((f) => f.kind === 'valid');
  assert.is(valid.length, catalog.events.length * 2);
  for (const f of valid) {
    const value = read(`eventbridge/${f.path}`);
    for (const bundle of ['eventbridge/events.schema.json', 'eventbridge/strict/events.schema.json'])
      assert.equal(v.errors(bundle, value), [], `${f.path} ${bundle}`);
    const slug = slugOf(value.type as string);
    assert.ok(files.has(`schemas/eventbridge/${slug}.schema.json`), slug);
    const parsed = reader.parse(value, { strict: true });
    assert.ok(parsed.ok, `${f.path}: ${JSON.stringify(parsed.errors)}`);
    assert.is(parsed.form, 'eventbridge');
    const classic = read(`valid/${f.path.slice('valid/'.length)}`);
    const event = parsed.event as Record<string, unknown>;
    assert.is(event.name, f.name);
    assert.equal(event.content, classic.content, f.path);
    for (const key of ['id', 'resourceId', 'userId', 'eventTime', 'regionId', 'product'])
      assert.is(event[key], classic[key], `${f.path} ${key}`);
    assert.is(event.level, catalog.events.find((e) => e.name === f.name)?.level.documented);
  }
});

test('every invalid EventBridge fixture fails with its errors at their /data paths, with ajv and the reader', () => {
  const invalid = index.fixtures.filter((f) => f.kind === 'invalid');
  assert.ok(invalid.length > 100, `${invalid.length} cases`);
  for (const f of invalid) {
    const value = (read(`eventbridge/${f.path}`) as unknown[])[f.index ?? 0];
    const expected = keyed(f.errors ?? []);
    assert.ok(
      expected.every((e) => e.startsWith('/data/')),
      `${f.path} ${expected}`,
    );
    const bundle = f.strict ? 'eventbridge/strict/events.schema.json' : 'eventbridge/events.schema.json';
    const fromAjv = keyed(v.errors(bundle, value));
    for (const e of expected)
      assert.ok(fromAjv.includes(e), `${f.path}[${f.index}] ajv ${fromAjv} lacks ${e}`);
    const parsed = reader.parse(value, { strict: f.strict === true });
    assert.not.ok(parsed.ok, `${f.path}[${f.index}]`);
    assert.equal(keyed(parsed.errors as Expected[]), expected, `${f.path}[${f.index}]`);
  }
});

test('the classic bundle rejects an EventBridge event; the EventBridge bundle rejects a classic one', () => {
  const eb = read('eventbridge/valid/instance-state-change.minimal.json');
  assert.ok(v.errors('events.schema.json', eb).length > 0);
  assert.ok(
    v.errors('eventbridge/events.schema.json', read('valid/instance-state-change.minimal.json')).length > 0,
  );
});

const ec = read('eventcenter/documented/eventcenter-reboot-scheduled.json') as Record<string, string>;

test('an Event Center webhook body and the alert object inside it give the classic notification', () => {
  for (const body of [ec, JSON.parse(ec.alert as string)]) {
    const parsed = reader.parse(JSON.stringify(body), { strict: true });
    assert.ok(parsed.ok, JSON.stringify(parsed.errors));
    assert.is(parsed.form, 'eventcenter');
    assert.is((parsed.event as { name: string }).name, 'Instance:SystemMaintenance.Reboot:Scheduled');
    assert.equal(parsed.raw, body);
  }
});

test('errors point into the alert text, and say so', () => {
  const alert = JSON.parse(ec.alert as string);
  alert.eventContentMap.notBefore = 'tomorrow';
  const parsed = reader.parse({ ...ec, alert: JSON.stringify(alert) });
  assert.not.ok(parsed.ok);
  assert.equal(parsed.errors, [
    {
      path: '/alert/eventContentMap/notBefore',
      keyword: 'pattern',
      message: parsed.errors?.[0]?.message,
      text: '/alert',
    },
  ]);
  const broken = reader.parse({ ...ec, alert: '{"meta":' });
  assert.equal(
    broken.errors?.map((e) => `${e.path} ${e.keyword}`),
    ['/alert json'],
  );
});

const eb = read('eventbridge/valid/instance-system-maintenance-reboot-scheduled.minimal.json');

test('a CloudEvent of another source gets one error; an unknown ECS type is unknown, or accepted', () => {
  const other = reader.parse({ ...eb, source: 'acs.oss' });
  assert.equal(
    other.errors?.map((e) => `${e.path} ${e.keyword}`),
    ['/source const'],
  );
  const vswitch = { ...eb, type: 'ecs:Instance:VSwitchChanged', data: { anything: 1 } };
  const rejected = reader.check(vswitch);
  assert.equal(
    rejected.errors.map((e) => `${e.path} ${e.keyword}`),
    ['/type enum'],
  );
  assert.is(rejected.name, 'Instance:VSwitchChanged');
  const accepted = reader.parse(vswitch, { unknown: 'accept' });
  assert.ok(accepted.ok);
  assert.is(accepted.known, false);
  assert.is((accepted.event as { name: string }).name, 'Instance:VSwitchChanged');
  const ecUnknown = JSON.parse(ec.alert as string);
  ecUnknown.meta.sysEventMeta.name = 'Instance:Brand.New:Scheduled';
  assert.is(reader.parse(ecUnknown, { unknown: 'accept' }).known, false);
});

test('a body of no form gets one error naming the forms; the forms option restricts and forces', () => {
  const none = reader.parse({ hello: 'world' });
  assert.is(none.errors?.length, 1);
  assert.match(none.errors?.[0]?.message ?? '', /classic .*EventBridge .*Event Center/);
  assert.equal(
    reader.parse(eb, { forms: ['classic'] }).errors?.map((e) => e.path),
    ['/name'],
  );
  assert.equal(
    reader.parse({ ...eb, specversion: undefined }, { forms: ['eventbridge'] }).errors?.map((e) => e.path),
    ['/specversion'],
  );
  assert.is(reader.parse(eb, { forms: ['classic', 'eventbridge'] }).ok, true);
  const status = reader.parse({ ...eb, data: { ...eb.data, eventStatus: 'Later' } });
  assert.equal(
    status.errors?.map((e) => `${e.path} ${e.keyword}`),
    ['/data/eventStatus enum'],
  );
  const time = reader.parse({ ...eb, time: '20190410T160101Z' });
  assert.equal(
    time.errors?.map((e) => `${e.path} ${e.keyword}`),
    ['/time pattern'],
  );
  const strict = reader.parse({ ...eb, aliyunextra: 'x' }, { strict: true });
  assert.equal(
    strict.errors?.map((e) => `${e.path} ${e.keyword}`),
    ['/aliyunextra additionalProperties'],
  );
});

test('the router hands an EventBridge event and an Event Center body to the classic handlers', () => {
  const engine = createValidator(runtimeData(catalog) as Parameters<typeof createValidator>[0]);
  const route = createRouter(
    { ...engine, check: reader.check },
    eventInfo(catalog),
    RouterError,
    {
      'Instance:SystemMaintenance.Reboot:Scheduled': (event: { content: { eventId: string } }) =>
        event.content.eventId,
    } as never,
    { invalid: (errors: { path: string }[]) => errors.map((e) => e.path) } as never,
  );
  assert.is(route(eb), eb.data.eventId);
  assert.is(route(JSON.stringify(ec)), JSON.parse(ec.alert as string).eventContentMap.eventId);
  assert.equal(route({ ...eb, data: { ...eb.data, eventType: 'Other' } }), ['/data/eventType']);
});

test('the mapping is data: a new type prefix and a renamed attribute are a YAML edit away', async () => {
  const spec = copySpec();
  const file = join(spec, 'catalog.yaml');
  const text = readFileSync(file, 'utf8')
    .replace('prefix: "ecs:"', 'prefix: "compute:"')
    .replace('userId: { path: /aliyunaccountid }', 'userId: { path: /account }');
  writeFileSync(file, text);
  const built = await buildCatalog(spec, 'spec');
  assert.ok(built.catalog, JSON.stringify(built.diagnostics));
  const edited = readerOf(built.catalog as Catalog);
  const { aliyunaccountid, ...rest } = eb;
  const moved = { ...rest, account: aliyunaccountid, type: 'compute:Instance:SystemMaintenance.Reboot' };
  assert.ok(edited.parse(moved).ok, JSON.stringify(edited.parse(moved).errors));
  assert.equal(
    edited.parse(eb).errors?.map((e) => `${e.path} ${e.keyword}`),
    ['/type enum'],
  );
});

test('inconsistent deliveries are positioned errors of the spec', async () => {
  const spec = copySpec();
  const file = join(spec, 'catalog.yaml');
  const original = readFileSync(file, 'utf8');
  const text = original
    .replace('status: /data/eventStatus', 'status: /data/state')
    .replace(/\n *regionId: { path: \/aliyunregionid }/, '')
    .replace(
      'level: { documentedLevel: true, otherwise: INFO }',
      'level: { documentedLevel: true, otherwise: LOUD }',
    );
  writeFileSync(file, text);
  const built = await buildCatalog(spec, 'spec');
  const lines = text.split('\n');
  const line = (needle: string, from = 0) => lines.findIndex((l, i) => i >= from && l.includes(needle)) + 1;
  // The envelope's mapping: its value, the line after its key.
  const envelope = line('      envelope:', line('    - id: eventbridge')) + 1;
  const got = built.diagnostics.map((d) => `${d.line} ${d.code}`).sort();
  const expected = [
    `${line('status: /data/state')} delivery-status`,
    `${envelope} delivery-unmapped`,
    `${line('otherwise: LOUD')} unknown-value`,
  ];
  assert.equal(got, expected.sort(), JSON.stringify(built.diagnostics));
});

test.run();
