/**
 * The repository's GitHub workflows: `npm run lint:workflows` (part of `npm test`) validates every one of
 * them against the workflow schema and rejects a broken one; the release refuses a tag that is not the
 * package's version; and each workflow does the job the README says it does.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { ROOT, tempDir } from './helpers.js';

const WORKFLOWS = join(ROOT, '.github', 'workflows');
const VALIDATOR = join(ROOT, 'node_modules', '.bin', 'action-validator');
const scripts: Record<string, string> = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts;
const files = readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f));

interface Step {
  readonly id?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, unknown>;
  readonly env?: Record<string, string>;
}
interface Job {
  readonly needs?: string | string[];
  readonly permissions?: Record<string, string>;
  readonly container?: string;
  readonly steps: Step[];
}
interface Workflow {
  readonly on: Record<string, unknown>;
  readonly jobs: Record<string, Job>;
}

const text = (file: string) => readFileSync(join(WORKFLOWS, file), 'utf8');
const workflow = (file: string): Workflow => parse(text(file));
const steps = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps);

function validate(source: string): { status: number | null; output: string } {
  const file = join(tempDir(), 'workflow.yml');
  writeFileSync(file, source);
  const run = spawnSync(VALIDATOR, [file], { encoding: 'utf8' });
  return { status: run.status, output: run.stdout + run.stderr };
}

test('npm test validates every workflow: lint runs lint:workflows, which names each file', () => {
  assert.ok(files.length >= 3, files.join(' '));
  assert.match(scripts.test ?? '', /npm run -s lint\b/);
  assert.match(scripts.lint ?? '', /npm run -s lint:workflows\b/);
  const named = [...(scripts['lint:workflows'] ?? '').matchAll(/action-validator (\S+)/g)].map((m) => m[1]);
  assert.equal(named.sort(), files.map((f) => `.github/workflows/${f}`).sort());
});

for (const file of files) {
  test(`${file} is valid, and the validator rejects it broken`, () => {
    const valid = validate(text(file));
    assert.is(valid.status, 0, valid.output);
    const [job] = Object.keys(workflow(file).jobs);
    const misspelt = validate(text(file).replace(/^(\s+)runs-on:/m, '$1runs-onn:'));
    assert.is(misspelt.status, 1, 'a misspelt key');
    assert.ok(misspelt.output.includes(`"path": "/jobs/${job}"`), misspelt.output);
    const unparsable = validate(text(file).replace(/^jobs:/m, 'jobs'));
    assert.is(unparsable.status, 1, 'broken YAML');
    assert.match(unparsable.output, /"code": "parse_error"/);
  });
}

test('the validator rejects a job that needs a job the workflow does not have', () => {
  const release = text('release.yml');
  assert.ok(/needs: verify$/m.test(release));
  const broken = validate(release.replace(/needs: verify$/m, 'needs: verifyy'));
  assert.is(broken.status, 1);
  assert.match(broken.output, /unresolved job verifyy/);
});

const guard = workflow('release.yml').jobs.verify?.steps.find((s) => s.id === 'guard')?.run ?? '';

/** Runs the release's guard step in a checkout whose generated/package.json is `pkg`, on the tag `tag`. */
function runGuard(tag: string, pkg: object) {
  const dir = tempDir();
  mkdirSync(join(dir, 'generated'));
  writeFileSync(join(dir, 'generated', 'package.json'), JSON.stringify(pkg));
  const env = {
    PATH: process.env.PATH,
    GITHUB_REF_NAME: tag,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'owner/ecs-event-catalog',
  };
  const run = spawnSync('bash', ['-c', guard], { cwd: dir, env, encoding: 'utf8' });
  return { status: run.status, output: run.stdout + run.stderr };
}

const HERE = 'https://github.com/owner/ecs-event-catalog';

test('the release publishes only when the tag is v + the version, and the package names this repository', () => {
  assert.ok(guard.length > 0, 'release.yml has a step with id "guard"');
  const ok = runGuard('v2.1.0', { version: '2.1.0', repository: { type: 'git', url: `git+${HERE}.git` } });
  assert.is(ok.status, 0, ok.output);
  assert.is(runGuard('v2.1.0-rc.1', { version: '2.1.0-rc.1', repository: HERE }).status, 0);
  for (const [what, tag, pkg, message] of [
    [
      'another version',
      'v2.0.9',
      { version: '2.1.0', repository: HERE },
      /tag v2\.0\.9 is not .* version 2\.1\.0/,
    ],
    ['no v', '2.1.0', { version: '2.1.0', repository: HERE }, /tag 2\.1\.0 is not/],
    ['a suffix', 'v2.1.0-x', { version: '2.1.0', repository: HERE }, /tag v2\.1\.0-x is not/],
    ['no repository', 'v2.1.0', { version: '2.1.0' }, /repository is "", not https:\/\/github\.com\/owner/],
    [
      'another repository',
      'v2.1.0',
      { version: '2.1.0', repository: 'https://github.com/fork/x' },
      /"https:\/\/github\.com\/fork\/x"/,
    ],
  ] as const) {
    const refused = runGuard(tag, pkg);
    assert.is(refused.status, 1, what);
    assert.match(refused.output, /^::error::/m);
    assert.match(refused.output, message);
  }
});

test('CI runs .ci/run on push and pull request, on Debian for its apt packages', () => {
  const ci = workflow('ci.yml');
  assert.ok('push' in ci.on && 'pull_request' in ci.on);
  assert.ok(
    steps(ci).some((s) => s.run === 'bash .ci/run'),
    'a step runs .ci/run',
  );
  assert.match(Object.values(ci.jobs)[0]?.container ?? '', /^node:\d+-bookworm$/);
});

test('the docs site is built into the folder that is uploaded, under the base path Pages gives', () => {
  const docs = workflow('docs.yml');
  const all = steps(docs);
  const uses = all.map((s) => s.uses?.replace(/@.*/, ''));
  for (const action of ['actions/configure-pages', 'actions/upload-pages-artifact', 'actions/deploy-pages'])
    assert.ok(uses.includes(action), action);
  const build = all.find((s) => s.run?.includes('docs:build'));
  assert.match(build?.run ?? '', /-- --base "\$BASE"/);
  assert.match(build?.env?.BASE ?? '', /^\$\{\{ steps\.pages\.outputs\.base_path \}\}\/$/);
  const site = /--site (\S+)/.exec(scripts['docs:build'] ?? '')?.[1];
  const upload = all.find((s) => s.uses?.startsWith('actions/upload-pages-artifact'));
  assert.is(String(upload?.with?.path).replace(/\/$/, ''), site);
  assert.equal(docs.jobs.deploy?.permissions, { pages: 'write', 'id-token': 'write' });
});

test('the release publishes generated/ with provenance, after the checks, on a v* tag', () => {
  const release = workflow('release.yml');
  assert.equal(release.on, { push: { tags: ['v*'] } });
  const verify = release.jobs.verify?.steps.map((s) => s.run ?? '') ?? [];
  assert.ok(verify.includes('bash .ci/run') && verify.includes('npm run -s check'), verify.join(' | '));
  const publish = release.jobs.publish;
  assert.is(publish?.needs, 'verify');
  assert.is(publish?.permissions?.['id-token'], 'write');
  const step = publish?.steps.find((s) => s.run?.includes('npm publish'));
  assert.match(step?.run ?? '', /npm publish \.\/generated --provenance/);
  assert.match(step?.env?.NODE_AUTH_TOKEN ?? '', /^\$\{\{ secrets\.NPM_TOKEN \}\}$/);
});

test.run();
