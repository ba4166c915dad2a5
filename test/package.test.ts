/**
 * The generated package as consumers get it: packed with npm, installed from the tarball into a project
 * under a temporary folder, type-checked with tsc --strict under node16 and bundler resolution (the
 * consumer's @ts-expect-error lines must all be needed), and run against the documented examples and
 * mutations of them.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { GENERATED_DIR, ROOT, realOutput, tempDir } from './helpers.js';

const { catalog } = await realOutput();
const TSC = join(ROOT, 'node_modules', '.bin', 'tsc');

interface Case {
  id: string;
  input: unknown;
  text?: string;
  strict?: boolean;
  unknown?: 'accept';
  expected: { ok: boolean; known?: boolean; name?: string; errors?: string[] };
}

function cases(): Case[] {
  const out: Case[] = catalog.examples.map((e) => ({
    id: e.id,
    input: e.value,
    expected: e.expect.valid
      ? { ok: true, known: true, name: e.notification }
      : { ok: false, errors: e.expect.errors.map((x) => `${x.path} ${x.keyword}`).sort() },
  }));
  const base = structuredClone(
    catalog.examples.find((e) => e.id === 'state-change-running')?.value,
  ) as Record<string, unknown>;
  const mutate = (
    id: string,
    change: (e: Record<string, unknown> & { content: Record<string, unknown> }) => void,
    expected: Case['expected'],
    extra: Partial<Case> = {},
  ) => {
    const event = structuredClone(base) as Record<string, unknown> & { content: Record<string, unknown> };
    change(event);
    out.push({ id, input: event, expected, ...extra });
  };
  mutate('wrong-state', (e) => (e.content.state = 'Exploded'), {
    ok: false,
    errors: ['/content/state enum'],
  });
  mutate('missing-region', (e) => delete e.regionId, { ok: false, errors: ['/regionId required'] });
  mutate('numeric-time', (e) => (e.eventTime = 20190409), { ok: false, errors: ['/eventTime type'] });
  mutate('extra-field', (e) => (e.content.zoneId = 'cn-hangzhou-h'), {
    ok: true,
    known: true,
    name: 'Instance:StateChange',
  });
  mutate(
    'extra-field-strict',
    (e) => (e.content.zoneId = 'cn-hangzhou-h'),
    { ok: false, errors: ['/content/zoneId additionalProperties'] },
    { strict: true },
  );
  mutate('unknown-name', (e) => (e.name = 'Instance:SomethingNew'), { ok: false, errors: ['/name enum'] });
  mutate(
    'unknown-name-accepted',
    (e) => (e.name = 'Instance:SomethingNew'),
    { ok: true, known: false, name: 'Instance:SomethingNew' },
    { unknown: 'accept' },
  );
  out.push({
    id: 'text',
    input: null,
    text: JSON.stringify(base),
    expected: { ok: true, known: true, name: 'Instance:StateChange' },
  });
  out.push({ id: 'malformed', input: null, text: '{"name": ', expected: { ok: false, errors: [' json'] } });
  out.push({ id: 'not-an-object', input: [1, 2], expected: { ok: false, errors: [' type'] } });
  return out;
}

let consumer: string | undefined;

/** Packs generated/, installs the tarball into a copy of test/consumer and returns its folder. */
function installConsumer(): string {
  if (consumer) return consumer;
  const root = tempDir();
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', root], {
      cwd: GENERATED_DIR,
      encoding: 'utf8',
    }),
  ) as { filename: string; files: { path: string }[] }[];
  const tarball = join(root, packed[0]?.filename ?? '');
  const files = (packed[0]?.files ?? []).map((f) => f.path);
  assert.ok(
    files.includes('runtime/index.js') &&
      files.includes('types/index.d.ts') &&
      files.includes('package.json'),
  );
  assert.ok(files.includes('schemas/events.schema.json') && files.includes('README.md'));
  assert.not.ok(files.includes('.generated'), 'the marker file is not packed');
  const dir = join(root, 'consumer');
  cpSync(join(ROOT, 'test', 'consumer'), dir, { recursive: true });
  const source = `export const cases: { id: string; input: unknown; text?: string; strict?: boolean; unknown?: 'accept'; expected: unknown }[] = ${JSON.stringify(cases())};\n`;
  writeFileSync(join(dir, 'src', 'cases.ts'), source);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', '--no-package-lock', tarball], {
    cwd: dir,
    stdio: 'pipe',
  });
  consumer = dir;
  return dir;
}

function tsc(dir: string, config: string) {
  return spawnSync(TSC, ['-p', config], { cwd: dir, encoding: 'utf8' });
}

test('the package has no runtime dependency and exports types, runtime, schemas and fixtures', () => {
  const pkg = JSON.parse(readFileSync(join(GENERATED_DIR, 'package.json'), 'utf8'));
  assert.is(pkg.name, catalog.package.name);
  assert.is(pkg.version, catalog.version);
  assert.is(pkg.dependencies, undefined);
  assert.equal(Object.keys(pkg.exports), ['.', './schemas/*', './fixtures/*', './package.json']);
});

for (const config of ['tsconfig.node16.json', 'tsconfig.bundler.json']) {
  test(`a consumer type-checks against the packed package (${config}), every @ts-expect-error needed`, () => {
    const run = tsc(installConsumer(), config);
    assert.is(run.status, 0, `${run.stdout}${run.stderr}`.slice(0, 4000));
  });
}

test('the consumer fails to compile when an expected error goes away', () => {
  const dir = installConsumer();
  const path = join(dir, 'src', 'types.ts');
  const original = readFileSync(path, 'utf8');
  try {
    writeFileSync(path, original.replace('// @ts-expect-error a failure event has no notBefore\n', ''));
    const run = tsc(dir, 'tsconfig.bundler.json');
    assert.is.not(run.status, 0);
    assert.match(run.stdout, /Property 'notBefore' does not exist/);
  } finally {
    writeFileSync(path, original);
  }
});

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
});

test.run();
