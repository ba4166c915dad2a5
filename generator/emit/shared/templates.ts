/**
 * Rendering of Handlebars templates. Templates only loop and branch: every string in a view model is
 * already escaped for the context it lands in, so templates are compiled without Handlebars' own HTML
 * escaping, in strict mode (a missing view-model field is an error, not an empty string).
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type HandlebarsType from 'handlebars';
import type { Assets } from '../../support/assets.js';
import { codeRoot } from '../../support/toolkit.js';

const require = createRequire(import.meta.url);
const compiled = new Map<string, HandlebarsType.TemplateDelegate>();
let handlebars: typeof HandlebarsType | undefined;

/**
 * How every template is compiled (at build time by compile-templates.ts, or here): no HTML escaping, strict
 * (a missing field is an error), and Handlebars' own helpers only (each, if, with…): a mustache is a field,
 * never a helper to look for first (rendering skips that lookup for every mustache of every page), and a
 * template that names another helper fails to compile, saying which.
 */
export const TEMPLATE_OPTIONS = { noEscape: true, strict: true, knownHelpersOnly: true } as const;

/** The digest that ties a precompiled template to its source. */
export function templateDigest(source: string): string {
  return createHash('sha256').update(source).digest('hex');
}

type Precompiled = Readonly<
  Record<string, { digest: string; spec: Parameters<typeof HandlebarsType.template>[0] }>
>;

let precompiled: Precompiled | undefined;

/** The build's precompiled templates (see compile-templates.ts); none when running from the sources. */
function precompiledTemplates(): Precompiled {
  if (precompiled) return precompiled;
  try {
    precompiled = require(join(codeRoot(), 'templates.compiled.cjs')) as Precompiled;
  } catch {
    precompiled = {};
  }
  return precompiled;
}

/** A template from the build when its source is unchanged since, compiled now otherwise. */
function compileTemplate(path: string, source: string): HandlebarsType.TemplateDelegate {
  const built = precompiledTemplates()[path];
  // Loaded on first use: runs with nothing to render should not pay for it.
  if (built && built.digest === templateDigest(source)) {
    // The runtime's one-file build (the same release): a cold run loads one module instead of twenty.
    const runtime = require('handlebars/dist/handlebars.runtime.min.js') as typeof HandlebarsType;
    return runtime.template(built.spec);
  }
  handlebars ??= require('handlebars') as typeof HandlebarsType;
  return handlebars.compile(source, TEMPLATE_OPTIONS);
}

/** Forgets compiled templates (watch mode, after a template changed). */
export function resetTemplates(): void {
  compiled.clear();
}

/**
 * Renders `templates/<path>` with `view`. An error of the template (it does not compile, or it reads a field
 * that the view does not have) names the template's file, line and column.
 */
export function renderTemplate(assets: Assets, path: string, view: unknown): string {
  try {
    let template = compiled.get(path);
    if (!template) {
      const source = assets.templates.get(path);
      if (source === undefined) throw new Error(`template not found: templates/${path}`);
      template = compileTemplate(path, source);
      compiled.set(path, template);
    }
    return template(view);
  } catch (error) {
    throw located(error, path);
  }
}

/** Handlebars' error with its place in the template first (`templates/<path>:line:column`, from 1). */
function located(error: unknown, path: string): unknown {
  const { lineNumber, column, message } = error as {
    lineNumber?: unknown;
    column?: unknown;
    message?: unknown;
  };
  if (typeof lineNumber !== 'number' || typeof column !== 'number' || typeof message !== 'string')
    return error;
  const reason = message.replace(/ - \d+:\d+$/, '');
  return new Error(`templates/${path}:${lineNumber}:${column + 1}: ${reason}`, { cause: error });
}
