/**
 * Stage 4, emit: every emitter is a pure function from the model to files (path under the output folder,
 * contents). This module lists them and runs them in turn, file by file for the write stage, or into one
 * sorted map.
 */

import type { Catalog } from '../model/catalog.js';
import type { Assets } from '../support/assets.js';
import { compareStrings } from '../support/diagnostics.js';
import { EmitterError, madeOnTake, piecesOf, type Rendered, renderedText } from '../support/pieces.js';
import type { Files, NamedEmitter, Registration, Share } from './contract.js';
import { emitDocs } from './docs/index.js';
import { emitFixtures } from './fixtures/index.js';
import { emitFormSchemas } from './json-schema/eventbridge.js';
import { emitJsonSchemas } from './json-schema/index.js';
import { emitPackage } from './package.js';
import { emitRuntime } from './runtime.js';
import { emitMarker } from './shared/marker.js';
import { emitTypes } from './types/index.js';

/**
 * The emitters, in the order they run, each with the thread that runs it on a large catalog (see Thread).
 * The worker's declarations and docs weigh about what the main thread's start (parse, validate, model),
 * fixtures and runtime do, and the shared schemas even the two out. The docs are not shared: each thread
 * that renders docs pages builds the docs' tables of rows and diagrams for itself, which costs more than
 * doing the schemas' tables twice.
 *
 * To add an output:
 * 1. Write `emit/<name>.ts` (or a folder `emit/<name>/` with an `index.ts`) exporting an Emitter:
 *    `(catalog, assets) => Map<path, string>`, one entry per file, paths relative to the output folder and
 *    '/'-separated. Read only the model and the assets (templates), never files or the YAML; put what two
 *    emitters share in `emit/shared/`, and pass catalog text through its escaping helpers. `emit/package.ts`
 *    is the simplest to copy: two files, one JSON built as an object, one markdown from a template.
 * 2. Register it below as `{ name, emit, thread: 'main' }`. Its name is how its failures are reported.
 * 3. Regenerate (`npm run generate`) and commit the new files of generated/ with the change, which `check`
 *    then holds; `UPDATE=1` on the unit tests records them in the golden cases of test/golden/.
 *
 * Only for very large files, as an opt-in: a file's contents may be pieces instead of one string (see
 * support/pieces.ts), either made as they are taken (a generator, as `emit/types/` does, so the file is
 * never held whole) or with repeated values as bytes made once (`emit/json-schema/chunks.ts`). An emitter
 * whose files are many may give each as a function that renders it (Contents), so that `thread: 'shared'`
 * lets two threads split them; `thread: 'worker'` moves a heavy emitter off the main thread. Placement
 * changes only time: any split gives the same files.
 */
export const EMITTERS: readonly Registration[] = [
  { name: 'json-schema', emit: emitJsonSchemas, thread: 'shared' },
  { name: 'form-schemas', emit: emitFormSchemas, thread: 'main' },
  { name: 'types', emit: emitTypes, thread: 'worker' },
  { name: 'runtime', emit: emitRuntime, thread: 'main' },
  { name: 'fixtures', emit: emitFixtures, thread: 'main' },
  { name: 'docs', emit: emitDocs, thread: 'worker' },
  { name: 'package', emit: emitPackage, thread: 'main' },
  { name: 'marker', emit: emitMarker, thread: 'main' },
];

/**
 * Every file of every emitter, in emitter order, without holding them all: the write stage takes each as it
 * comes. With `share`, the files of the emitters it has are only those it gives this thread. An emitter that
 * throws is reported by name.
 */
export async function* emitEach(
  catalog: Catalog,
  assets: Assets,
  emitters: readonly NamedEmitter[] = EMITTERS,
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
  emitters: readonly NamedEmitter[] = EMITTERS,
): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for await (const [path, contents] of emitEach(catalog, assets, emitters)) {
    if (files.has(path)) throw new Error(`two emitters write ${path}`);
    files.set(path, renderedText(contents));
  }
  return new Map([...files].sort(([a], [b]) => compareStrings(a, b)));
}
