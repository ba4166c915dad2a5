/**
 * Whether a catalog's new version says at least as much as its changes call for: a major change needs a
 * new major version (a new minor one below 1.0.0, where semver lets the minor number break), a minor change
 * a new minor version (a new patch one below 1.0.0), a patch change a greater version.
 */
import type { Semver } from './change.js';

interface Parsed {
  readonly core: readonly [number, number, number];
  readonly pre: string;
}

function parse(version: string): Parsed | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(version);
  if (!m) return undefined;
  return { core: [Number(m[1]), Number(m[2]), Number(m[3])], pre: m[4] ?? '' };
}

/** The bump from `from` to `to` (`none` for the same core version or a lower one), or undefined when either is not semver. */
export function bumpOf(from: string, to: string): Semver | 'lower' | undefined {
  const [a, b] = [parse(from), parse(to)];
  if (!a || !b) return undefined;
  const index = a.core.findIndex((n, i) => n !== b.core[i]);
  // A prerelease comes before its release; prereleases of one version are not told apart.
  if (index === -1) return a.pre === '' && b.pre !== '' ? 'lower' : 'none';
  if ((b.core[index] ?? 0) < (a.core[index] ?? 0)) return 'lower';
  // Below 1.0.0 each number counts one level more, as semver's §4 lets it.
  const levels: Semver[] = a.core[0] === 0 ? ['major', 'major', 'minor'] : ['major', 'minor', 'patch'];
  return levels[index];
}

const ORDER: Record<Semver, number> = { none: 0, patch: 1, minor: 2, major: 3 };

/** Whether going from `from` to `to` says at least `advised`; a reason when it does not. */
export function checkVersion(from: string, to: string, advised: Semver): string | undefined {
  const bump = bumpOf(from, to);
  if (bump === undefined) return `${from} → ${to}: not both semver versions`;
  if (bump === 'lower') return `${to} is lower than ${from}`;
  if (ORDER[bump] >= ORDER[advised]) return undefined;
  return `${from} → ${to} is a ${bump === 'none' ? 'same-version' : bump} change, the changes call for ${advised}`;
}
