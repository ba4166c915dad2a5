/**
 * File-system helpers that more than one stage needs: the one walk of a folder's files, writing a file
 * whole or not at all, removing a tree.
 */
import { type Dirent, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, sep } from 'node:path';
import { errorReason, ToolError } from './diagnostics.js';

/**
 * Calls `visit` for every file under `dir` (anything that is not a folder: a folder symlink is not
 * descended), with its path relative to `dir` ('/'-separated) and its entry, in no particular order. An
 * absent folder has none; one that cannot be read is a ToolError.
 */
export function walkFiles(dir: string, visit: (path: string, entry: Dirent) => void): void {
  // Relative paths are built as the walk goes down (a large output has many files: no path arithmetic).
  const walk = (current: string, prefix: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(current, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw new ToolError(`cannot read ${current}: ${errorReason(error)}`, 2);
    }
    for (const entry of entries) {
      if (entry.isDirectory()) walk(`${current}${sep}${entry.name}`, `${prefix}${entry.name}/`);
      else visit(`${prefix}${entry.name}`, entry);
    }
  };
  walk(dir, '');
}

/** Lists every file under `dir` (relative, forward slashes, sorted); an absent folder has none. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  walkFiles(dir, (path) => out.push(path));
  // Without a comparator: code units, as compareStrings, by the engine's faster path.
  return out.sort();
}

/**
 * Writes `data` to `path` whole or not at all, creating its folder: into a file of this process beside it,
 * then renamed over it, so that a reader (or a run started at the same time) sees the old file or the new.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, data);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** Removes `dir` and everything in it, if it is there; a failure is ignored (the folder is left over). */
export function removeTree(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    // Left for the next run's clean-up (staging folders) or for nobody: nothing depends on it.
  }
}
