/**
 * The loop every writer and checker runs: each file from the emitters to one callback, then dropped, so
 * that a large catalog's output is never held whole; a large catalog also collects garbage as it goes.
 */
import type { NamedEmitter, Share } from '../emit/contract.js';
import { emitEach } from '../emit/index.js';
import type { Catalog } from '../model/catalog.js';
import type { Assets } from '../support/assets.js';
import type { Rendered } from '../support/pieces.js';
import { collectAbove } from './gc.js';

/**
 * Catalogs with more notifications than this look at the process's memory every CHECK_MEMORY_EVERY files,
 * in each thread, and collect garbage when it is above MEMORY_BUDGET: V8 alone lets garbage grow far past
 * what a large run keeps alive, a collection on a fixed schedule costs more time than it saves memory, and
 * collecting only when needed keeps the peak as low for a fraction of that time.
 */
const LARGE_CATALOG = 2000;
const CHECK_MEMORY_EVERY = 500;
const MEMORY_BUDGET = 700 * 2 ** 20;

/** Gives `add` every file of `emitters` (with `share`, only those it gives this thread), in emitter order. */
export async function feedFiles(
  catalog: Catalog,
  assets: Assets,
  emitters: readonly NamedEmitter[],
  add: (path: string, contents: Rendered) => void,
  share?: Share,
): Promise<void> {
  const large = catalog.events.length > LARGE_CATALOG;
  let count = 0;
  for await (const [path, contents] of emitEach(catalog, assets, emitters, share)) {
    add(path, contents);
    if (large && ++count % CHECK_MEMORY_EVERY === 0) collectAbove(MEMORY_BUDGET);
  }
}
