/**
 * The three forms of a diff: JSON (one object, every change with its notification and field), text for a
 * terminal and a Markdown changelog section, both grouped by level, the same change in several
 * notifications on one line.
 */
import { LEVEL_HEADINGS, releaseSection } from '../emit/shared/release-section.js';
import type { ReleaseModel } from '../model/catalog.js';
import { type Change, LEVELS, type Semver } from './change.js';

/** What `diff` found. */
export interface DiffResult {
  readonly from: { readonly version: string };
  readonly to: { readonly version: string };
  readonly semver: Semver;
  readonly changes: readonly Change[];
  /** How many notifications both catalogs have (a change in all of them says so instead of listing them). */
  readonly notifications: number;
}

/** The `--json` object, keys in a fixed order. */
export function renderJson(found: DiffResult): string {
  const changes = found.changes.map(({ kind, semver, name, field, value, message }) => ({
    kind,
    semver,
    name,
    field,
    value,
    message,
  }));
  const { from, to, semver } = found;
  return JSON.stringify(
    { from: { version: from.version }, to: { version: to.version }, semver, changes },
    null,
    2,
  );
}

/** The changes of one level, equal changes of several notifications as one entry, in first-seen order. */
export function groupsOf(
  found: DiffResult,
  level: (typeof LEVELS)[number],
): ReleaseModel['changes'][number][] {
  const groups = new Map<string, { semver: typeof level; change: string; names: string[] }>();
  for (const change of found.changes) {
    if (change.semver !== level) continue;
    const detail = change.name === null ? change.message : change.message.slice(change.name.length + 2);
    const group = groups.get(detail) ?? { semver: level, change: detail, names: [] };
    groups.set(detail, group);
    if (change.name !== null) group.names.push(change.name);
  }
  return [...groups.values()].map((g) => {
    const every = g.names.length > 1 && g.names.length === found.notifications;
    return { ...g, every, names: every ? [] : g.names };
  });
}

/** The diff as a release: what the changelog, the docs' Changes page and `--format markdown` print. */
export function releaseOf(found: DiffResult, lead: readonly string[] = []): ReleaseModel {
  return {
    version: found.to.version,
    lead,
    from: found.from.version,
    semver: found.semver,
    changes: LEVELS.flatMap((level) => groupsOf(found, level)),
  };
}

/** The text report: the versions and the advice, then each level's groups. */
export function renderText(found: DiffResult, verdict?: string): string {
  const lines = [
    `${found.from.version} → ${found.to.version}: ${found.semver}${verdict ? ` (${verdict})` : ''}`,
  ];
  for (const level of LEVELS) {
    const groups = groupsOf(found, level);
    if (groups.length === 0) continue;
    lines.push('', `${LEVEL_HEADINGS[level]} (${found.changes.filter((c) => c.semver === level).length})`);
    for (const g of groups) {
      const where = g.every
        ? ': every notification both catalogs have'
        : g.names.length > 0
          ? `: ${g.names.join(', ')}`
          : '';
      lines.push(`  - ${g.change}${where}`);
    }
  }
  if (found.changes.length === 0) lines.push('', 'No change.');
  return lines.join('\n');
}

/** A changelog section: a heading with the versions, the lead paragraphs, the advice, a list per level. */
export function renderMarkdown(found: DiffResult, lead: readonly string[] = []): string {
  return releaseSection(releaseOf(found, lead));
}
