/**
 * The commit: staged files are renamed into the output folder, the files they replace and the orphans
 * moved aside into the staging folder first. A rename that fails undoes those before it, in reverse order,
 * so that the output folder is left as it was.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { errorReason, ToolError } from '../support/diagnostics.js';
import { removeTree } from '../support/fs.js';
import type { WriteFs } from './file-bytes.js';
import type { StageTarget } from './stage.js';

/** What a commit moves, and how. */
interface Swap {
  readonly fs: WriteFs;
  readonly target: StageTarget;
  /** Staged files that are new or differ from the output folder's copy. */
  readonly changed: readonly string[];
  /** Files of the output folder that no output produces. */
  readonly orphans: readonly string[];
  /** Creates a folder (see createStager); returns the first folder it created, if any. */
  readonly ensureDir: (dir: string) => unknown;
}

/**
 * Moves the staged files into place and the orphans out of it. On failure, the staging folder is removed
 * and a ToolError says what failed and that the output folder is unchanged.
 */
export function swapIn(s: Swap): void {
  // A folder that holds nothing yet is replaced by the staged folder in one rename.
  if (s.target.existing.size === 0) {
    replaceWhole(s);
    return;
  }
  const log = undoLog(s);
  moveAside(s, log);
  moveIntoPlace(s, log);
  const { outDir } = s.target;
  for (const orphan of s.orphans) removeEmptyParents(s.fs, outDir, join(outDir, orphan));
}

/** Removes the staging folder and reports a failed commit step. */
function failCommit(s: Swap, what: string, path: string, error: unknown): never {
  removeTree(s.target.staging);
  throw new ToolError(`cannot ${what} ${path}: ${errorReason(error)}; ${s.target.outDir} is unchanged`, 2);
}

function replaceWhole(s: Swap): void {
  const { fs, target } = s;
  const { outDir, staging } = target;
  try {
    if (existsSync(outDir)) fs.rmdirSync(outDir);
    fs.mkdirSync(dirname(outDir), { recursive: true });
    fs.renameSync(join(staging, 'new'), outDir);
  } catch (error) {
    failCommit(s, 'create', outDir, error);
  }
}

type UndoLog = ReturnType<typeof undoLog>;

/**
 * The steps a commit has taken: `step` runs an action and keeps its reverse; when one fails, every reverse
 * runs (last first), the folders created on the way are removed, and the commit fails.
 */
function undoLog(s: Swap) {
  const undo: (() => void)[] = [];
  /** Each folder chain the commit created: its first folder, and the file it was made for. */
  const created: { readonly first: string; readonly file: string }[] = [];
  const nothing = () => {};
  return {
    /** Keeps the first folder that `ensureDir` created for `file`, if any, to remove if the commit fails. */
    created(first: unknown, file: string): void {
      if (typeof first === 'string') created.push({ first, file });
    },
    step(what: string, path: string, action: () => void, reverse: () => void = nothing): void {
      try {
        action();
        undo.push(reverse);
      } catch (error) {
        for (const back of undo.reverse()) ignoreErrors(back);
        // Last first: a folder created inside another chain's folders goes before them. Every created
        // folder lies on some chain, since ensureDir reports the first one it makes.
        for (const { first, file } of created.reverse()) removeEmptyParents(s.fs, dirname(first), file);
        failCommit(s, what, path, error);
      }
    },
  };
}

/** The orphans and the files that the staged ones replace, moved under the staging folder's `old/`. */
function moveAside(s: Swap, log: UndoLog): void {
  const { outDir, staging, existing } = s.target;
  const aside = (path: string) => join(staging, 'old', path);
  for (const path of [...s.orphans, ...s.changed.filter((p) => existing.has(p))]) {
    const target = join(outDir, path);
    log.step('move aside', target, () => s.ensureDir(dirname(aside(path))));
    log.step(
      'move aside',
      target,
      () => s.fs.renameSync(target, aside(path)),
      () => s.fs.renameSync(aside(path), target),
    );
  }
}

/** Each staged file renamed from the staging folder's `new/` to its place. */
function moveIntoPlace(s: Swap, log: UndoLog): void {
  const { outDir, staging } = s.target;
  for (const path of s.changed) {
    const target = join(outDir, path);
    log.step('replace', target, () => log.created(s.ensureDir(dirname(target)), target));
    log.step(
      'replace',
      target,
      () => s.fs.renameSync(join(staging, 'new', path), target),
      () => s.fs.unlinkSync(target),
    );
  }
}

/** Removes the folders from `file`'s up to (not including) `root` while they are empty. */
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

function ignoreErrors(action: () => void): void {
  try {
    action();
  } catch {
    // Best effort: the error that started the rollback is the one reported.
  }
}
