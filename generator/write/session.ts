/**
 * Stage 5, write, one file at a time as the emitters produce them, so that memory does not grow with the
 * output. Writing touches only files whose bytes change, and a failure at any point (or a run killed
 * midway) leaves the output folder as it was: new contents go to a staging folder beside it (stage.ts), and
 * only when every file is there are they renamed into place, the files they replace moved aside (swap-in.ts,
 * renames that fail are undone).
 */
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { MARKER_FILE } from '../emit/shared/marker.js';
import { ToolError } from '../support/diagnostics.js';
import { listFiles, removeTree } from '../support/fs.js';
import type { Rendered } from '../support/pieces.js';
import { defaultFs, type WriteFs } from './file-bytes.js';
import { isAlive } from './lock.js';
import { createStager, type StageTarget } from './stage.js';
import {
  mergeSorted,
  type OutputFiles,
  type SortedFiles,
  type StagedFiles,
  sortedFiles,
  stagedColumns,
} from './staged-files.js';
import { swapIn } from './swap-in.js';

export interface WriteResult {
  readonly written: number;
  readonly removed: number;
  readonly unchanged: number;
  /** Every file of the output folder after the commit: those the outputs produced (orphans are removed). */
  readonly files: OutputFiles;
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

/** A write session of the output folder (see openOutput). */
export type OutputSession = ReturnType<typeof openOutput>;

/** A write of the output folder, fed one file at a time; nothing changes in the folder before `commit`. */
export function openOutput(outDir: string, fs: WriteFs = defaultFs) {
  const target = openTarget(outDir);
  const stager = createStager(target, fs);
  // This thread's files, checked for a path written twice as they come; other threads' come sorted, as
  // StagedFiles, and the lists are merged at the commit.
  const own = stagedColumns();
  let ownSorted: SortedFiles | undefined;
  const others: StagedFiles[] = [];
  return {
    /** Where this session stages files, for a worker that stages some of them (see `record`). */
    target,
    /** Stages one file (unless the folder already holds these bytes). */
    add(path: string, contents: Rendered): void {
      if (ownSorted) throw new Error(`${path} added after the last file`);
      own.add(
        path,
        cleaningUpOnError(target, () => stager.stage(path, contents)),
      );
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
      removeTree(target.staging);
    },
    /** Moves the staged files into place, and the files no output produces out of it. */
    commit(): WriteResult {
      const merged = cleaningUpOnError(target, () => {
        ownSorted ??= own.sorted();
        return others.reduce((all, files) => mergeSorted(all, sortedFiles(files)), ownSorted);
      });
      return commitStaged({ fs, target, ensureDir: stager.ensureDir }, merged);
    },
  };
}

/** A session's target: a fresh staging folder beside `outDir` (stale ones removed), and the files there. */
function openTarget(outDir: string): StageTarget {
  removeStaleStaging(outDir);
  const staging = `${dirname(outDir)}/.${basename(outDir)}.ecs-events-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  return { outDir, staging, existing: new Set(listFiles(outDir)) };
}

/** Runs `work`; if it throws, the staging folder is removed first. */
function cleaningUpOnError<T>(target: StageTarget, work: () => T): T {
  try {
    return work();
  } catch (error) {
    removeTree(target.staging);
    throw error;
  }
}

/** Swaps the changed files in and the orphans out (unless there are none), then removes the staging folder. */
function commitStaged(
  s: { fs: WriteFs; target: StageTarget; ensureDir: (dir: string) => unknown },
  merged: SortedFiles,
): WriteResult {
  const { existing } = s.target;
  const changed = merged.paths.filter((_, i) => merged.changed[i] === 1);
  const produced = existing.size > 0 ? new Set(merged.paths) : undefined;
  const orphans = produced ? [...existing].filter((p) => !produced.has(p)) : [];
  if (changed.length > 0 || orphans.length > 0) swapIn({ ...s, changed, orphans });
  removeTree(s.target.staging);
  return {
    written: changed.length,
    removed: orphans.length,
    unchanged: merged.paths.length - changed.length,
    files: { paths: merged.paths, stats: merged.stats },
  };
}

/** Removes staging folders left beside `outDir` by runs that died (their process no longer exists). */
function removeStaleStaging(outDir: string): void {
  const prefix = `.${basename(outDir)}.ecs-events-`;
  let entries: string[] = [];
  try {
    entries = readdirSync(dirname(outDir));
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
