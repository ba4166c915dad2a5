/**
 * One writer at a time per output folder. Two runs started together (an editor's watcher and a manual
 * run, say) would otherwise interleave their renames; with the lock the second waits, then finds the
 * folder already right. The lock is a file beside the output folder, created exclusively, holding the
 * owner's pid so that a lock left by a dead process is taken over.
 */
import { linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { ToolError } from '../support/diagnostics.js';

const WAIT_MS = 50;

/** Whether process `pid` exists (EPERM: it exists but belongs to someone else). */
export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function ownerAlive(path: string): boolean {
  try {
    return isAlive(Number(readFileSync(path, 'utf8')));
  } catch {
    return false;
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Runs `work` while holding the lock of `outDir`; waits up to `timeoutMs` for another holder. */
export async function withLock<T>(
  outDir: string,
  work: () => T | Promise<T>,
  timeoutMs = 60_000,
): Promise<T> {
  const path = `${outDir.replace(/[\\/]+$/, '')}.ecs-events.lock`;
  const started = Date.now();
  for (;;) {
    // The lock appears with its pid already inside (written to a private file, then hard-linked into
    // place, which fails if the lock exists): nobody ever sees an empty lock and takes it for stale.
    const mine = `${path}.${process.pid}`;
    try {
      writeFileSync(mine, String(process.pid));
      linkSync(mine, path);
      rmSync(mine, { force: true });
      break;
    } catch (error) {
      rmSync(mine, { force: true });
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw new ToolError(`cannot lock ${outDir}: ${code ?? String(error)}`, 2);
      if (!ownerAlive(path)) {
        rmSync(path, { force: true });
        continue;
      }
      if (Date.now() - started > timeoutMs)
        throw new ToolError(`${outDir} is locked by another run (${path})`, 2);
      sleep(WAIT_MS);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(path, { force: true });
  }
}
