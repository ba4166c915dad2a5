/**
 * Build step: precompiles the Handlebars templates under templates/ into one module next to the compiled
 * toolkit (dist/generator/templates.compiled.cjs), so that a run renders them without compiling them (a
 * cold run would otherwise compile every template before it renders a page). Each entry carries the digest of the source it was compiled
 * from: a template edited since the build, or a run from the TypeScript sources, is compiled at run time.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type HandlebarsType from 'handlebars';
import { loadAssets } from '../support/assets.js';
import { compareStrings } from '../support/diagnostics.js';
import { codeRoot } from '../support/toolkit.js';
import { TEMPLATE_OPTIONS, templateDigest } from './shared/templates.js';

/** Writes the precompiled templates module beside this file; returns its path. */
export function compileTemplates(): string {
  const handlebars = createRequire(import.meta.url)('handlebars') as typeof HandlebarsType;
  const { templates } = loadAssets();
  const entries = [...templates]
    .filter(([path]) => path.endsWith('.hbs'))
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([path, source]) => {
      const spec = handlebars.precompile(source, TEMPLATE_OPTIONS);
      return `  ${JSON.stringify(path)}: { digest: ${JSON.stringify(templateDigest(source))}, spec: ${spec} },`;
    });
  const target = join(codeRoot(), 'templates.compiled.cjs');
  const header = '// Generated from templates/ by compile-templates.ts: Handlebars.precompile output.';
  writeFileSync(target, `${header}\nmodule.exports = {\n${entries.join('\n')}\n};\n`);
  return target;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) compileTemplates();
