/**
 * The releases the spec records (spec/releases.yaml), as the docs' Changes page reads them: newest first,
 * every property present, so that the page does not depend on how the file was written.
 */
import type { RawReleases } from '../load/spec-types.js';
import type { ReleaseModel } from './catalog.js';

/** The releases, newest first (by version, numbers compared as numbers). */
export function buildReleases(raw: RawReleases | undefined): ReleaseModel[] {
  const releases = (raw?.releases ?? []).map((r) => ({
    version: r.version,
    revision: r.revision,
    lead: r.lead ?? [],
    from: r.from,
    semver: r.semver,
    changes: (r.changes ?? []).map((c) => ({
      semver: c.semver,
      change: c.change,
      names: c.names,
      every: c.every === true,
    })),
  }));
  return releases.sort((a, b) => compareVersions(b.version, a.version));
}

/** Orders x.y.z versions by their numbers; a prerelease before its release. */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.split(/[.-]/).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const [p, q] = [x[i], y[i]];
    if (p === q) continue;
    // Past the three numbers, the version that has more (a prerelease) comes first.
    if (p === undefined) return i >= 3 ? 1 : -1;
    if (q === undefined) return i >= 3 ? -1 : 1;
    if (typeof p === 'number' && typeof q === 'number') return p - q;
    return String(p) < String(q) ? -1 : 1;
  }
  return 0;
}
