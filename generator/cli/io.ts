/**
 * What the command modules share: the I/O the CLI runs with, and how paths are shown.
 */
import { isAbsolute, relative } from 'node:path';

export interface Io {
  readonly cwd: string;
  readonly stdin?: NodeJS.ReadableStream;
  out(line: string): void;
  err(line: string): void;
  /**
   * When the output cannot take more yet (a pipe to a slow reader), a promise that resolves once it can;
   * otherwise undefined. Long outputs wait on it, so that what the reader has not taken is not buffered in
   * memory.
   */
  drain?(): Promise<void> | undefined;
  /** Color diagnostics (a terminal that wants them; see wantsColor). */
  readonly color?: boolean;
}

export type { Options } from './options.js';

/** A path as the user would type it: relative to the working folder when it is inside it. */
export function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}
