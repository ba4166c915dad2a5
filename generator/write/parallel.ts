/**
 * The parallel variant of the write, for large catalogs: a worker (worker.ts) runs some of the emitters over
 * a copy of the model and stages their files into the same staging folder while this thread runs the
 * others, then both share the files of the shared emitters. Each emitter's thread is in the registry (see
 * EMITTERS): the worker runs its own first, this thread the others but the shared ones; then both run the
 * shared ones, each rendering the next file that neither has taken yet (see Share), this thread in registry
 * order and the worker in the reverse, so that they finish together whatever the catalog's shape. Emitters
 * need nothing from one another, so any split gives the same files.
 */
import type { NamedEmitter, Thread } from '../emit/contract.js';
import { EMITTERS } from '../emit/index.js';
import type { Catalog } from '../model/catalog.js';
import type { Assets } from '../support/assets.js';
import { ToolError } from '../support/diagnostics.js';
import type { Rendered } from '../support/pieces.js';
import { canRunInParallel, spawnWorker, workerResult } from '../support/workers.js';
import { feedFiles } from './feed.js';
import type { OutputSession } from './session.js';
import { shareBy } from './share.js';
import type { StagedFiles } from './staged-files.js';
import type { WorkerInput, WorkerOutput } from './worker.js';

/**
 * Catalogs with at least this many notifications are written by two threads, when there are two cores:
 * below it, starting a worker and handing it the model costs about what the worker saves.
 */
const PARALLEL_CATALOG = 500;

/** Which emitters each thread runs: `local` on this thread (the shared ones last), `remote` in the worker. */
interface Split {
  readonly local: readonly NamedEmitter[];
  readonly remote: readonly NamedEmitter[];
  readonly shared: readonly NamedEmitter[];
}

/** Where the registry places `emitter`; others than the toolkit's own run here (the worker finds them by name). */
function threadOf(emitter: NamedEmitter): Thread {
  return EMITTERS.find((e) => e === emitter)?.thread ?? 'main';
}

/**
 * How the emitters split between two threads, or undefined when the write runs on this one: when `parallel`
 * is false (by default, for small catalogs or one core), or no emitter may leave this thread.
 */
export function splitEmitters(
  catalog: Catalog,
  emitters: readonly NamedEmitter[],
  parallel = catalog.events.length >= PARALLEL_CATALOG && canRunInParallel(),
): Split | undefined {
  if (!parallel) return undefined;
  const remote = emitters.filter((e) => threadOf(e) === 'worker');
  const shared = emitters.filter((e) => threadOf(e) === 'shared');
  if (remote.length + shared.length === 0) return undefined;
  return { local: [...emitters.filter((e) => threadOf(e) === 'main'), ...shared], remote, shared };
}

interface ParallelWrite {
  readonly catalog: Catalog;
  /** The model as the cache's bytes, if it has them: the worker deserializes them (no second serialize). */
  readonly serialized: Uint8Array | undefined;
  readonly assets: Assets;
  readonly session: OutputSession;
  readonly split: Split;
}

/** Stages the split's files from both threads into `session`; it is then ready to commit. */
export async function stageInParallel(w: ParallelWrite): Promise<void> {
  const names = w.split.shared.map((e) => e.name);
  const counters = new Int32Array(new SharedArrayBuffer(4 * Math.max(1, names.length)));
  const worker = startWorker({
    catalog: w.serialized ? { serialized: w.serialized } : w.catalog,
    assets: w.assets,
    target: w.session.target,
    emitters: [...w.split.remote, ...[...w.split.shared].reverse()].map((e) => e.name),
    ...(names.length > 0 ? { shared: { emitters: names, counters } } : {}),
  });
  const share = names.length > 0 ? shareBy(names, counters) : undefined;
  try {
    const add = (path: string, contents: Rendered) => {
      worker.throwIfFailed();
      w.session.add(path, contents);
    };
    await feedFiles(w.catalog, w.assets, w.split.local, add, share);
    w.session.finish();
    w.session.record(await worker.result);
  } catch (error) {
    // The worker must have stopped writing before the staging folder is removed.
    await worker.stop();
    throw error;
  }
}

interface RunningWorker {
  /** The files the worker staged, once it is done; rejects with its error. */
  readonly result: Promise<StagedFiles>;
  /** Throws the worker's error if it has already failed (so the main thread stops early). */
  throwIfFailed(): void;
  stop(): Promise<void>;
}

function startWorker(input: WorkerInput): RunningWorker {
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
