/**
 * File-system helpers that more than one stage needs: listing a folder's files, removing a tree.
 */
import { type Dirent, readdirSync, rmSync } from 'node:fs';
import { sep } from 'node:path';
import { errorReason, ToolError } from './diagnostics.js';

/** Lists every file under `dir` (relative, forward slashes, sorted); an absent folder has none. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
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
      else out.push(`${prefix}${entry.name}`);
    }
  };
  walk(dir, '');
  // Without a comparator: code units, as compareStrings, by the engine's faster path.
  return out.sort();
}

/** Removes `dir` and everything in it, if it is there; a failure is ignored (the folder is left over). */
export function removeTree(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    // Left for the next run's clean-up (staging folders) or for nobody: nothing depends on it.
  }
}
