/**
 * Messages people can act on, from the package's engine on the real catalog: a value outside a format names
 * the format and shows the value, an enum lists its values, near misses of names, fields and values say
 * "did you mean", an unlisted near-miss field is a warning (an error in strict mode); and the two opt-ins:
 * masked identifiers rejected, a name that kept an earlier status read as its content says.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runtimeData } from '../generator/events/data.js';
import { createValidator } from '../generator/events/engine.js';
import { realOutput } from './helpers.js';

const { catalog } = await realOutput();
const engine = createValidator(runtimeData(catalog) as Parameters<typeof createValidator>[0]);
const example = (id: string) => {
  const found = catalog.examples.find((e) => e.id === id);
  if (!found) throw new Error(`no example ${id}`);
  return structuredClone(found.value) as Record<string, unknown> & { content: Record<string, unknown> };
};
const scheduled = example('system-maintenance-reboot-scheduled');
const utcFormat = catalog.formats.find((f) => f.id === 'utc-date-time');

test('a value outside its format: the format by name, an example of it, and the value received', () => {
  assert.ok(utcFormat);
  const bad = { ...scheduled, content: { ...scheduled.content, notBefore: '2019-04-12 01:01:01' } };
  assert.equal(engine.validate(bad), [
    {
      path: '/content/notBefore',
      keyword: 'pattern',
      message: `"2019-04-12 01:01:01" is not in the format "${utcFormat.label.en}", e.g. ${utcFormat.example}`,
    },
  ]);
  const long = 'x'.repeat(200);
  const [error] = engine.validate({ ...scheduled, regionId: long });
  assert.ok(error && error.message.length < 200, 'a long value is cut');
});

test('near misses: a name, a field and an enum value say what was most likely meant; far ones do not', () => {
  const near = (name: string) => engine.validate({ ...scheduled, name })[0]?.message ?? '';
  assert.match(
    near('Instance:SystemMaintenance.Reboot:Schedule'),
    /did you mean "Instance:SystemMaintenance\.Reboot:Scheduled"\?$/,
  );
  assert.match(near('instance:systemmaintenance.reboot:scheduled'), /did you mean/);
  assert.not.match(near('Something:Else'), /did you mean/);
  const state = example('state-change-running');
  const [enumError] = engine.validate({ ...state, content: { ...state.content, state: 'Runing' } });
  assert.match(enumError?.message ?? '', /^"Runing" is not one of .*\(did you mean "Running"\?\)$/);
  const typo = { ...state, content: { ...state.content, stat: 'Running' } };
  const lenient = engine.check(typo);
  assert.equal(lenient.errors, []);
  assert.equal(
    lenient.warnings.map((w) => [w.path, w.keyword]),
    [['/content/stat', 'additionalProperties']],
  );
  assert.match(lenient.warnings[0]?.message ?? '', /did you mean "state"\?/);
  const strict = engine.check(typo, { strict: true });
  assert.match(
    strict.errors[0]?.message ?? '',
    /^is not a known field \(strict schema\); did you mean "state"\?$/,
  );
  // An unlisted field far from every listed one is a new field, not a typo: no warning.
  assert.equal(
    engine.check({ ...state, content: { ...state.content, zoneId: 'cn-hangzhou-h' } }).warnings,
    [],
  );
});

test("masked identifiers pass by default and fail with masked: 'reject'", () => {
  assert.equal(engine.validate(scheduled), []);
  const masked = engine.validate(scheduled, { masked: 'reject' });
  assert.ok(masked.length > 0);
  for (const e of masked) {
    assert.is(e.keyword, 'masked');
    assert.match(e.message, /\*/);
  }
});

test("statusSlip: 'follow-content' reads the documented Avoided example as Avoided, with a warning, a copy", () => {
  const avoided = catalog.examples.find((e) => e.id === 'system-maintenance-reboot-avoided');
  assert.ok(avoided && !avoided.expect.valid);
  const input = structuredClone(avoided.value) as Record<string, unknown>;
  assert.not.ok(engine.parse(input).ok);
  const parsed = engine.parse(input, { statusSlip: 'follow-content' });
  assert.ok(parsed.ok);
  assert.is((parsed.event as { name: string }).name, 'Instance:SystemMaintenance.Reboot:Avoided');
  assert.is(input.name, 'Instance:SystemMaintenance.Reboot:Scheduled', 'the input is not changed');
  assert.equal(
    parsed.warnings?.map((w) => [w.path, w.keyword]),
    [['/name', 'const']],
  );
  // A body whose content names no sibling, or that is invalid as it too, stays rejected.
  const broken = structuredClone(input) as { content: Record<string, unknown> };
  delete broken.content.instanceId;
  assert.not.ok(engine.parse(broken, { statusSlip: 'follow-content' }).ok);
});

test.run();
