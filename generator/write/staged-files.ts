/**
 * The list of staged files a write session keeps, in columns: paths sorted, whether each changed, and the
 * stat each was written with. A worker sends its list to the main thread in this form, and the lists of
 * both threads are merged at the commit without a sort or a table of all the paths.
 */
import type { FileStat } from './file-bytes.js';

/**
 * Files sorted by path (code units), each with the size, modification time and inode it was written with
 * (renaming it into place keeps all three), NaN for a file left as it was: what the no-op record hashes (see
 * cache/index.ts), in the order it hashes them.
 */
export interface OutputFiles {
  readonly paths: readonly string[];
  /** Three numbers per path: size, mtimeMs, ino. */
  readonly stats: Float64Array;
}

/** What staging one file found: whether it differs from the output folder's copy; if written, its stat. */
export interface Staged {
  readonly changed: boolean;
  readonly stat?: FileStat;
}

/**
 * Staged files in three columns, sorted by path, as a worker sends them to the main thread: their paths
 * joined by NUL (which no path holds), whether each changed (1) or not (0), and each one's size,
 * modification time and inode (NaN when it was not written). A large catalog's worker stages tens of
 * thousands of files: as one object each, copying the list back would take a noticeable time at the end of
 * the run, when nothing else can go on; sorted by the worker once it has staged its last file, they are
 * merged with the main thread's without a sort or a table of all the paths.
 */
export interface StagedFiles {
  readonly paths: string;
  readonly changed: Uint8Array;
  readonly stats: Float64Array;
}

/** Files sorted by path, whether each changed, and their stats (as in OutputFiles). */
export interface SortedFiles extends OutputFiles {
  readonly changed: Uint8Array;
}

/** A path that two emitters, or two threads, write: a toolkit bug, found before anything is renamed. */
function writtenTwice(path: string): Error {
  return new Error(`two outputs write ${path}`);
}

/** Collects staged files, for StagedFiles or a session's own list; a path staged twice is an error. */
export function stagedColumns() {
  /** Each path's row in `changed` and `stats`. */
  const rows = new Map<string, number>();
  const changed: number[] = [];
  const stats: number[] = [];
  return {
    add(path: string, staged: Staged): void {
      // One lookup of the path: a map that does not grow already had it.
      const before = rows.size;
      rows.set(path, changed.length);
      if (rows.size === before) throw writtenTwice(path);
      changed.push(staged.changed ? 1 : 0);
      const stat = staged.stat;
      if (stat) stats.push(stat.size, stat.mtimeMs, stat.ino);
      else stats.push(Number.NaN, Number.NaN, Number.NaN);
    },
    count: () => changed.length,
    /** The files sorted by path. */
    sorted(): SortedFiles {
      // Sorted without a comparator: code units, as compareStrings, by the engine's faster path.
      const paths = [...rows.keys()].sort();
      const sortedChanged = new Uint8Array(paths.length);
      const sortedStats = new Float64Array(3 * paths.length);
      for (const [to, path] of paths.entries()) {
        const from = rows.get(path) as number;
        sortedChanged[to] = changed[from] as number;
        sortedStats[3 * to] = stats[3 * from] as number;
        sortedStats[3 * to + 1] = stats[3 * from + 1] as number;
        sortedStats[3 * to + 2] = stats[3 * from + 2] as number;
      }
      return { paths, changed: sortedChanged, stats: sortedStats };
    },
  };
}

/** Sorted files as a worker sends them (see StagedFiles). */
export function stagedFiles(files: SortedFiles): StagedFiles {
  return { paths: files.paths.join('\0'), changed: files.changed, stats: files.stats };
}

/** The sorted files that a worker sent. */
export function sortedFiles(files: StagedFiles): SortedFiles {
  const paths = files.changed.length === 0 ? [] : files.paths.split('\0');
  return { paths, changed: files.changed, stats: files.stats };
}

/**
 * Two lists of sorted files as one; a path in both is a toolkit bug (two emitters, or two threads,
 * writing one file).
 */
export function mergeSorted(a: SortedFiles, b: SortedFiles): SortedFiles {
  const total = a.paths.length + b.paths.length;
  const paths: string[] = new Array(total);
  const changed = new Uint8Array(total);
  const stats = new Float64Array(3 * total);
  let i = 0;
  let j = 0;
  for (let to = 0; to < total; to++) {
    const fromA =
      j >= b.paths.length || (i < a.paths.length && (a.paths[i] as string) < (b.paths[j] as string));
    const list = fromA ? a : b;
    const from = fromA ? i++ : j++;
    const path = list.paths[from] as string;
    if (to > 0 && paths[to - 1] === path) throw writtenTwice(path);
    paths[to] = path;
    changed[to] = list.changed[from] as number;
    stats.set(list.stats.subarray(3 * from, 3 * from + 3), 3 * to);
  }
  return { paths, changed, stats };
}
