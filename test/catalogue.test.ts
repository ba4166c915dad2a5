/**
 * What the resource types, statuses and names of the catalog reject, as a receiver meets them: checked by
 * the package's validator and by ajv with the generated schemas, with the JSON path of the broken rule.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { schemaPaths } from '../generator/emit/shared/schema-paths.js';
import { validEvent } from '../generator/emit/shared/values.js';
import { runtimeData } from '../generator/events/data.js';
import { createValidator } from '../generator/events/engine.js';
import type { EventModel } from '../generator/model/catalog.js';
import { schemaValidator } from './ajv-helpers.js';
import { realOutput } from './helpers.js';

const { catalog, files } = await realOutput();
const engine = createValidator(runtimeData(catalog) as Parameters<typeof createValidator>[0]);
const ajv = await schemaValidator(files);

type Event = Record<string, unknown> & { content: Record<string, unknown> };
const valid = (event: EventModel) => structuredClone(validEvent(catalog, event, 'complete')) as Event;
const byType = (id: string) => catalog.events.filter((e) => e.resourceType === id);
const keyed = (errors: readonly { path: string; keyword: string }[]) =>
  errors.map((e) => `${e.path} ${e.keyword}`).sort();

/** The errors of `event` from both validators, which must agree. */
function errorsOf(event: Event): string[] {
  const mine = keyed(engine.validate(event));
  const model = catalog.events.find((e) => e.name === event.name) as EventModel;
  const theirs = keyed(ajv.errors(schemaPaths.event(model), event));
  assert.equal(theirs, mine, `ajv and the package agree on ${String(event.name)}`);
  return mine;
}

test('every resource type has notifications, and each generated event of it is valid', () => {
  assert.ok(catalog.resourceTypes.length >= 3);
  for (const type of catalog.resourceTypes) {
    assert.ok(byType(type.id).length > 0, type.id);
    for (const event of byType(type.id)) assert.equal(errorsOf(valid(event)), [], event.name);
  }
});

test("an event carrying another resource type's ARN is rejected at /resourceId", () => {
  const arns = new Map(
    byType('instance')
      .slice(0, 1)
      .concat(byType('disk').slice(0, 1), byType('snapshot').slice(0, 1))
      .map((e) => [e.resourceType, valid(e).resourceId]),
  );
  for (const type of catalog.resourceTypes) {
    for (const event of byType(type.id)) {
      for (const [other, arn] of arns) {
        if (other === type.id) continue;
        const broken = { ...valid(event), resourceId: arn };
        assert.ok(errorsOf(broken).includes('/resourceId pattern'), `${event.name} with a ${other} ARN`);
      }
    }
  }
});

test('a disk system event whose eventType is not the one of its name is rejected at /content/eventType', () => {
  const disk = catalog.events.filter((e) => e.family === 'disk-system-event');
  assert.ok(disk.length >= 4);
  for (const event of disk) {
    const other = disk.find((e) => e.bindings[0]?.value !== event.bindings[0]?.value);
    const broken = valid(event);
    broken.content.eventType = other?.bindings[0]?.value;
    assert.ok(errorsOf(broken).includes('/content/eventType const'), event.name);
  }
});

test('a name the table does not list is an unknown name, however close to a known one', () => {
  const known = catalog.events.find((e) => e.name === 'Disk:Stalled:Executing');
  assert.ok(known);
  const event = { ...valid(known as EventModel), name: 'Disk:Stalled:Scheduled' };
  const result = engine.parse(event);
  assert.is(result.ok, false);
  assert.ok(
    (result as { errors: { path: string; keyword: string }[] }).errors.some((e) => e.path === '/name'),
    'reported at /name',
  );
});

test('the info table gives each name its resource type, category, level and status', () => {
  for (const event of catalog.events) {
    const status = catalog.statuses.find((s) => s.id === event.status);
    assert.ok(event.resourceType, event.name);
    assert.ok(event.category, event.name);
    if (event.status !== undefined) assert.ok(status, `${event.name}: a declared status`);
  }
});

test.run();
