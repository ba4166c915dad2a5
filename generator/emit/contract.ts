/**
 * What an emitter is and what it hands on: the contract between the emitters and the stages that run them
 * (the chain in memory, the write stage to disk). Emitters import this, never the registry that lists them.
 */
import type { Catalog } from '../model/catalog.js';
import type { Assets } from '../support/assets.js';
import type { Rendered } from '../support/pieces.js';

/**
 * A file's contents, or a function that renders them. An emitter whose files are shared between two threads
 * (see Share) defers its rendering this way, so that each thread renders only the files it takes.
 */
export type Contents = Rendered | (() => Rendered);

/** An emitter's files: path under the output folder ('/'-separated), and contents. */
export type Files = Iterable<readonly [string, Contents]>;

/** A pure function from the model (and the toolkit's templates) to files. */
export type Emitter = (catalog: Catalog, assets: Assets) => Files | Promise<Files>;

/** An emitter and the name its failures are reported under. */
export interface NamedEmitter {
  readonly name: string;
  readonly emit: Emitter;
}

/**
 * Where the write stage runs an emitter of the registry on a large catalog: `main`, the main thread;
 * `worker`, the write worker; `shared`, both, each taking the next file neither has taken yet (see Share).
 * Small catalogs run every emitter on the main thread.
 */
export type Thread = 'main' | 'worker' | 'shared';

/** An emitter of the registry, with the thread it runs on. */
export interface Registration extends NamedEmitter {
  readonly thread: Thread;
}

/**
 * Files of emitters shared with another thread that runs them too: for each, both go through the same files
 * in the same order, and each renders and yields only those that `take` (given the emitter and a file's
 * index) gives it.
 */
export interface Share {
  has(emitter: string): boolean;
  take(emitter: string, index: number): boolean;
}
