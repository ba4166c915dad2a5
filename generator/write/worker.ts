/**
 * The worker side of a parallel write (see parallel.ts): runs the emitters it is given by name over a copy
 * of the catalog and stages their files into the session's staging folder, then reports for each file
 * whether it changed. It never touches the output folder itself: committing stays with the main thread.
 */
import { deserialize } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { EMITTERS } from '../emit/index.js';
import type { Catalog } from '../model/catalog.js';
import type { Assets } from '../support/assets.js';
import { ToolError } from '../support/diagnostics.js';
import type { Rendered } from '../support/pieces.js';
import { feedFiles } from './feed.js';
import { shareBy } from './share.js';
import { createStager, type StageTarget } from './stage.js';
import { type StagedFiles, stagedColumns, stagedFiles } from './staged-files.js';

export interface WorkerInput {
  /** The catalog, or the bytes V8's serializer made of it for the cache (deserialized here, in parallel). */
  readonly catalog: Catalog | { readonly serialized: Uint8Array };
  readonly assets: Assets;
  readonly target: StageTarget;
  /** Names of the emitters to run, from EMITTERS. */
  readonly emitters: readonly string[];
  /** Emitters whose files the main thread takes its share of too, and the counters both take them by. */
  readonly shared?: { readonly emitters: readonly string[]; readonly counters: Int32Array };
}

export type WorkerOutput =
  | { readonly staged: StagedFiles }
  | { readonly error: { readonly message: string; readonly exitCode?: number } };

async function run(input: WorkerInput): Promise<StagedFiles> {
  const chosen = input.emitters.map((name) => {
    const emitter = EMITTERS.find((e) => e.name === name);
    if (!emitter) throw new Error(`no emitter named "${name}"`);
    return emitter;
  });
  const stager = createStager(input.target);
  const staged = stagedColumns();
  const share = input.shared ? shareBy(input.shared.emitters, input.shared.counters) : undefined;
  const add = (path: string, contents: Rendered) => staged.add(path, stager.stage(path, contents));
  await feedFiles(catalogOf(input), input.assets, chosen, add, share);
  return stagedFiles(staged.sorted());
}

/** The input's catalog, deserialized if it came as bytes. */
function catalogOf(input: WorkerInput): Catalog {
  if (!('serialized' in input.catalog)) return input.catalog;
  const catalog = deserialize(input.catalog.serialized) as Catalog;
  // The input is workerData, which lives as long as the thread: it keeps the catalog, not its bytes.
  (input as { catalog: Catalog }).catalog = catalog;
  return catalog;
}

const port = parentPort;
if (port) {
  run(workerData as WorkerInput).then(
    (staged) => port.postMessage({ staged } satisfies WorkerOutput),
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      const exitCode = error instanceof ToolError ? error.exitCode : undefined;
      port.postMessage({
        error: { message, ...(exitCode === undefined ? {} : { exitCode }) },
      } satisfies WorkerOutput);
    },
  );
}
