/**
 * Files of the toolkit that emitters turn into output (the package runtime, the templates). They are
 * read once by the pipeline and handed to the emitters, which read nothing themselves.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { compareStrings } from './diagnostics.js';
import { toolkitRoot } from './toolkit.js';

export interface Assets {
  /** Source of the generic validator shipped in the package. */
  readonly engine: string;
  /** Templates by path relative to templates/ ("docs/event.md.hbs"). */
  readonly templates: ReadonlyMap<string, string>;
}

let cached: Assets | undefined;

/** Forgets the assets read so far (watch mode, after a template changed). */
export function resetAssets(): void {
  cached = undefined;
}

/** Reads the toolkit's assets (once per process, until resetAssets). */
export function loadAssets(): Assets {
  if (cached) return cached;
  const root = toolkitRoot();
  const templatesDir = join(root, 'templates');
  const templates = new Map<string, string>();
  const walk = (dir: string): void => {
    let entries: import('node:fs').Dirent[] = [];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => compareStrings(a.name, b.name))) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else templates.set(relative(templatesDir, full).split(sep).join('/'), readFileSync(full, 'utf8'));
    }
  };
  walk(templatesDir);
  cached = { engine: readFileSync(join(root, 'generator', 'events', 'engine.js'), 'utf8'), templates };
  return cached;
}
