/**
 * Files of the toolkit that emitters turn into output (the package runtime, the templates). They are
 * read once by the pipeline and handed to the emitters, which read nothing themselves.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles } from './fs.js';
import { toolkitRoot } from './toolkit.js';

export interface Assets {
  /** Source of the generic validator shipped in the package. */
  readonly engine: string;
  /** Source of the generic router shipped in the package beside the validator. */
  readonly router: string;
  /** Source of the delivery forms' reader shipped beside the validator. */
  readonly forms: string;
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
    engine: readFileSync(join(events, 'engine.js'), 'utf8'),
    router: readFileSync(join(events, 'router.js'), 'utf8'),
    forms: readFileSync(join(events, 'forms.js'), 'utf8'),
    templates,
  };
  return cached;
}
