/**
 * The generated package as consumers get it: packed with npm, installed from the tarball into a project
 * under a temporary folder, type-checked with tsc --strict under node16 and bundler resolution (the
 * consumer's @ts-expect-error lines must all be needed), and run against the documented examples and
 * mutations of them; the code of the "Handling events" pages type-checked and run there too, with the
 * libraries it uses; and a CommonJS project beside it that requires the package.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cases, installConsumer } from './consumer-install.js';
import { GENERATED_DIR, ROOT, realOutput } from './helpers.js';

const { catalog } = await realOutput();
const TSC = join(ROOT, 'node_modules', '.bin', 'tsc');

function tsc(dir: string, config: string) {
  return spawnSync(TSC, ['-p', config], { cwd: dir, encoding: 'utf8' });
}

test('the package has no runtime dependency and exports types, runtime, schemas and fixtures', () => {
  const pkg = JSON.parse(readFileSync(join(GENERATED_DIR, 'package.json'), 'utf8'));
  assert.is(pkg.name, catalog.package.name);
  assert.is(pkg.version, catalog.version);
  assert.is(pkg.dependencies, undefined);
  assert.equal(Object.keys(pkg.exports), ['.', './schemas/*', './fixtures/*', './package.json']);
  assert.equal(pkg.engines, { node: '^20.19.0 || >=22.12.0' });
});

for (const config of ['tsconfig.node16.json', 'tsconfig.bundler.json']) {
  test(`a consumer type-checks against the packed package (${config}), every @ts-expect-error needed`, () => {
    const run = tsc(installConsumer(), config);
    assert.is(run.status, 0, `${run.stdout}${run.stderr}`.slice(0, 4000));
  });
}

for (const [file, line, error] of [
  [
    'types.ts',
    '// @ts-expect-error a failure event has no notBefore\n',
    /Property 'notBefore' does not exist/,
  ],
  [
    'handling.ts',
    '// @ts-expect-error a preemptible interruption has no state: only a state change does\n',
    /Property 'state' does not exist on type 'InstancePreemptibleInstanceInterruptionContent'/,
  ],
  [
    'handling.ts',
    '// @ts-expect-error exhaustive: the notifications without a handler are missing\n',
    /is missing the following properties from type .*: "Disk:ConvertToPostpaidCompleted", .*and 68 more/,
  ],
] as const) {
  test(`the consumer fails to compile when an expected error goes away (${file}: ${error.source.slice(0, 30)})`, () => {
    const dir = installConsumer();
    const path = join(dir, 'src', file);
    const original = readFileSync(path, 'utf8');
    try {
      assert.ok(original.includes(line));
      writeFileSync(path, original.replace(line, ''));
      const run = tsc(dir, 'tsconfig.bundler.json');
      assert.is.not(run.status, 0);
      assert.match(run.stdout, error);
    } finally {
      writeFileSync(path, original);
    }
  });
}

test('the consumer validates the documented examples and their mutations with the packed runtime', () => {
  const dir = installConsumer();
  assert.is(tsc(dir, 'tsconfig.node16.json').status, 0);
  const lines = execFileSync(process.execPath, [join(dir, 'dist', 'run.js')], { cwd: dir, encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  const summary = lines.pop();
  assert.equal(summary, { names: 73, system: 60, isName: [true, false, false], frozen: true });
  const expected = cases();
  assert.is(lines.length, expected.length);
  for (const [i, c] of expected.entries()) {
    const { id, ok, known, name, errors, guard, validate } = lines[i];
    assert.equal(
      { id, ok, known, name, errors },
      { id: c.id, ...{ known: undefined, name: undefined, errors: undefined }, ...c.expected },
      c.id,
    );
    if (guard !== undefined) assert.is(guard, c.expected.ok && c.expected.known === true, `${c.id} guard`);
    if (validate !== undefined && c.unknown === undefined)
      assert.is(validate === 0, c.expected.ok, `${c.id} validate`);
  }
});

test('the consumer parses bytes, validates with the StandardSchemaV1 objects and routes with the packed runtime', () => {
  const dir = installConsumer();
  assert.is(tsc(dir, 'tsconfig.node16.json').status, 0);
  const out = execFileSync(process.execPath, [join(dir, 'dist', 'runtime.js')], {
    cwd: dir,
    encoding: 'utf8',
  });
  const state = (example('state-change-running') as StateChange).content.state;
  assert.equal(JSON.parse(out), {
    bytes: 'Instance:StateChange',
    malformed: true,
    valid: true,
    invalid: [{ message: JSON.parse(out).invalid[0].message, path: ['content', 'state'] }],
    otherName: {
      message: 'must be "Instance:PreemptibleInstanceInterruption", not "Instance:StateChange"',
      path: ['name'],
    },
    routed: [`handled ${state}`, `handled ${state}`, `handled ${state}`],
    thrown: ['EcsEventRouterError', 'invalid', 'json'],
  });
  assert.match(JSON.parse(out).invalid[0].message, /^"Exploded" is not one of /);
});

type StateChange = { content: { state: string } };

function example(id: string): unknown {
  const found = catalog.examples.find((e) => e.id === id);
  if (!found) throw new Error(`no example ${id}`);
  return found.value;
}

test("the code of the 'Handling events' pages runs: the router, the handler and a real StandardSchemaV1 consumer", () => {
  const dir = installConsumer();
  assert.is(tsc(dir, 'tsconfig.node16.json').status, 0);
  const valid = catalog.examples.filter((e) => e.expect.valid);
  const script = `
    const logged = [];
    console.log = console.warn = console.error = (...args) => { logged.push(args.map(String).join(" ")); };
    const out = {};
    for (const locale of ['en', 'zh']) {
      const { handler } = await import('./dist/docs/' + locale + '/index.js');
      const { app } = await import('./dist/docs/' + locale + '/app.js');
      const events = ${JSON.stringify(valid.map((e) => e.value))};
      const results = [];
      for (const event of events) {
        const body = JSON.stringify(event);
        logged.length = 0;
        const returned = await handler(Buffer.from(body));
        const post = (path) => app.request(path, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
        const all = await post('/events');
        const one = await post('/one');
        results.push({ returned, logged: [...logged], all: [all.status, await all.text()], one: [one.status, await one.json().catch(() => null)] });
      }
      out[locale] = results;
    }
    process.stdout.write(JSON.stringify(out));
  `;
  const out = JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8' }),
  );
  const page = readFileSync(join(GENERATED_DIR, 'docs', 'handling-events.md'), 'utf8');
  const one = /ecsEventSchemas\["([^"]+)"\]/.exec(page)?.[1];
  assert.ok(one);
  const routed = /"([^"*]+)": \(event\) => console\.log\(event\.content\.(\w+)\)/g;
  const own = new Map([...page.matchAll(routed)].map((m) => [m[1], m[2]]));
  assert.ok(own.size >= 2, 'the page routes two notifications by name');
  assert.equal(out.zh, out.en);
  for (const [i, e] of valid.entries()) {
    const { returned, logged, all, one: single } = out.en[i];
    assert.is(returned, undefined, e.id);
    assert.is(logged.length, 1, `${e.id}: ${logged}`);
    const field = own.get(e.notification);
    if (field) assert.is(logged[0], String((e.value as StateChange).content[field as 'state']), e.id);
    assert.equal(all, [200, e.notification], e.id);
    if (e.notification === one) assert.is(single[0], 200, e.id);
    else {
      assert.is(single[0], 400, e.id);
      const nameIssue = {
        message: `must be ${JSON.stringify(one)}, not ${JSON.stringify(e.notification)}`,
        path: ['name'],
      };
      assert.ok(
        single[1].error.some((i: unknown) => JSON.stringify(i) === JSON.stringify(nameIssue)),
        e.id,
      );
    }
  }
});

test('a CommonJS project requires the package: type-checked under node20 (not node16), compiled and run', () => {
  const dir = join(installConsumer(), 'cjs');
  const checked = tsc(dir, 'tsconfig.json');
  assert.is(checked.status, 0, checked.stdout);
  assert.match(readFileSync(join(dir, 'dist', 'index.js'), 'utf8'), /require\("ecs-events"\)/);
  const body = JSON.stringify(example('state-change-running'));
  const run = spawnSync(process.execPath, [join(dir, 'dist', 'index.js'), body], {
    cwd: dir,
    encoding: 'utf8',
  });
  assert.is(run.status, 0, run.stderr);
  assert.equal(JSON.parse(run.stdout), { names: 73, same: true, routed: 'Instance:StateChange' });
  assert.is(run.stderr, '', 'no warning on the supported versions');
  const old = spawnSync(TSC, ['-p', 'tsconfig.json', '--module', 'node16', '--noEmit'], {
    cwd: dir,
    encoding: 'utf8',
  });
  assert.match(old.stdout, /TS1479/, 'under node16 a CommonJS file cannot require an ES module');
});

test('the declarations carry the JSDoc of the catalog and contain no any', async () => {
  const { Project, SyntaxKind } = await import('ts-morph');
  const project = new Project({ skipAddingFilesFromTsConfig: true });
  const file = project.addSourceFileAtPath(
    join(installConsumer(), 'node_modules', 'ecs-events', 'types', 'index.d.ts'),
  );
  const state = file.getInterfaceOrThrow('InstanceStateChangeContent').getPropertyOrThrow('state');
  const doc = state
    .getJsDocs()
    .map((d) => d.getDescription())
    .join('\n');
  assert.match(doc, /State of the instance/);
  assert.match(doc, /实例状态。取值范围：/);
  const scheduled = file.getInterfaceOrThrow('InstanceSystemMaintenanceRebootScheduledEvent');
  assert.match(scheduled.getJsDocs()[0]?.getDescription() ?? '', /实例计划重启通知（系统维护）/);
  assert.is(file.getDescendantsOfKind(SyntaxKind.AnyKeyword).length, 0);
  // The generator's own tags are tags, not escaped text.
  assert.not.match(file.getFullText(), /\\@see/);
  // What an editor shows on hover: a notification's schema, and an enum property's values from its field.
  const probe = project.createSourceFile(
    join(file.getDirectoryPath(), 'probe.ts'),
    'import type { InstanceStateChangeEvent as E } from "./index.js";\ndeclare const e: E;\ne.content.state;\n',
  );
  const hoverAt = (word: string) =>
    project
      .getLanguageService()
      .compilerObject.getQuickInfoAtPosition(probe.getFilePath(), probe.getFullText().lastIndexOf(word));
  const see = hoverAt('E;')?.tags?.find((tag) => tag.name === 'see');
  assert.is(
    (see?.text ?? []).map((part) => part.text).join(''),
    ' `schemas/events/instance-state-change.schema.json`',
  );
  const hover = (hoverAt('state')?.documentation ?? []).map((part) => part.text).join('');
  assert.match(hover, /State of the instance/);
  for (const value of ['Created', 'Running', 'Stopped', 'Deleted']) assert.match(hover, `- ${value}: `);
});

test.run();
