/**
 * Staging: each new or changed file is written into a staging folder beside the output folder, under
 * `new/`, and a file whose bytes the output folder already holds is not written at all. Nothing in the
 * output folder changes here (see swap-in.ts for the commit).
 */
import { join } from 'node:path';
import { errorReason, ToolError } from '../support/diagnostics.js';
import { EmitterError, madeOnTake, type Rendered } from '../support/pieces.js';
import { defaultFs, type FileStat, hasBytes, type WriteFs } from './file-bytes.js';
import type { Staged } from './staged-files.js';

/** Where a write session puts new contents: enough for another thread to stage files of the same session. */
export interface StageTarget {
  readonly outDir: string;
  readonly staging: string;
  /** Files in the output folder when the session opened. */
  readonly existing: ReadonlySet<string>;
}

/**
 * Stages files into `target.staging` (files whose bytes the output folder already holds are skipped). A
 * failed write throws a ToolError; the staging folder is left for the session to remove.
 */
export function createStager(target: StageTarget, fs: WriteFs = defaultFs) {
  const made = new Set<string>();
  /** Creates a folder once per session; returns what mkdirSync does (the first folder it created). */
  const ensureDir = (dir: string) => {
    if (made.has(dir)) return undefined;
    made.add(dir);
    return fs.mkdirSync(dir, { recursive: true });
  };
  const newFolder = join(target.staging, 'new');
  return {
    ensureDir,
    stage(path: string, contents: Rendered): Staged {
      // Encoded into one reused buffer (see writeWithStat), not a Buffer per file (a large catalog's
      // Buffers made V8 collect more often). A new file is not hashed: the no-op fast path records sizes
      // and times (see cache/index.ts).
      let rendered = contents;
      if (target.existing.has(path)) {
        // Compared, then maybe written: pieces made as they are taken are made once and held for both.
        if (madeOnTake(rendered)) rendered = [...rendered];
        if (hasBytes(join(target.outDir, path), rendered)) return { changed: false };
      }
      // Output paths are relative and '/'-separated (the emitters make them so): joined as text, without
      // path.join's normalization (a scan of the whole path for each of a large catalog's many files).
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
