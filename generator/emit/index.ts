/**
 * Stage 4, emit: every emitter is a pure function from the model to files (path under the output folder,
 * contents). This module runs them in turn, file by file for the write stage, or into one sorted map.
 */

import type { Catalog } from '../model/catalog.js';
import type { Assets } from '../support/assets.js';
import { compareStrings } from '../support/diagnostics.js';
import { EmitterError, madeOnTake, piecesOf, type Rendered, renderedText } from '../support/pieces.js';
import { MARKER_FILE } from '../write/output.js';
import { emitDocs } from './docs/index.js';
import { emitFixtures } from './fixtures/index.js';
import { emitJsonSchemas } from './json-schema/index.js';
import { emitPackage } from './package.js';
import { emitRuntime } from './runtime.js';
import { bannerText } from './shared/banner.js';
import { emitTypes } from './types/index.js';

/**
 * A file's contents, or a function that renders them. An emitter whose files are shared between two threads
 * (see produce.ts) defers its rendering this way, so that each thread renders only the files it takes.
 */
export type Contents = Rendered | (() => Rendered);

export type Files = Iterable<readonly [string, Contents]>;

/**
 * Files of emitters shared with another thread that runs them too: for each, both go through the same files
 * in the same order, and each renders and yields only those that `take` (given the emitter and a file's
 * index) gives it.
 */
export interface Share {
  has(emitter: string): boolean;
  take(emitter: string, index: number): boolean;
}

/**
 * A Share of `emitters` over an Int32Array that both threads hold (on a SharedArrayBuffer), one slot per
 * emitter in that order: each thread takes the next file no thread has taken yet, so that the one that
 * finishes its own emitters first takes more of the shared ones, and they finish together.
 */
export function shareBy(emitters: readonly string[], counters: Int32Array): Share {
  const mine = emitters.map(() => -1);
  return {
    has: (emitter) => emitters.includes(emitter),
    take(emitter, index) {
      const slot = emitters.indexOf(emitter);
      if ((mine[slot] as number) < index) mine[slot] = Atomics.add(counters, slot, 1);
      return mine[slot] === index;
    },
  };
}

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
  share?: Share,
): AsyncGenerator<readonly [string, Rendered]> {
  for (const emitter of emitters) {
    let output: Files;
    try {
      output = await emitter.emit(catalog, assets);
    } catch (error) {
      throw new EmitterError(emitter.name, error);
    }
    const iterator = output[Symbol.iterator]();
    const shared = share?.has(emitter.name) ? share : undefined;
    for (let index = 0; ; index++) {
      let file: readonly [string, Rendered];
      try {
        const next = iterator.next();
        if (next.done) break;
        if (shared && !shared.take(emitter.name, index)) continue;
        const [path, contents] = next.value;
        const rendered = typeof contents === 'function' ? contents() : contents;
        file = [path, madeOnTake(rendered) ? piecesOf(emitter.name, rendered) : rendered];
      } catch (error) {
        throw new EmitterError(emitter.name, error);
      }
      yield file;
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
    files.set(path, renderedText(contents));
  }
  return new Map([...files].sort(([a], [b]) => compareStrings(a, b)));
}
