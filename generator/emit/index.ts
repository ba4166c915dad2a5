/**
 * Stage 4, emit: every emitter is a pure function from the model to files (path under the output folder,
 * contents). This module runs them in turn, file by file for the write stage, or into one sorted map.
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

export type Files = Iterable<readonly [string, string]>;

export type Emitter = (catalog: Catalog, assets: Assets) => Files | Promise<Files>;

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

/**
 * Every file of every emitter, in emitter order, without holding them all: the write stage takes each as it
 * comes. An emitter that throws is reported by name.
 */
export async function* emitEach(
  catalog: Catalog,
  assets: Assets,
  emitters: readonly { readonly name: string; readonly emit: Emitter }[] = EMITTERS,
): AsyncGenerator<readonly [string, string]> {
  for (const emitter of emitters) {
    let output: Files;
    try {
      output = await emitter.emit(catalog, assets);
    } catch (error) {
      throw new Error(`emitter "${emitter.name}" failed: ${(error as Error).message}`, { cause: error });
    }
    const iterator = output[Symbol.iterator]();
    for (;;) {
      let next: IteratorResult<readonly [string, string]>;
      try {
        next = iterator.next();
      } catch (error) {
        throw new Error(`emitter "${emitter.name}" failed: ${(error as Error).message}`, { cause: error });
      }
      if (next.done) break;
      yield next.value;
    }
  }
}

/** Every file in one map, sorted by path; two emitters writing the same path is a toolkit bug. */
export async function emitAll(
  catalog: Catalog,
  assets: Assets,
  emitters: readonly { readonly name: string; readonly emit: Emitter }[] = EMITTERS,
): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for await (const [path, contents] of emitEach(catalog, assets, emitters)) {
    if (files.has(path)) throw new Error(`two emitters write ${path}`);
    files.set(path, contents);
  }
  return new Map([...files].sort(([a], [b]) => compareStrings(a, b)));
}
