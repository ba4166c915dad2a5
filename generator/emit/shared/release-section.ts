/**
 * A release's changelog section in Markdown: the heading with its version, the lead paragraphs, the
 * advice, then a list per level. `ecs-events diff --format markdown`, CHANGELOG.md and the docs' Changes
 * page all print it with this function, so that the three read the same.
 */
import type { ReleaseModel } from '../../model/catalog.js';
import { inlineCode, mdLine, mdText } from './escape.js';

const LEVELS = ['major', 'minor', 'patch'] as const;

/** The heading of each level's list. */
export const LEVEL_HEADINGS: Record<(typeof LEVELS)[number], string> = {
  major: 'Major: payloads accepted before may be rejected, or code may no longer compile',
  minor: 'Minor: more is accepted; exhaustive handling must add cases',
  patch: 'Patch: texts and docs',
};

/** The section; `depth` is the number of `#` of its heading (its lists' headings get one more). */
export function releaseSection(release: ReleaseModel, depth = 2): string {
  // Versions match the format's semver pattern: nothing in them is Markdown.
  const lines = [`${'#'.repeat(depth)} ${release.version}`, ''];
  for (const paragraph of release.lead) lines.push(mdText(paragraph), '');
  if (release.from !== undefined && release.semver !== undefined) {
    const advice = release.semver === 'none' ? 'no change to the catalog' : `a **${release.semver}** release`;
    lines.push(`Compared with ${release.from}: ${advice}.`, '');
  }
  for (const level of LEVELS) {
    const changes = release.changes.filter((c) => c.semver === level);
    if (changes.length === 0) continue;
    lines.push(`${'#'.repeat(depth + 1)} ${LEVEL_HEADINGS[level]}`, '');
    for (const c of changes) {
      const where = c.every ? ': every notification both versions have' : namesOf(c.names);
      lines.push(`- ${mdLine(c.change)}${where}`);
    }
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function namesOf(names: readonly string[]): string {
  return names.length === 0 ? '' : `: ${names.map(inlineCode).join(', ')}`;
}
