/**
 * Build step: compiles generator/spec-format.schema.json into a standalone validator module next to the
 * compiled toolkit (dist/generator/spec-format.validate.js), so that a run validates spec files without
 * loading ajv or compiling the schema. Run by `npm run build` after tsc; a run from the TypeScript
 * sources (tests, tsx) compiles the schema with ajv instead.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { codeRoot, readToolkitJson } from '../support/toolkit.js';
import { createAjv } from './ajv.js';

type ToCode = (ajv: unknown, validate: unknown) => string;

/** Writes the standalone validator module beside this file. */
export async function compileFormatValidator(): Promise<string> {
  const ajv = await createAjv({ code: { source: true, esm: true } });
  const validate = ajv.compile(readToolkitJson('generator', 'spec-format.schema.json') as object);
  // ajv is CommonJS: the function is the module's default export, or the module itself.
  const module = standaloneCode as unknown as { default?: ToCode } & ToCode;
  const toCode: ToCode = module.default ?? module;
  const target = join(codeRoot(), 'spec-format.validate.js');
  // The ES module that ajv writes still requires two small runtime helpers of ajv.
  const header = [
    '// Generated from generator/spec-format.schema.json by compile-format.ts.',
    "import { createRequire } from 'node:module';",
    'const require = createRequire(import.meta.url);',
  ].join('\n');
  writeFileSync(target, `${header}\n${toCode(ajv, validate).replace(/^"use strict";/, '')}`);
  return target;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await compileFormatValidator();
}
