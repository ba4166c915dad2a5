/**
 * What the command modules share: the I/O the CLI runs with, the parsed options, and how paths are shown.
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
}

export interface Options {
  readonly spec?: string;
  readonly out?: string;
  readonly check?: boolean;
  readonly force?: boolean;
  readonly brief?: boolean;
  readonly debug?: boolean;
  readonly site?: string;
  readonly port?: string;
  readonly strict?: boolean;
  readonly json?: boolean;
  readonly 'no-cache'?: boolean;
  readonly watch?: boolean;
  readonly help?: boolean;
  readonly version?: boolean;
}

/** A path as the user would type it: relative to the working folder when it is inside it. */
export function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}
