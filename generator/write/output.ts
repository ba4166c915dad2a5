/**
 * Stage 5, write or check, one file at a time as the emitters produce them, so that memory does not grow
 * with the output. Writing touches only files whose bytes change, and a failure at any point (or a run
 * killed midway) leaves the output folder as it was: new contents go to a staging folder beside it, and
 * only when every file is there are they renamed into place, the files they replace moved aside (renames
 * that fail are undone).
 */
import { createHash } from 'node:crypto';
import * as nodeFs from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import { MARKER_FILE } from '../emit/shared/marker.js';
import { compareStrings, errorReason, ToolError } from '../support/diagnostics.js';
import { byteFiller, EmitterError, knownByteLength, madeOnTake, type Rendered } from '../support/pieces.js';
import { isAlive } from './lock.js';

/** A file's size, modification time and inode (what the no-op fast path records, see cache.ts). */
export interface FileStat {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ino: number;
}

/**
 * File-system operations used by the write stage; tests replace them to inject faults. `writeFileSync` may
 * return the stat of the file it wrote (then nobody has to look it up by path again).
 */
export interface WriteFs {
  writeFileSync(path: string, data: Rendered): FileStat | unknown;
  renameSync(from: string, to: string): void;
  unlinkSync(path: string): void;
  mkdirSync(path: string, options: { recursive: true }): unknown;
  rmdirSync(path: string): void;
}

export interface Drift {
  readonly stale: readonly string[];
  readonly missing: readonly string[];
  readonly orphaned: readonly string[];
}

export interface WriteResult {
  readonly written: number;
  readonly removed: number;
  readonly unchanged: number;
  /** Every file of the output folder after the commit: those the outputs produced (orphans are removed). */
  readonly files: OutputFiles;
}

/**
 * Files sorted by path (code units), each with the size, modification time and inode it was written with
 * (renaming it into place keeps all three), NaN for a file left as it was: what the no-op record hashes (see
 * cache.ts), in the order it hashes them.
 */
export interface OutputFiles {
  readonly paths: readonly string[];
  /** Three numbers per path: size, mtimeMs, ino. */
  readonly stats: Float64Array;
}

/**
 * A buffer reused to encode each file's pieces before writing them: one pass over a text (node writing a
 * string needs a second one, Buffer.byteLength, to detect a short write), no allocation per file; a file
 * larger than the buffer is written a bufferful at a time.
 */
const encoded = Buffer.allocUnsafe(1 << 22);

/**
 * Writes the first `length` bytes of `bytes` to `fd`, however many calls that takes: a short write (a full
 * disk) is continued, and then fails with the file system's error.
 */
export function writeFully(
  fd: number,
  bytes: Uint8Array,
  length: number,
  write: (fd: number, bytes: Uint8Array, offset: number, length: number) => number = nodeFs.writeSync,
): void {
  let written = 0;
  while (written < length) written += write(fd, bytes, written, length - written);
}

/**
 * Writes `data` and returns the new file's stat, taken from the open file (no second path lookup): the
 * write stage's `writeFileSync` (tests that inject faults wrap it).
 */
export function writeWithStat(path: string, data: Rendered): FileStat {
  const fd = nodeFs.openSync(path, 'w');
  try {
    const fill = byteFiller(data, encoded);
    for (let length = fill(); length > 0; length = fill()) writeFully(fd, encoded, length);
    const { size, mtimeMs, ino } = nodeFs.fstatSync(fd);
    return { size, mtimeMs, ino };
  } finally {
    nodeFs.closeSync(fd);
  }
}

/** The file-system operations of a real write. */
const defaultFs: WriteFs = {
  writeFileSync: writeWithStat,
  renameSync: nodeFs.renameSync,
  unlinkSync: nodeFs.unlinkSync,
  mkdirSync: nodeFs.mkdirSync,
  rmdirSync: nodeFs.rmdirSync,
};

/** Lists every file under `dir` (relative, forward slashes, sorted); an absent folder has none. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  // Relative paths are built as the walk goes down (a large output has ~80,000 files: no path arithmetic).
  const walk = (current: string, prefix: string): void => {
    let entries: nodeFs.Dirent[];
    try {
      entries = nodeFs.readdirSync(current, { withFileTypes: true });
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
  // Without a comparator: code units, as compareStrings, at a third of the time for 80,000 paths.
  return out.sort();
}

/** Buffers reused to compare files, one MiB each: comparing 500 MB of output allocates nothing per file. */
const expectedBytes = Buffer.allocUnsafe(1 << 20);
const actualBytes = Buffer.allocUnsafe(1 << 20);

/**
 * Whether the file at `path` holds exactly the UTF-8 bytes of `contents` (false when it does not exist). A
 * file of another size is not read; one of the same size is compared a MiB at a time, `contents` encoded
 * piece by piece into one reused buffer and the file read into another (no hashing, no string per file, and
 * no buffer as large as the largest file: regenerating a large catalog into its own output compares every
 * file, its bundles of 36 MB included).
 */
function hasBytes(path: string, contents: Rendered): boolean {
  let fd: number;
  try {
    fd = nodeFs.openSync(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new ToolError(`cannot read ${path}: ${errorReason(error)}`, 2);
  }
  try {
    // Pieces made as they are taken are not made twice to learn their length: the comparison finds a
    // file of another length at its end.
    const length = knownByteLength(contents);
    if (length !== undefined && length !== nodeFs.fstatSync(fd).size) return false;
    const fill = byteFiller(contents, expectedBytes);
    for (let written = fill(); written > 0; written = fill()) {
      let got = 0;
      while (got < written) {
        const n = nodeFs.readSync(fd, actualBytes, got, written - got, null);
        if (n === 0) return false;
        got += n;
      }
      if (Buffer.compare(expectedBytes.subarray(0, written), actualBytes.subarray(0, written)) !== 0)
        return false;
    }
    // One more byte would mean that the file grew while it was read.
    return nodeFs.readSync(fd, actualBytes, 0, 1, null) === 0;
  } catch (error) {
    if (error instanceof EmitterError) throw error;
    throw new ToolError(`cannot read ${path}: ${errorReason(error)}`, 2);
  } finally {
    nodeFs.closeSync(fd);
  }
}

export function hashText(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A check of the output folder, fed one file at a time; `finish` reports the drift. */
export function openCheck(outDir: string) {
  const existing = new Set(listFiles(outDir));
  const seen = new Set<string>();
  const stale: string[] = [];
  const missing: string[] = [];
  return {
    add(path: string, contents: Rendered): void {
      seen.add(path);
      if (!existing.has(path)) missing.push(path);
      else if (!hasBytes(join(outDir, path), contents)) stale.push(path);
    },
    finish(): Drift {
      const orphaned = [...existing].filter((p) => !seen.has(p));
      return { stale: stale.sort(compareStrings), missing: missing.sort(compareStrings), orphaned };
    },
  };
}

/** What `--check` reports for files rendered in memory. */
export function findDrift(outDir: string, files: ReadonlyMap<string, Rendered>): Drift {
  const check = openCheck(outDir);
  for (const [path, contents] of files) check.add(path, contents);
  return check.finish();
}

/**
 * Refuses to clean a folder that this tool did not write: a non-empty output folder must carry the
 * marker file, unless `force` is set.
 */
export function assertOwnedOutput(outDir: string, force: boolean): void {
  const existing = listFiles(outDir);
  if (force || existing.length === 0 || existing.includes(MARKER_FILE)) return;
  throw new ToolError(
    `${outDir} has files but no ${MARKER_FILE} marker, so it was not written by ecs-events; ` +
      'choose another --out, or pass --force to replace its contents',
    2,
  );
}

/** Writes files rendered in memory all-or-nothing (the streaming session, fed from a map). */
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

/** Where a write session puts new contents: enough for another thread to stage files of the same session. */
export interface StageTarget {
  readonly outDir: string;
  readonly staging: string;
  /** Files in the output folder when the session opened. */
  readonly existing: ReadonlySet<string>;
}

/** What staging one file found: whether it differs from the output folder's copy; if written, its stat. */
export interface Staged {
  readonly changed: boolean;
  readonly stat?: FileStat;
}

/**
 * Staged files in three columns, sorted by path, as a worker sends them to the main thread: their paths
 * joined by NUL (which no path holds), whether each changed (1) or not (0), and each one's size,
 * modification time and inode (NaN when it was not written). A large catalog's worker stages ~40,000
 * files: as one object each, copying the list back took ~0.1 s at the end of the run, when nothing else can
 * go on; sorted by the worker once it has staged its last file, they are merged with the main thread's
 * without a sort or a table of all the paths.
 */
export interface StagedFiles {
  readonly paths: string;
  readonly changed: Uint8Array;
  readonly stats: Float64Array;
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
      // Sorted without a comparator (code units, as compareStrings): a third of the time of one.
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

/** Files sorted by path, whether each changed, and their stats (as in OutputFiles). */
interface SortedFiles extends OutputFiles {
  readonly changed: Uint8Array;
}

/** Sorted files as a worker sends them (see StagedFiles). */
export function stagedFiles(files: SortedFiles): StagedFiles {
  return { paths: files.paths.join('\0'), changed: files.changed, stats: files.stats };
}

/** The sorted files that a worker sent. */
function sortedFiles(files: StagedFiles): SortedFiles {
  const paths = files.changed.length === 0 ? [] : files.paths.split('\0');
  return { paths, changed: files.changed, stats: files.stats };
}

/**
 * Two lists of sorted files as one; a path in both is a toolkit bug (two emitters, or two threads,
 * writing one file).
 */
function mergeSorted(a: SortedFiles, b: SortedFiles): SortedFiles {
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

/**
 * Stages files into `target.staging` (files whose bytes the output folder already holds are skipped). A
 * failed write throws a ToolError; the staging folder is left for the session to remove.
 */
export function createStager(target: StageTarget, fs: WriteFs = defaultFs) {
  const made = new Set<string>();
  const ensureDir = (dir: string) => {
    if (made.has(dir)) return undefined;
    made.add(dir);
    return fs.mkdirSync(dir, { recursive: true });
  };
  const newFolder = join(target.staging, 'new');
  return {
    ensureDir,
    stage(path: string, contents: Rendered): Staged {
      // Encoded into one reused buffer (see writeWithStat), not a Buffer per file (a 10k catalog's 500 MB of
      // Buffers made V8 collect more often). A new file is not hashed: the no-op fast path records sizes
      // and times (see cache.ts).
      let rendered = contents;
      if (target.existing.has(path)) {
        // Compared, then maybe written: pieces made as they are taken are made once and held for both.
        if (madeOnTake(rendered)) rendered = [...rendered];
        if (hasBytes(join(target.outDir, path), rendered)) return { changed: false };
      }
      // Output paths are relative and '/'-separated (the emitters make them so): joined as text, without
      // path.join's normalization (a scan of the whole path for each of a large catalog's 80,000 files).
      const temp = `${newFolder}/${path}`;
      let written: unknown;
      try {
        ensureDir(temp.slice(0, temp.lastIndexOf('/')));
        written = fs.writeFileSync(temp, rendered);
      } catch (error) {
        if (error instanceof EmitterError) throw error;
        throw new ToolError(
          `cannot write ${join(target.outDir, path)}: ${errorReason(error)}; ${target.outDir} is unchanged`,
          2,
        );
      }
      const stat = typeof written === 'object' && written !== null && 'ino' in written ? written : undefined;
      return stat ? { changed: true, stat: stat as FileStat } : { changed: true };
    },
  };
}

/** A write session of the output folder (see openOutput). */
export type OutputSession = ReturnType<typeof openOutput>;

/** A write of the output folder, fed one file at a time; nothing changes in the folder before `commit`. */
export function openOutput(outDir: string, fs: WriteFs = defaultFs) {
  removeStaleStaging(outDir);
  const staging = `${dirname(outDir)}/.${basename(outDir)}.ecs-events-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const existing = new Set(listFiles(outDir));
  const target: StageTarget = { outDir, staging, existing };
  const stager = createStager(target, fs);
  // This thread's files, checked for a path written twice as they come; other threads' come sorted, as
  // StagedFiles, and the lists are merged at the commit.
  const own = stagedColumns();
  let ownSorted: SortedFiles | undefined;
  const others: StagedFiles[] = [];
  const fail = (what: string, path: string, error: unknown): never => {
    removeTree(staging);
    throw new ToolError(`cannot ${what} ${path}: ${errorReason(error)}; ${outDir} is unchanged`, 2);
  };
  return {
    /** Where this session stages files, for a worker that stages some of them (see `record`). */
    target,
    /** Stages one file (unless the folder already holds these bytes). */
    add(path: string, contents: Rendered): void {
      if (ownSorted) throw new Error(`${path} added after the last file`);
      let staged: Staged;
      try {
        staged = stager.stage(path, contents);
      } catch (error) {
        removeTree(staging);
        throw error;
      }
      own.add(path, staged);
    },
    /** Counts the files that another thread staged into `target`. */
    record(files: StagedFiles): void {
      others.push(files);
    },
    /**
     * Sorts this thread's files, once it has added the last (while another thread may still be staging
     * its own): commit does otherwise.
     */
    finish(): void {
      ownSorted ??= own.sorted();
    },
    /** Forgets everything staged. */
    abort(): void {
      removeTree(staging);
    },
    /** Moves the staged files into place, and the files no output produces out of it. */
    commit(): WriteResult {
      let merged: SortedFiles;
      try {
        ownSorted ??= own.sorted();
        merged = others.reduce((all, files) => mergeSorted(all, sortedFiles(files)), ownSorted);
      } catch (error) {
        removeTree(staging);
        throw error;
      }
      const changed = merged.paths.filter((_, i) => (merged as SortedFiles).changed[i] === 1);
      const produced = existing.size > 0 ? new Set(merged.paths) : undefined;
      const orphans = produced ? [...existing].filter((p) => !produced.has(p)) : [];
      const result = {
        written: changed.length,
        removed: orphans.length,
        unchanged: merged.paths.length - changed.length,
        files: { paths: merged.paths, stats: merged.stats },
      };
      if (changed.length === 0 && orphans.length === 0) {
        removeTree(staging);
        return result;
      }
      swapIn({
        fs,
        outDir,
        staging,
        changed,
        orphans,
        existing,
        replaceAll: existing.size === 0,
        ensureDir: stager.ensureDir,
        fail,
      });
      removeTree(staging);
      return result;
    },
  };
}

interface Swap {
  readonly fs: WriteFs;
  readonly outDir: string;
  readonly staging: string;
  readonly changed: readonly string[];
  readonly orphans: readonly string[];
  readonly existing: ReadonlySet<string>;
  readonly replaceAll: boolean;
  readonly ensureDir: (dir: string) => unknown;
  readonly fail: (what: string, path: string, error: unknown) => never;
}

/** The renames of a commit, undone in reverse order when one fails. */
function swapIn(s: Swap): void {
  const { fs, outDir, staging } = s;
  // A folder that holds nothing yet is replaced by the staged folder in one rename.
  if (s.replaceAll) {
    try {
      if (nodeFs.existsSync(outDir)) fs.rmdirSync(outDir);
      fs.mkdirSync(dirname(outDir), { recursive: true });
      fs.renameSync(join(staging, 'new'), outDir);
      return;
    } catch (error) {
      s.fail('create', outDir, error);
    }
  }
  const undo: (() => void)[] = [];
  const created: string[] = [];
  const step = (what: string, path: string, action: () => void, reverse: () => void) => {
    try {
      action();
      undo.push(reverse);
    } catch (error) {
      for (const back of undo.reverse()) ignoreErrors(back);
      for (const dir of created.reverse()) removeEmptyTree(fs, dir);
      s.fail(what, path, error);
    }
  };
  const aside = (path: string) => join(staging, 'old', path);
  const nothing = () => {};
  for (const path of [...s.orphans, ...s.changed.filter((p) => s.existing.has(p))]) {
    const target = join(outDir, path);
    step('move aside', target, () => s.ensureDir(dirname(aside(path))), nothing);
    step(
      'move aside',
      target,
      () => fs.renameSync(target, aside(path)),
      () => fs.renameSync(aside(path), target),
    );
  }
  for (const path of s.changed) {
    const target = join(outDir, path);
    const makeDir = () => {
      const first = s.ensureDir(dirname(target));
      if (typeof first === 'string') created.push(first);
    };
    step('replace', target, makeDir, nothing);
    step(
      'replace',
      target,
      () => fs.renameSync(join(staging, 'new', path), target),
      () => fs.unlinkSync(target),
    );
  }
  for (const orphan of s.orphans) removeEmptyParents(fs, outDir, join(outDir, orphan));
}

/** Removes staging folders left beside `outDir` by runs that died (their process no longer exists). */
function removeStaleStaging(outDir: string): void {
  const prefix = `.${basename(outDir)}.ecs-events-`;
  let entries: string[] = [];
  try {
    entries = nodeFs.readdirSync(dirname(outDir));
  } catch {
    return;
  }
  for (const name of entries) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length).split('-')[0]);
    if (pid === process.pid || isAlive(pid)) continue;
    removeTree(join(dirname(outDir), name));
  }
}

function removeTree(dir: string): void {
  ignoreErrors(() => nodeFs.rmSync(dir, { recursive: true, force: true }));
}

function removeEmptyParents(fs: WriteFs, root: string, file: string): void {
  let dir = dirname(file);
  while (dir !== root && dir.startsWith(root)) {
    try {
      fs.rmdirSync(dir);
    } catch {
      return;
    }
    dir = dirname(dir);
  }
}

/** Removes `dir` and its sub-folders if they hold no file (folders created by a failed run). */
function removeEmptyTree(fs: WriteFs, dir: string): void {
  let entries: nodeFs.Dirent[] = [];
  try {
    entries = nodeFs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) if (entry.isDirectory()) removeEmptyTree(fs, join(dir, entry.name));
  ignoreErrors(() => fs.rmdirSync(dir));
}

function ignoreErrors(action: () => void): void {
  try {
    action();
  } catch {
    // Best effort: the error that started the rollback is the one reported.
  }
}
