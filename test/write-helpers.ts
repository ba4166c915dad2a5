/**
 * The write stage fed from a map in memory, as the tests drive it: a check and an all-or-nothing write of
 * files rendered beforehand (the toolkit itself streams them from the emitters, see write/catalog.ts).
 */
import type { Rendered } from '../generator/support/pieces.js';
import { type Drift, openCheck } from '../generator/write/check.js';
import { defaultFs, type WriteFs } from '../generator/write/file-bytes.js';
import { openOutput, type WriteResult } from '../generator/write/session.js';

/** What `--check` reports for these files. */
export function findDrift(outDir: string, files: ReadonlyMap<string, Rendered>): Drift {
  const check = openCheck(outDir);
  for (const [path, contents] of files) check.add(path, contents);
  return check.finish();
}

/** Writes these files all-or-nothing, through `fs`. */
export function writeOutput(
  outDir: string,
  files: ReadonlyMap<string, string>,
  fs: WriteFs = defaultFs,
): WriteResult {
  const session = openOutput(outDir, fs);
  try {
    for (const [path, contents] of files) session.add(path, contents);
  } catch (error) {
    session.abort();
    throw error;
  }
  return session.commit();
}
