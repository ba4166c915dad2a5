/**
 * `npm run changelog`: for each release that spec/releases.yaml records, diff the spec folder at its
 * revision against the one at the release before it (a release without a revision is the spec folder as it
 * is: the version being prepared), write what diff found back into the record, and write CHANGELOG.md's
 * sections from it, after the file's own introduction. Generate then reads only the record, so that the
 * docs' Changes page needs no git history.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { releaseSection } from '../emit/shared/release-section.js';
import type { RawRelease, RawReleases } from '../load/spec-types.js';
import { buildReleases, compareVersions } from '../model/releases.js';
import { ToolError } from '../support/diagnostics.js';
import { largest } from './change.js';
import { compareCatalogs } from './compare.js';
import { releaseOf } from './render.js';
import { loadSide } from './sides.js';

const HEADER = `# yaml-language-server: $schema=../generator/spec-format.schema.json
#
# The catalog's releases, newest first. version, revision (the commit whose spec folder the release is;
# none for the version being prepared) and lead (plain-text paragraphs) are written by hand; from, semver
# and changes are written by \`npm run changelog\` from \`ecs-events diff\`, which also writes CHANGELOG.md.
`;

/** Recomputes every release's changes; returns the record and the changelog's text. */
export async function writeChangelog(
  root: string,
  specDir = 'spec',
): Promise<{ record: string; changelog: string }> {
  const file = join(root, specDir, 'releases.yaml');
  const raw = parse(readFileSync(file, 'utf8')) as RawReleases;
  const releases = [...raw.releases].sort((a, b) => compareVersions(a.version, b.version));
  const done: RawRelease[] = [];
  for (const [i, release] of releases.entries()) {
    const previous = releases[i - 1];
    done.unshift(previous ? await compared(root, specDir, previous, release) : plain(release));
  }
  const record = `${HEADER}${stringify({ kind: 'releases', releases: done }, { aliasDuplicateObjects: false, lineWidth: 0 })}`;
  const changelogFile = join(root, 'CHANGELOG.md');
  const old = readFileSync(changelogFile, 'utf8');
  const intro = old.slice(0, old.search(/^## /m) === -1 ? old.length : old.search(/^## /m)).trimEnd();
  const sections = buildReleases({ kind: 'releases', releases: done }).map((r) => releaseSection(r));
  return { record, changelog: `${intro}\n\n${sections.join('\n')}` };
}

function plain({ version, revision, lead }: RawRelease): RawRelease {
  return { version, ...(revision ? { revision } : {}), ...(lead ? { lead } : {}) };
}

async function compared(
  root: string,
  specDir: string,
  previous: RawRelease,
  release: RawRelease,
): Promise<RawRelease> {
  if (!previous.revision)
    throw new ToolError(`release ${previous.version} has no revision to compare with`, 2);
  const side = (r: RawRelease) => (r.revision ? `git:${r.revision}:${specDir}` : specDir);
  const [before, after] = [
    await loadSide(root, side(previous), specDir),
    await loadSide(root, side(release), specDir),
  ];
  if (!before.catalog || !after.catalog)
    throw new ToolError(`release ${release.version}: a side's spec is broken`, 1);
  for (const [r, c] of [
    [previous, before.catalog],
    [release, after.catalog],
  ] as const) {
    if (c.version !== r.version)
      throw new ToolError(`release ${r.version}: its spec says version ${c.version}`, 1);
  }
  const changes = compareCatalogs(before.catalog, after.catalog);
  const names = new Set(before.catalog.events.map((e) => e.name));
  const notifications = after.catalog.events.filter((e) => names.has(e.name)).length;
  const found = {
    from: { version: previous.version },
    to: { version: release.version },
    semver: largest(changes),
    changes,
    notifications,
  };
  const model = releaseOf(found, release.lead ?? []);
  return {
    ...plain(release),
    from: previous.version,
    semver: found.semver,
    changes: model.changes.map((c) => ({
      semver: c.semver,
      change: c.change,
      names: [...c.names],
      ...(c.every ? { every: true } : {}),
    })),
  };
}

/** Run as a script: rewrite spec/releases.yaml and CHANGELOG.md in the working folder. */
if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const root = process.cwd();
  writeChangelog(root).then(
    ({ record, changelog }) => {
      writeFileSync(join(root, 'spec', 'releases.yaml'), record);
      writeFileSync(join(root, 'CHANGELOG.md'), changelog);
    },
    (error: Error) => {
      console.error(`changelog: ${error.message}`);
      process.exitCode = error instanceof ToolError ? error.exitCode : 3;
    },
  );
}
