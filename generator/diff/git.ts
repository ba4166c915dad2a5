/**
 * A spec folder as it is at a revision of the repository in the working folder, read from git's object
 * store into a temporary folder (the work tree and the index are not touched): one `git ls-tree` for the
 * file list, one `git cat-file --batch` for every file's bytes.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ToolError } from '../support/diagnostics.js';

/** `git:<rev>` or `git:<rev>:<path>`, split; undefined when `side` is not a git side. */
export function parseGitSide(side: string, defaultPath: string): { rev: string; path: string } | undefined {
  if (!side.startsWith('git:')) return undefined;
  const rest = side.slice('git:'.length);
  const colon = rest.indexOf(':');
  const [rev, path] = colon === -1 ? [rest, defaultPath] : [rest.slice(0, colon), rest.slice(colon + 1)];
  if (rev === '') throw new ToolError(`"${side}": no revision after "git:"`, 2);
  return { rev, path: path === '' ? '.' : path };
}

function git(cwd: string, args: readonly string[], input?: string) {
  const run = spawnSync('git', args, { cwd, input, maxBuffer: 1 << 30 });
  if (run.error) throw new ToolError(`cannot run git: ${run.error.message}`, 2);
  return run;
}

/**
 * Writes the folder `path` (relative to `cwd`, as git reads `<rev>:./<path>`) of revision `rev` into a new
 * temporary folder and returns it. A revision or a folder git does not have is a usage error.
 */
export function checkoutSpec(cwd: string, rev: string, path: string): string {
  const tree = `${rev}:${path.startsWith('/') || path.startsWith('./') ? path : `./${path}`}`;
  const type = git(cwd, ['cat-file', '-t', tree]);
  if (type.status !== 0) {
    const repository = git(cwd, ['rev-parse', '--git-dir']).status === 0;
    const known =
      repository && git(cwd, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]).status === 0;
    const why = !repository
      ? `${cwd} is not in a git repository`
      : known
        ? `revision ${rev} has no folder ${path}`
        : `no revision ${rev} in the git repository`;
    throw new ToolError(`git:${rev}: ${why}`, 2);
  }
  if (type.stdout.toString().trim() !== 'tree')
    throw new ToolError(`git:${rev}: ${path} is not a folder at ${rev}`, 2);
  const listing = git(cwd, ['ls-tree', '-r', '-z', tree]);
  const blobs = listing.stdout
    .toString()
    .split('\0')
    .filter((line) => line !== '')
    .map((line) => {
      const [meta = '', file = ''] = line.split('\t');
      const [mode, kind, id] = meta.split(' ');
      return { mode, kind, id, file };
    })
    // Files only: a symbolic link or a submodule is not part of a spec folder's contents.
    .filter((entry) => entry.kind === 'blob' && entry.mode !== '120000');
  const dir = mkdtempSync(join(tmpdir(), 'ecs-events-diff-'));
  const batch = git(cwd, ['cat-file', '--batch'], blobs.map((b) => `${b.id}\n`).join(''));
  let at = 0;
  for (const blob of blobs) {
    const header = batch.stdout.indexOf(10, at);
    const size = Number(batch.stdout.subarray(at, header).toString().split(' ')[2]);
    const target = join(dir, blob.file);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, batch.stdout.subarray(header + 1, header + 1 + size));
    at = header + 1 + size + 1;
  }
  return dir;
}
