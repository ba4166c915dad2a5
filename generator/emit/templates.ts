/**
 * Rendering of Handlebars templates. Templates only loop and branch: every string in a view model is
 * already escaped for the context it lands in, so templates are compiled without Handlebars' own HTML
 * escaping, in strict mode (a missing view-model field is an error, not an empty string).
 */
import { createRequire } from 'node:module';
import type HandlebarsType from 'handlebars';
import type { Assets } from '../assets.js';

const compiled = new Map<string, HandlebarsType.TemplateDelegate>();
let handlebars: typeof HandlebarsType | undefined;

/** Forgets compiled templates (watch mode, after a template changed). */
export function resetTemplates(): void {
  compiled.clear();
}

/** Renders `templates/<path>` with `view`. */
export function renderTemplate(assets: Assets, path: string, view: unknown): string {
  let template = compiled.get(path);
  if (!template) {
    const source = assets.templates.get(path);
    if (source === undefined) throw new Error(`template not found: templates/${path}`);
    // Loaded on first use: runs with nothing to render should not pay for it.
    handlebars ??= createRequire(import.meta.url)('handlebars') as typeof HandlebarsType;
    template = handlebars.compile(source, { noEscape: true, strict: true });
    compiled.set(path, template);
  }
  return template(view);
}
