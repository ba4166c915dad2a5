/**
 * The helpers from the catalog in a consumer of the packed package: the guards narrow EcsEvent to a
 * family, category, resource type or status with one call (type-checked, and each guard's verdict on every
 * valid fixture matches the catalog), the subject accessor gives each notification's resource from the
 * field its family declares, and the typed fixtures index (fixtures/index.js) reads every fixture.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { installConsumer } from './consumer-install.js';
import { GENERATED_DIR, ROOT, realOutput } from './helpers.js';

const { catalog } = await realOutput();
const TSC = join(ROOT, 'node_modules', '.bin', 'tsc');

test('the guards narrow and the subject accessor reads each notification as the catalog says', () => {
  const dir = installConsumer();
  const build = spawnSync(TSC, ['-p', 'tsconfig.node16.json'], { cwd: dir, encoding: 'utf8' });
  assert.is(build.status, 0, build.stdout);
  const index = JSON.parse(readFileSync(join(GENERATED_DIR, 'fixtures', 'index.json'), 'utf8')) as {
    fixtures: { kind: string; path: string; name: string; index?: number }[];
  };
  const out = execFileSync(process.execPath, [join(dir, 'dist', 'helpers.js')], {
    cwd: dir,
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  const valid = index.fixtures.filter((f) => f.kind === 'valid');
  const invalid = out.filter((line) => line.index !== undefined);
  assert.is(invalid.length, index.fixtures.filter((f) => f.kind === 'invalid').length);
  for (const line of invalid)
    assert.ok(line.agrees, `${line.path} [${line.index}]: the typed index and its sidecar agree`);
  const summaries = out.filter((line) => line.index === undefined);
  assert.equal(
    summaries.map((l) => l.path),
    valid.map((f) => f.path),
  );
  const bodies = valid.map((f) => JSON.parse(readFileSync(join(GENERATED_DIR, 'fixtures', f.path), 'utf8')));
  const seen = { family: 0, category: 0, disk: 0, scheduled: 0 };
  for (const [i, line] of summaries.entries()) {
    const event = catalog.events.find((e) => e.name === valid[i]?.name);
    assert.ok(event, valid[i]?.name);
    const family = catalog.families.find((f) => f.id === event.family);
    const content = bodies[i].content as Record<string, unknown>;
    assert.equal(
      line.subject,
      { resourceType: event.resourceType, id: content[family?.subject ?? ''] },
      event.name,
    );
    assert.is('eventStatus' in line, event.family === 'system-event', event.name);
    assert.is('notBefore' in line, event.category === 'Maintenance', event.name);
    assert.is('disk' in line, event.resourceType === 'disk', event.name);
    assert.is('scheduled' in line, event.status === 'Scheduled', event.name);
    seen.family += Number('eventStatus' in line);
    seen.category += Number('notBefore' in line);
    seen.disk += Number('disk' in line);
    seen.scheduled += Number('scheduled' in line);
  }
  for (const [guard, count] of Object.entries(seen)) assert.ok(count > 0, `${guard} narrows some fixtures`);
});

test("the ajv recipe of the docs type-checks under node16 and nodenext, and ajv's errors map to the sidecars'", () => {
  const dir = installConsumer();
  for (const config of ['tsconfig.ajv-node16.json', 'tsconfig.ajv-nodenext.json']) {
    const run = spawnSync(TSC, ['-p', config], { cwd: dir, encoding: 'utf8' });
    assert.is(run.status, 0, `${config}: ${run.stdout}`);
  }
  const script = `
    import { readFileSync } from "node:fs";
    const root = ${JSON.stringify(join(GENERATED_DIR, 'fixtures'))};
    const read = (p) => JSON.parse(readFileSync(root + "/" + p, "utf8"));
    const out = [];
    for (const locale of ["en", "zh"]) {
      const { validate, pathOf } = await import("./dist/docs/" + locale + "/ajv.js");
      for (const entry of read("index.json").fixtures) {
        if (entry.kind === "documented") continue;
        const value = entry.kind === "invalid" ? read(entry.path)[entry.index] : read(entry.path);
        const ok = validate(value);
        const errors = (validate.errors ?? []).filter((e) => e.keyword !== "if").map((e) => pathOf(e) + " " + e.keyword);
        out.push({ locale, path: entry.path, index: entry.index, ok, errors });
      }
    }
    process.stdout.write(JSON.stringify(out));`;
  const results = JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8' }),
  ) as { path: string; index?: number; ok: boolean; errors: string[] }[];
  const index = JSON.parse(readFileSync(join(GENERATED_DIR, 'fixtures', 'index.json'), 'utf8')) as {
    fixtures: {
      kind: string;
      path: string;
      index?: number;
      strict?: boolean;
      errors?: { path: string; keyword: string }[];
    }[];
  };
  let checked = 0;
  for (const r of results) {
    const entry = index.fixtures.find((f) => f.path === r.path && f.index === r.index);
    assert.ok(entry, r.path);
    // The recipe validates with the default bundle: what only strict schemas reject passes.
    const expected =
      entry.kind === 'valid' || entry.strict ? [] : (entry.errors ?? []).map((e) => `${e.path} ${e.keyword}`);
    assert.equal(r.errors, expected, `${r.path} [${r.index}]`);
    assert.is(r.ok, expected.length === 0, r.path);
    checked++;
  }
  assert.ok(checked > 300, `${checked} fixtures`);
});

test.run();
