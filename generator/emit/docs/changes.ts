/**
 * The "Changes" page of each locale: every release that spec/releases.yaml records, newest first, as the
 * changelog section `ecs-events diff --format markdown` prints (shared/release-section.ts), so that the
 * page, CHANGELOG.md and the command say the same. The record is read from the spec, never from git: a
 * clean clone without history generates the same page.
 */
import type { Catalog } from '../../model/catalog.js';
import { releaseSection } from '../shared/release-section.js';

/** The page's path under a locale's folder; a catalog without releases has no such page. */
export const CHANGES_PAGE = 'changes';

/** Whether the catalog has the page. */
export function hasChanges(catalog: Catalog): boolean {
  return catalog.releases.length > 0;
}

/** The view of the page (the sections are in English in both locales, as diff writes them). */
export function changesView(catalog: Catalog) {
  return { sections: catalog.releases.map((release) => releaseSection(release).trimEnd()) };
}
