/**
 * `ecs-events diff`: crafted pairs of specs give the level and the change the policy says, naming the
 * notification and the field; folders and git revisions (read without touching the work tree) are the two
 * sides; a broken side prints its positioned diagnostics (exit 1), a missing folder or revision is one
 * line (exit 2); --check-version refuses a version that understates the change; and on the repository
 * itself, the catalogue's growth from 38 to 73 names is reported as the catalog's version says.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compareForms } from '../generator/diff/forms.js';
import { isWiderPattern } from '../generator/diff/pattern.js';
import { checkVersion } from '../generator/diff/version.js';
import { craftSpec, PAIRS } from './diff-pairs.js';
import { ROOT, realOutput, runCli, tempDir } from './helpers.js';

interface Json {
  from: { version: string };
  to: { version: string };
  semver: string;
  changes: {
    kind: string;
    semver: string;
    name: string | null;
    field: string | null;
    value: unknown;
    message: string;
  }[];
}

async function diffJson(before: string, after: string, cwd = ROOT): Promise<Json> {
  const run = await runCli(['diff', before, after, '--json'], cwd);
  assert.is(run.code, 0, run.stderr);
  return JSON.parse(run.stdout) as Json;
}

for (const pair of PAIRS) {
  test(`diff: ${pair.title} is ${pair.semver}, naming the notification and the field`, async () => {
    const result = await diffJson(craftSpec(pair.before), craftSpec(pair.after));
    assert.is(result.semver, pair.semver);
    if (!pair.change) return assert.equal(result.changes, []);
    const { kind, name, field, value } = pair.change;
    const found = result.changes.find((c) => c.kind === kind && c.name === name && c.field === field);
    assert.ok(found, `no ${kind} of ${name} ${field} in ${JSON.stringify(result.changes, null, 1)}`);
    if (value !== undefined) assert.is(found.value, value);
    for (const part of [name, field]) if (part) assert.ok(found.message.includes(part), found.message);
    assert.is(found.semver, pair.semver);
  });
}

test('diff: the text output groups by level, the Markdown one is a changelog section', async () => {
  const [before, after] = [craftSpec(), craftSpec({ values: 'Fast Slow Eco', description: 'The mode.' })];
  const text = await runCli(['diff', before, after]);
  assert.is(text.code, 0);
  assert.match(text.stdout, /^0\.1\.0 → 0\.1\.0: minor/);
  assert.match(text.stdout, /Minor: [^\n]*\n {2}- content\.mode: new value "Eco"[^\n]*: Gadget:Toggle/);
  assert.match(text.stdout, /Patch: [^\n]*\n {2}- content\.mode: the description changed: Gadget:Toggle/);
  const md = await runCli(['diff', before, after, '--format', 'markdown']);
  assert.match(md.stdout, /^## 0\.1\.0\n\nCompared with 0\.1\.0: a \*\*minor\*\* release\.\n\n### Minor: /);
  assert.match(
    md.stdout,
    /- content\.mode: new value "Eco"; exhaustive handling must add a case: `Gadget:Toggle`/,
  );
  const bad = await runCli(['diff', before, after, '--format', 'yaml']);
  assert.is(bad.code, 2);
  assert.match(bad.stderr, /--format must be one of text, markdown, json/);
});

test('diff --check-version: exit 1 when the new version understates the change, 0 otherwise', async () => {
  const before = craftSpec({ version: '1.2.3' });
  for (const [version, code] of [
    ['1.2.4', 1],
    ['1.3.0', 0],
    ['2.0.0', 0],
  ] as const) {
    const run = await runCli([
      'diff',
      before,
      craftSpec({ values: 'Fast Slow Eco', version }),
      '--check-version',
    ]);
    assert.is(run.code, code, `${version}: ${run.stderr}`);
    if (code === 1)
      assert.match(run.stderr, /understates the change: 1\.2\.3 → 1\.2\.4 is a patch change, .*minor/);
  }
  const plain = await runCli(['diff', before, craftSpec({ values: 'Fast', version: '1.2.3' })]);
  assert.is(plain.code, 0, 'without --check-version, exit 0 whatever changed');
});

test("delivery forms: a form added is minor, removed major; a type or a field's place changed is major", async () => {
  const { catalog } = await realOutput();
  const forms = catalog.deliveries?.forms ?? [];
  assert.ok(forms.length > 0);
  const without = { ...catalog, deliveries: undefined };
  assert.equal(
    compareForms(without, catalog).map((c) => [c.kind, c.semver]),
    forms.map(() => ['form-added', 'minor']),
  );
  assert.equal(
    compareForms(catalog, without).map((c) => [c.kind, c.semver]),
    forms.map(() => ['form-removed', 'major']),
  );
  const typed = forms.find((f) => Object.keys(f.typeOf).length > 0);
  assert.ok(typed);
  const name = Object.keys(typed.typeOf)[0] ?? '';
  const moved = typed.fields.find((f) => f.path !== undefined);
  assert.ok(moved);
  const changed = {
    ...typed,
    typeOf: { ...typed.typeOf, [name]: 'ecs:Renamed' },
    fields: typed.fields.map((f) => (f === moved ? { ...f, path: '/elsewhere' } : f)),
  };
  const after = {
    ...catalog,
    deliveries: { ...catalog.deliveries, forms: forms.map((f) => (f === typed ? changed : f)) },
  };
  const found = compareForms(catalog, after as typeof catalog);
  assert.equal(
    found.map((c) => [c.kind, c.semver, c.name, c.field]),
    [
      ['form-type-changed', 'major', name, null],
      ['form-field-moved', 'major', null, moved.field],
    ],
  );
  assert.match(found[0]?.message ?? '', 'ecs:Renamed');
});

test('versions: the bump a version says, below and above 1.0.0', () => {
  assert.is(checkVersion('1.0.0', '2.0.0', 'major'), undefined);
  assert.match(checkVersion('1.0.0', '1.9.0', 'major') ?? '', /minor change, the changes call for major/);
  assert.is(checkVersion('0.1.0', '0.2.0', 'major'), undefined, 'below 1.0.0 the minor number breaks');
  assert.match(checkVersion('1.1.0', '1.1.1', 'minor') ?? 'passed', /call for minor/);
  assert.is(checkVersion('0.1.0', '0.1.1', 'minor'), undefined, 'below 1.0.0 the patch number adds');
  assert.is(checkVersion('0.1.0', '0.1.1', 'patch'), undefined);
  assert.match(checkVersion('2.0.0', '1.9.9', 'none') ?? '', /lower/);
  assert.match(checkVersion('2.0.0', '2.0.0-rc.1', 'none') ?? '', /lower/);
  assert.is(checkVersion('2.1.0', '2.1.0', 'none'), undefined);
  assert.match(checkVersion('x', '1.0.0', 'none') ?? '', /not both semver/);
});

test('patterns: wider only when the new one offers the old alternatives and more', () => {
  assert.ok(isWiderPattern('^a$', '^(?:a|b)$'));
  assert.ok(isWiderPattern('^(?:a|b)$', '^(?:b|c|a)$'));
  assert.not.ok(isWiderPattern('^(?:a|b)$', '^a$'));
  assert.not.ok(isWiderPattern('^a$', 'a|b'), 'other anchors');
  assert.ok(isWiderPattern('^[a|b]$', '^(?:[a|b]|c)$'), 'a class is one branch');
  assert.not.ok(isWiderPattern('^(a)(b)$', '^(?:(a)(b|c))$'));
});

test('diff: a broken side prints its positioned diagnostics and exits 1', async () => {
  const broken = craftSpec();
  const file = join(broken, 'families', 'gadget.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace('    type: boolean', '    type: bool'));
  const run = await runCli(['diff', craftSpec(), broken, '--brief']);
  assert.is(run.code, 1);
  assert.match(run.stderr, /families\/gadget\.yaml:\d+:\d+: error [a-z-]+: /);
  assert.match(run.stderr, /in [^\n]*spec; nothing was compared\./);
});

test('diff: a missing folder, a bad revision or a folder a revision lacks is one line, exit 2', async () => {
  const repo = gitRepo();
  for (const [sides, message] of [
    [[join(repo, 'nope'), 'spec'], /^ecs-events: spec folder not found: .*nope$/],
    [
      ['git:no-such-rev', 'spec'],
      /^ecs-events: git:no-such-rev: no revision no-such-rev in the git repository$/,
    ],
    [['git:HEAD:elsewhere', 'spec'], /^ecs-events: git:HEAD: revision HEAD has no folder elsewhere$/],
  ] as const) {
    const run = await runCli(['diff', ...sides], repo);
    assert.is(run.code, 2, run.stderr);
    assert.match(run.stderr, message);
    assert.is(run.stderr.split('\n').length, 1, run.stderr);
  }
  const outside = await runCli(['diff', 'git:HEAD', 'spec'], tempDir());
  assert.is(outside.code, 2);
  assert.match(outside.stderr, /is not in a git repository$/);
});

/** A git repository with two commits of a crafted spec: the base, then an enum value removed. */
function gitRepo(): string {
  const repo = tempDir('ecs-events-diff-repo-');
  const git = (...args: string[]) => {
    const run = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], {
      cwd: repo,
      encoding: 'utf8',
    });
    assert.is(run.status, 0, run.stderr);
    return run.stdout.trim();
  };
  git('init', '-q');
  cpSync(craftSpec({ values: 'Fast Slow Eco' }), join(repo, 'spec'), { recursive: true });
  git('add', '-A');
  git('commit', '-qm', 'one');
  cpSync(craftSpec({ version: '0.2.0' }), join(repo, 'spec'), { recursive: true });
  cpSync(join(repo, 'spec'), join(repo, 'other', 'spec'), { recursive: true });
  git('add', '-A');
  git('commit', '-qm', 'two');
  return repo;
}

test('diff git:<rev>: the spec at a revision, from the object store; the work tree is left alone', async () => {
  const repo = gitRepo();
  const broken = join(repo, 'spec', 'families', 'gadget.yaml');
  writeFileSync(broken, 'kind: [');
  const status = () => spawnSync('git', ['status', '--porcelain'], { cwd: repo, encoding: 'utf8' }).stdout;
  const before = status();
  const result = await diffJson('git:HEAD~1', 'git:HEAD', repo);
  assert.is(result.semver, 'major');
  assert.equal([result.from.version, result.to.version], ['0.1.0', '0.2.0']);
  assert.ok(result.changes.some((c) => c.kind === 'enum-value-removed' && c.value === 'Eco'));
  assert.is(status(), before, 'the work tree and the index are as they were');
  const other = await diffJson('git:HEAD~1', 'git:HEAD:other/spec', repo);
  assert.is(other.semver, 'major');
  const check = await runCli(['diff', 'git:HEAD~1', 'git:HEAD', '--check-version'], repo);
  assert.is(check.code, 0, '0.1.0 → 0.2.0 is a major bump below 1.0.0');
  // A broken side read from git is shown as <rev>:<path>/<file>.
  spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qam', 'broken'], { cwd: repo });
  const run = await runCli(['diff', 'git:HEAD~1', 'git:HEAD', '--brief'], repo);
  assert.is(run.code, 1);
  assert.match(run.stderr, /^HEAD:spec\/families\/gadget\.yaml:1:\d+: error /m);
});

/** The commit before the catalogue grew from 38 to 73 names (the parent of its WIP commit 18ac8e5). */
const BEFORE_CATALOGUE = '5ed9a91';
const hasHistory =
  spawnSync('git', ['cat-file', '-e', `${BEFORE_CATALOGUE}^{commit}`], { cwd: ROOT }).status === 0;

test('the repository: the catalogue growth is major, every added name minor by name, the version says it', async () => {
  if (!hasHistory) return console.warn(`diff test skipped: no commit ${BEFORE_CATALOGUE} (a shallow clone)`);
  const result = await diffJson(`git:${BEFORE_CATALOGUE}`, 'spec');
  const run = spawnSync('git', ['show', `${BEFORE_CATALOGUE}:spec/catalog.yaml`], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  assert.is(result.from.version, /^version: (.*)$/m.exec(run.stdout)?.[1]);
  const added = result.changes.filter((c) => c.kind === 'name-added');
  assert.is(added.length, 73 - 38);
  for (const change of added) assert.is(change.semver, 'minor');
  const { realOutput } = await import('./helpers.js');
  const { catalog } = await realOutput();
  const before = new Set(catalog.events.map((e) => e.name).filter((n) => !added.some((c) => c.name === n)));
  assert.is(before.size, 38);
  // The change to a consumer's code the catalogue made: notBefore optional in the maintenance statuses.
  assert.ok(result.changes.some((c) => c.kind === 'field-optional' && c.semver === 'major'));
  assert.is(result.semver, 'major');
  const check = await runCli(['diff', `git:${BEFORE_CATALOGUE}`, 'spec', '--check-version']);
  assert.is(check.code, 0, `the catalog's version ${catalog.version} says major: ${check.stderr}`);
});

test.run();
