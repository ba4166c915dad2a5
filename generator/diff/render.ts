/**
 * The three forms of a diff: JSON (one object, every change with its notification and field), text for a
 * terminal and a Markdown changelog section, both grouped by level, the same change in several
 * notifications on one line.
 */
import { inlineCode, mdLine } from '../emit/shared/escape.js';
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

/** One line per group of equal changes. */
export interface Group {
  readonly semver: Semver;
  /** The change's message without the notification's name. */
  readonly detail: string;
  readonly names: readonly string[];
}

/** The changes of one level, equal changes of several notifications as one group, in first-seen order. */
export function groupsOf(changes: readonly Change[], level: Semver): Group[] {
  const groups = new Map<string, { semver: Semver; detail: string; names: string[] }>();
  for (const change of changes) {
    if (change.semver !== level) continue;
    const detail = change.name === null ? change.message : change.message.slice(change.name.length + 2);
    const group = groups.get(detail) ?? { semver: level, detail, names: [] };
    groups.set(detail, group);
    if (change.name !== null) group.names.push(change.name);
  }
  return [...groups.values()];
}

const HEADINGS: Record<Exclude<Semver, 'none'>, string> = {
  major: 'Major: payloads accepted before may be rejected, or code may no longer compile',
  minor: 'Minor: more is accepted; exhaustive handling must add cases',
  patch: 'Patch: texts and docs',
};

/** The text report: the versions and the advice, then each level's groups. */
export function renderText(found: DiffResult, verdict?: string): string {
  const lines = [
    `${found.from.version} → ${found.to.version}: ${found.semver}${verdict ? ` (${verdict})` : ''}`,
  ];
  for (const level of LEVELS) {
    const groups = groupsOf(found.changes, level);
    if (groups.length === 0) continue;
    lines.push('', `${HEADINGS[level]} (${found.changes.filter((c) => c.semver === level).length})`);
    for (const group of groups) lines.push(`  - ${group.detail}${where(group, found, (n) => n)}`);
  }
  if (found.changes.length === 0) lines.push('', 'No change.');
  return lines.join('\n');
}

/** A changelog section: a heading with the versions, the lead paragraphs, the advice, a list per level. */
export function renderMarkdown(found: DiffResult, lead: readonly string[] = []): string {
  // Versions match the format's semver pattern: nothing in them is Markdown.
  const lines = [`## ${found.to.version}`, ''];
  for (const paragraph of lead) lines.push(paragraph, '');
  const advice = found.semver === 'none' ? 'no change to the catalog' : `a **${found.semver}** release`;
  lines.push(`Compared with ${found.from.version}: ${advice}.`);
  for (const level of LEVELS) {
    const groups = groupsOf(found.changes, level);
    if (groups.length === 0) continue;
    lines.push('', `### ${HEADINGS[level]}`, '');
    for (const group of groups) lines.push(`- ${mdLine(group.detail)}${where(group, found, inlineCode)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Which notifications a group is about: all of them, or each by name. */
function where(group: Group, found: DiffResult, show: (name: string) => string): string {
  if (group.names.length === 0) return '';
  if (group.names.length > 1 && group.names.length === found.notifications)
    return ': every notification both catalogs have';
  return `: ${group.names.map(show).join(', ')}`;
}
