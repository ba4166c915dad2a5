/**
 * Files of the toolkit that emitters turn into output (the package runtime, the templates). They are
 * read once by the pipeline and handed to the emitters, which read nothing themselves.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles } from './fs.js';
import { toolkitRoot } from './toolkit.js';

/**
 * The modules of generator/events/ that ship verbatim in the package's runtime/: the generic validator,
 * the router and the delivery forms' reader beside it, the reading and reporting of payloads, and the package's command line and its options.
 */
export const SHIPPED_MODULES = [
  'engine.js',
  'router.js',
  'forms.js',
  'reports.js',
  'options.js',
  'cli.js',
] as const;

export interface Assets {
  /** Source of each shipped module, by file name. */
  readonly shipped: ReadonlyMap<(typeof SHIPPED_MODULES)[number], string>;
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
  for (const path of listFiles(templatesDir))
    templates.set(path, readFileSync(join(templatesDir, path), 'utf8'));
  const events = join(root, 'generator', 'events');
  cached = {
    shipped: new Map(SHIPPED_MODULES.map((name) => [name, readFileSync(join(events, name), 'utf8')])),
    templates,
  };
  return cached;
}
