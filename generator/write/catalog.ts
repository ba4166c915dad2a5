/**
 * Emit and write (or check) in one pass: each file goes from its emitter to the write stage and is then
 * dropped (see feed.ts). The serial core below runs every emitter on this thread, stages their files and
 * commits; a large catalog is written by two threads instead (parallel.ts), chosen here, and the commit
 * stays all-or-nothing either way.
 */

import { takeSerializedForm } from '../cache/index.js';
import type { NamedEmitter } from '../emit/contract.js';
import { EMITTERS } from '../emit/index.js';
import type { Catalog } from '../model/catalog.js';
import { loadAssets } from '../support/assets.js';
import { isOff } from '../support/switches.js';
import { type Drift, openCheck } from './check.js';
import { feedFiles } from './feed.js';
import { withLock } from './lock.js';
import { splitEmitters, stageInParallel } from './parallel.js';
import { assertOwnedOutput, openOutput, type WriteResult } from './session.js';

export interface WriteOptions {
  /** Use a worker thread; by default, for large catalogs when there are two cores (see parallel.ts). */
  readonly parallel?: boolean;
}

/** Writes everything the catalog produces into `outDir`, all-or-nothing, under the folder's lock. */
export function writeCatalog(
  catalog: Catalog,
  outDir: string,
  force: boolean,
  emitters: readonly NamedEmitter[] = EMITTERS,
  options: WriteOptions = {},
): Promise<WriteResult> {
  return withLock(outDir, async () => {
    assertOwnedOutput(outDir, force);
    const assets = loadAssets();
    // A model read from or written to the cache is handed to a worker as its bytes; taken in any case, so
    // that a one-thread write does not keep them.
    const serialized = takeSerializedForm(catalog);
    const session = openOutput(outDir);
    const split = isOff('write-worker') ? undefined : splitEmitters(catalog, emitters, options.parallel);
    try {
      if (split) await stageInParallel({ catalog, serialized, assets, session, split });
      else await feedFiles(catalog, assets, emitters, (path, contents) => session.add(path, contents));
    } catch (error) {
      session.abort();
      throw error;
    }
    return session.commit();
  });
}

/** Compares what the catalog produces with `outDir`, file by file. */
export async function checkCatalog(catalog: Catalog, outDir: string): Promise<Drift> {
  takeSerializedForm(catalog);
  const check = openCheck(outDir);
  await feedFiles(catalog, loadAssets(), EMITTERS, (path, contents) => check.add(path, contents));
  return check.finish();
}
