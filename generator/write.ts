/**
 * Stage 5, write or check. Everything is rendered in memory first; writing then touches only files whose
 * bytes change, and does it so that a failure at any point leaves the output folder as it was: new
 * contents go to temporary files first, and only when all of them are written are they renamed into place
 * (renames that fail are rolled back).
 */
import * as nodeFs from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { compareStrings, errorReason, ToolError } from './diagnostics.js';

/** The file that marks a folder as written by this tool; a folder without it is never cleaned. */
export const MARKER_FILE = '.generated';

/** File-system operations used by the write stage; tests replace them to inject faults. */
export interface WriteFs {
  writeFileSync(path: string, data: string): void;
  renameSync(from: string, to: string): void;
  unlinkSync(path: string): void;
  mkdirSync(path: string, options: { recursive: true }): unknown;
  rmdirSync(path: string): void;
}

export interface Plan {
  /** Files to create or overwrite, with their new contents. */
  readonly writes: readonly {
    readonly path: string;
    readonly contents: string;
    readonly previous?: string;
  }[];
  /** Files under the output folder that the spec no longer produces. */
  readonly orphans: readonly string[];
  readonly unchanged: readonly string[];
}

export interface Drift {
  readonly stale: readonly string[];
  readonly missing: readonly string[];
  readonly orphaned: readonly string[];
}

/** Lists every file under `dir` (relative, forward slashes, sorted); an absent folder has none. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (current: string): void => {
    let entries: nodeFs.Dirent[];
    try {
      entries = nodeFs.readdirSync(current, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw new ToolError(`cannot read ${current}: ${errorReason(error)}`, 2);
    }
    for (const entry of entries) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort(compareStrings);
}

function readIfExists(path: string): string | undefined {
  try {
    return nodeFs.readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ToolError(`cannot read ${path}: ${errorReason(error)}`, 2);
  }
}

/** Compares the rendered files with the folder: what to write, what to remove, what is already right. */
export function planOutput(outDir: string, files: ReadonlyMap<string, string>): Plan {
  const existing = listFiles(outDir);
  const writes: { path: string; contents: string; previous?: string }[] = [];
  const unchanged: string[] = [];
  for (const [path, contents] of [...files].sort(([a], [b]) => compareStrings(a, b))) {
    const previous = existing.includes(path) ? readIfExists(join(outDir, path)) : undefined;
    if (previous === contents) unchanged.push(path);
    else writes.push(previous === undefined ? { path, contents } : { path, contents, previous });
  }
  return { writes, orphans: existing.filter((p) => !files.has(p)), unchanged };
}

/** What `--check` reports: files whose bytes differ, files not there, and files the spec does not produce. */
export function findDrift(outDir: string, files: ReadonlyMap<string, string>): Drift {
  const plan = planOutput(outDir, files);
  return {
    stale: plan.writes.filter((w) => w.previous !== undefined).map((w) => w.path),
    missing: plan.writes.filter((w) => w.previous === undefined).map((w) => w.path),
    orphaned: plan.orphans,
  };
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

/**
 * Applies a plan all-or-nothing; throws a ToolError naming the file and the cause on failure. New contents
 * are first written to a staging folder beside the output folder (never inside it: a run killed while
 * writing, out of memory say, leaves the output folder as it was), then renamed into place.
 */
export function applyPlan(outDir: string, plan: Plan, fs: WriteFs = nodeFs): void {
  removeStaleStaging(outDir);
  const staging = `${dirname(outDir)}/.${basename(outDir)}.ecs-events-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const parked: { parked: string; target: string }[] = [];
  const done: { target: string; previous?: string }[] = [];
  const created: string[] = [];
  const fail = (what: string, path: string, error: unknown): never => {
    rollback(fs, parked, done);
    for (const dir of created.reverse()) removeEmptyTree(fs, dir);
    removeTree(staging);
    throw new ToolError(`cannot ${what} ${path}: ${errorReason(error)}; ${outDir} is unchanged`, 2);
  };
  const made = new Set<string>();
  const ensureDir = (dir: string) => {
    if (made.has(dir)) return undefined;
    made.add(dir);
    return fs.mkdirSync(dir, { recursive: true });
  };
  for (const w of plan.writes) {
    const temp = join(staging, w.path);
    try {
      ensureDir(dirname(temp));
      fs.writeFileSync(temp, w.contents);
    } catch (error) {
      fail('write', join(outDir, w.path), error);
    }
  }
  // A folder that holds nothing yet (or does not exist) is replaced by the staging folder in one rename.
  if (plan.orphans.length === 0 && plan.unchanged.length === 0 && isEmptyOrMissing(outDir)) {
    try {
      if (nodeFs.existsSync(outDir)) fs.rmdirSync(outDir);
      fs.mkdirSync(dirname(outDir), { recursive: true });
      fs.renameSync(staging, outDir);
      return;
    } catch (error) {
      fail('create', outDir, error);
    }
  }
  for (const orphan of plan.orphans) {
    const target = join(outDir, orphan);
    const aside = join(staging, '.orphans', orphan);
    try {
      fs.mkdirSync(dirname(aside), { recursive: true });
      fs.renameSync(target, aside);
      parked.push({ parked: aside, target });
    } catch (error) {
      fail('remove', target, error);
    }
  }
  for (const w of plan.writes) {
    const target = join(outDir, w.path);
    try {
      const first = ensureDir(dirname(target));
      if (typeof first === 'string') created.push(first);
      fs.renameSync(join(staging, w.path), target);
      done.push(w.previous === undefined ? { target } : { target, previous: w.previous });
    } catch (error) {
      fail('replace', target, error);
    }
  }
  removeTree(staging);
  for (const orphan of plan.orphans) removeEmptyParents(fs, outDir, join(outDir, orphan));
}

function isEmptyOrMissing(dir: string): boolean {
  try {
    return nodeFs.readdirSync(dir).length === 0;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
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
    ignoreErrors(() => removeTree(join(dirname(outDir), name)));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeTree(dir: string): void {
  ignoreErrors(() => nodeFs.rmSync(dir, { recursive: true, force: true }));
}

function rollback(
  fs: WriteFs,
  parked: readonly { parked: string; target: string }[],
  done: readonly { target: string; previous?: string }[],
): void {
  for (const d of done) {
    ignoreErrors(() =>
      d.previous === undefined ? fs.unlinkSync(d.target) : fs.writeFileSync(d.target, d.previous as string),
    );
  }
  for (const p of parked) ignoreErrors(() => fs.renameSync(p.parked, p.target));
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
