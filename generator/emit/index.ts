/**
 * Stage 4, emit: every emitter is a pure function from the model to files. This module runs them all and
 * merges their output into one map, keyed by path under the output folder and sorted.
 */
import type { Assets } from '../assets.js';
import type { Catalog } from '../catalog.js';
import { compareStrings } from '../diagnostics.js';
import { MARKER_FILE } from '../write.js';
import { bannerText } from './banner.js';
import { emitDocs } from './docs.js';
import { emitFixtures } from './fixtures.js';
import { emitJsonSchemas } from './json-schema.js';
import { emitPackage } from './package.js';
import { emitRuntime } from './runtime.js';
import { emitTypes } from './types.js';

export type Emitter = (
  catalog: Catalog,
  assets: Assets,
) => Map<string, string> | Promise<Map<string, string>>;

/** The emitters, in the order they run. */
export const EMITTERS: readonly { readonly name: string; readonly emit: Emitter }[] = [
  { name: 'json-schema', emit: emitJsonSchemas },
  { name: 'types', emit: emitTypes },
  { name: 'runtime', emit: emitRuntime },
  { name: 'fixtures', emit: emitFixtures },
  { name: 'docs', emit: emitDocs },
  { name: 'package', emit: emitPackage },
  { name: 'marker', emit: emitMarker },
];

function emitMarker(catalog: Catalog): Map<string, string> {
  return new Map([[MARKER_FILE, `${bannerText(catalog.files)}\n`]]);
}

/** Runs every emitter; two emitters writing the same path is a bug in the toolkit, reported as such. */
export async function emitAll(
  catalog: Catalog,
  assets: Assets,
  emitters: readonly { readonly name: string; readonly emit: Emitter }[] = EMITTERS,
): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const owner = new Map<string, string>();
  for (const emitter of emitters) {
    let output: Map<string, string>;
    try {
      output = await emitter.emit(catalog, assets);
    } catch (error) {
      throw new Error(`emitter "${emitter.name}" failed: ${(error as Error).message}`, { cause: error });
    }
    for (const [path, contents] of output) {
      const other = owner.get(path);
      if (other !== undefined)
        throw new Error(`emitters "${other}" and "${emitter.name}" both write ${path}`);
      owner.set(path, emitter.name);
      files.set(path, contents);
    }
  }
  return new Map([...files].sort(([a], [b]) => compareStrings(a, b)));
}
