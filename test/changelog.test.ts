/**
 * The repository's record of releases, CHANGELOG.md and the docs' Changes page agree: the record is what
 * `ecs-events diff` finds between the releases' revisions (when the history is there), CHANGELOG.md is
 * written from it, and the page shows every release's section in both locales without reading git.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { writeChangelog } from '../generator/diff/changelog.js';
import { releaseSection } from '../generator/emit/shared/release-section.js';
import { ROOT, realOutput } from './helpers.js';

const { catalog, files } = await realOutput();
const revisions = catalog.releases.flatMap((r) => (r.revision ? [r.revision] : []));
const hasHistory = revisions.every(
  (rev) => spawnSync('git', ['cat-file', '-e', `${rev}^{commit}`], { cwd: ROOT }).status === 0,
);

test('spec/releases.yaml and CHANGELOG.md are what npm run changelog writes from the history', async () => {
  if (!hasHistory) return console.warn("changelog test skipped: the releases' commits are not in this clone");
  const { record, changelog } = await writeChangelog(ROOT);
  assert.fixture(readFileSync(join(ROOT, 'spec', 'releases.yaml'), 'utf8'), record, 'run npm run changelog');
  assert.fixture(readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8'), changelog, 'run npm run changelog');
});

test('the record holds the catalog version and the versions before it, each with its advice', () => {
  assert.is(catalog.releases[0]?.version, catalog.version, 'the newest release is the catalog as it is');
  assert.equal(
    catalog.releases.map((r) => r.version),
    ['2.2.0', '2.1.0', '2.0.0', '1.0.0'],
  );
  assert.equal(
    catalog.releases.map((r) => r.semver),
    ['minor', 'patch', 'major', undefined],
  );
});

test('the Changes page of each locale shows every release, in the site navigation', () => {
  for (const page of ['docs/changes.md', 'docs/zh/changes.md']) {
    const text = files.get(page) ?? '';
    for (const release of catalog.releases) assert.ok(text.includes(releaseSection(release).trimEnd()), page);
  }
  const site = files.get('docs/.vitepress/site.json') ?? '';
  assert.match(site, /"link": "\/changes"/);
  assert.match(site, /"link": "\/zh\/changes"/);
});

test.run();
