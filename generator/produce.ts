/**
 * Emit and write (or check) in one pass: each file goes from its emitter to the write stage and is then
 * dropped, so that a large catalog's output is never held in memory whole.
 */
import { loadAssets } from './assets.js';
import type { Catalog } from './catalog.js';
import { EMITTERS, type Emitter, emitEach } from './emit/index.js';
import { collectGarbage } from './gc.js';
import { withLock } from './lock.js';
import { assertOwnedOutput, type Drift, openCheck, openOutput, type WriteResult } from './write.js';

type Emitters = readonly { readonly name: string; readonly emit: Emitter }[];

/** Files between two garbage collections when a large catalog is written. */
const COLLECT_EVERY = 4000;
/** Catalogs with more notifications than this collect garbage as they write. */
const LARGE_CATALOG = 2000;

function collector(catalog: Catalog): () => void {
  const large = catalog.events.length > LARGE_CATALOG;
  return () => collectGarbage(large);
}

/** Writes everything the catalog produces into `outDir`, all-or-nothing, under the folder's lock. */
export function writeCatalog(
  catalog: Catalog,
  outDir: string,
  force: boolean,
  emitters: Emitters = EMITTERS,
): Promise<WriteResult> {
  return withLock(outDir, async () => {
    assertOwnedOutput(outDir, force);
    const session = openOutput(outDir);
    try {
      for await (const [path, contents] of emitEach(catalog, loadAssets(), emitters))
        session.add(path, contents);
    } catch (error) {
      session.abort();
      throw error;
    }
    return session.commit();
  });
}

/** Compares what the catalog produces with `outDir`, file by file. */
export async function checkCatalog(catalog: Catalog, outDir: string): Promise<Drift & { digest: string }> {
  const check = openCheck(outDir);
  const collect = collector(catalog);
  let count = 0;
  for await (const [path, contents] of emitEach(catalog, loadAssets())) {
    check.add(path, contents);
    if (++count % COLLECT_EVERY === 0) collect();
  }
  return check.finish();
}
