/**
 * Emit and write (or check) in one pass: each file goes from its emitter to the write stage and is then
 * dropped, so that a large catalog's output is never held in memory whole. A large catalog is written by
 * two threads: a worker runs some of the emitters over a copy of the model and stages their files into the
 * same staging folder while the main thread runs the others, then both share the files of the schemas and
 * docs (each emitter's thread is in the registry, see EMITTERS); the commit stays all-or-nothing.
 */

import { takeSerializedForm } from '../cache/index.js';
import type { NamedEmitter, Thread } from '../emit/contract.js';
import { EMITTERS, emitEach } from '../emit/index.js';
import type { Catalog } from '../model/catalog.js';
import { loadAssets } from '../support/assets.js';
import { ToolError } from '../support/diagnostics.js';
import { canRunInParallel, spawnWorker, workerResult } from '../support/workers.js';
import { collectAbove } from './gc.js';
import { withLock } from './lock.js';
import {
  assertOwnedOutput,
  type Drift,
  openCheck,
  openOutput,
  type StagedFiles,
  type StageTarget,
  type WriteResult,
} from './output.js';
import { shareBy } from './share.js';
import type { WorkerInput, WorkerOutput } from './worker.js';

type Emitters = readonly NamedEmitter[];

/**
 * A large catalog's write (or check) looks at the process's memory every CHECK_MEMORY_EVERY files, in each
 * thread, and collects garbage when it is above MEMORY_BUDGET: V8 alone lets a 10,000-name run grow to
 * 1.1 GB with about 100 MB in use; a collection every few thousand files kept it at 0.8 GB but cost 2 s,
 * collecting only when needed keeps it at 0.8 GB for a fraction of that.
 */
const CHECK_MEMORY_EVERY = 500;
const MEMORY_BUDGET = 700 * 2 ** 20;
/** Catalogs with more notifications than this collect garbage as they write. */
const LARGE_CATALOG = 2000;
/** Catalogs with at least this many notifications are written by two threads, when there are two cores. */
export const PARALLEL_CATALOG = 500;
/**
 * How a large catalog's emitters are split between the threads (each registration's `thread`). The worker
 * runs its own first, the main thread the others but the shared ones; then both run the shared ones, each
 * rendering the next file of one that neither has taken yet (see Share), the main thread in registry order
 * and the worker in the reverse, so that they finish together whatever the catalog's shape. At 10,000 names the worker's declarations and docs
 * (~0.6 and ~1.9 s alone) weigh about what the main thread's start (parse, validate, model: ~1 s), fixtures
 * and runtime (~1 s) do, and the schemas (~1.3 s) even them out. The docs are not shared: each thread that
 * renders docs pages builds the docs' tables of rows and diagrams for itself, which the schemas' tables
 * cost less to do twice (whole cold 10k runs into tmpfs, 8 each: median 5.13 s with the docs shared too,
 * 4.99 s without; 1k: 1.10 and 1.07 s). Emitters need nothing from one another, so any split gives the
 * same files.
 */
function threadOf(emitter: NamedEmitter): Thread {
  // Only the toolkit's own emitters can run in the worker: it finds them by name.
  return EMITTERS.find((e) => e === emitter)?.thread ?? 'main';
}

export interface WriteOptions {
  /** Use a worker thread; by default, for catalogs of PARALLEL_CATALOG notifications or more. */
  readonly parallel?: boolean;
}

/** Writes everything the catalog produces into `outDir`, all-or-nothing, under the folder's lock. */
export function writeCatalog(
  catalog: Catalog,
  outDir: string,
  force: boolean,
  emitters: Emitters = EMITTERS,
  options: WriteOptions = {},
): Promise<WriteResult> {
  return withLock(outDir, async () => {
    assertOwnedOutput(outDir, force);
    const assets = loadAssets();
    const session = openOutput(outDir);
    const parallel = options.parallel ?? (catalog.events.length >= PARALLEL_CATALOG && canRunInParallel());
    const remote = emitters.filter((e) => parallel && threadOf(e) === 'worker');
    const shared = emitters.filter((e) => parallel && threadOf(e) === 'shared');
    const local = [...emitters.filter((e) => !remote.includes(e) && !shared.includes(e)), ...shared];
    const names = shared.map((e) => e.name);
    const counters = new Int32Array(new SharedArrayBuffer(4 * Math.max(1, names.length)));
    const share = names.length > 0 ? shareBy(names, counters) : undefined;
    // A model read from or written to the cache is handed over as its bytes: not serialized again here.
    // (Taken in any case, so that a one-thread write does not keep them.)
    const bytes = takeSerializedForm(catalog);
    const serialized = remote.length + shared.length > 0 ? bytes : undefined;
    const worker =
      remote.length + shared.length > 0
        ? startWorker({
            catalog: serialized ? { serialized } : catalog,
            assets,
            target: session.target,
            emitters: [...remote, ...[...shared].reverse()].map((e) => e.name),
            ...(names.length > 0 ? { shared: { emitters: names, counters } } : {}),
            checkMemoryEvery: catalog.events.length > LARGE_CATALOG ? CHECK_MEMORY_EVERY : 0,
            memoryBudget: MEMORY_BUDGET,
          })
        : undefined;
    try {
      const large = catalog.events.length > LARGE_CATALOG;
      let count = 0;
      for await (const [path, contents] of emitEach(catalog, assets, local, share)) {
        worker?.throwIfFailed();
        session.add(path, contents);
        if (large && ++count % CHECK_MEMORY_EVERY === 0) collectAbove(MEMORY_BUDGET);
      }
      session.finish();
      const staged = await worker?.result;
      if (staged) session.record(staged);
    } catch (error) {
      // The worker must have stopped writing before the staging folder is removed.
      await worker?.stop();
      session.abort();
      throw error;
    }
    return session.commit();
  });
}

interface RunningWorker {
  /** The files the worker staged, once it is done; rejects with its error. */
  readonly result: Promise<StagedFiles>;
  /** Throws the worker's error if it has already failed (so the main thread stops early). */
  throwIfFailed(): void;
  stop(): Promise<void>;
}

function startWorker(input: WorkerInput & { target: StageTarget }): RunningWorker {
  // Bytes that fill their own buffer move to the worker; others (a small model in node's pool) are copied.
  const bytes = 'serialized' in input.catalog ? input.catalog.serialized : undefined;
  const movable =
    bytes?.buffer instanceof ArrayBuffer &&
    bytes.byteOffset === 0 &&
    bytes.byteLength === bytes.buffer.byteLength;
  const worker = spawnWorker(import.meta.url, 'worker', input, movable ? [bytes.buffer] : []);
  let failure: Error | undefined;
  const result = workerResult<WorkerOutput>(worker).then((message) => {
    if ('staged' in message) return message.staged;
    const { message: text, exitCode } = message.error;
    throw exitCode === undefined ? new Error(text) : new ToolError(text, exitCode);
  });
  // Awaited after the main thread's own files; an early failure is kept for throwIfFailed, not fatal.
  result.catch((error: Error) => {
    failure = error;
  });
  return {
    result,
    throwIfFailed() {
      if (failure) throw failure;
    },
    async stop() {
      await worker.terminate();
    },
  };
}

/** Compares what the catalog produces with `outDir`, file by file. */
export async function checkCatalog(catalog: Catalog, outDir: string): Promise<Drift> {
  takeSerializedForm(catalog);
  const check = openCheck(outDir);
  const large = catalog.events.length > LARGE_CATALOG;
  let count = 0;
  for await (const [path, contents] of emitEach(catalog, loadAssets())) {
    check.add(path, contents);
    if (large && ++count % CHECK_MEMORY_EVERY === 0) collectAbove(MEMORY_BUDGET);
  }
  return check.finish();
}
