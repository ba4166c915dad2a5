/**
 * `--check`: what the catalog produces compared with the output folder, file by file, reported as the
 * files that are stale (other bytes), missing, or orphaned (no output produces them). Nothing is written.
 */
import { join } from 'node:path';
import { compareStrings } from '../support/diagnostics.js';
import { listFiles } from '../support/fs.js';
import type { Rendered } from '../support/pieces.js';
import { hasBytes } from './file-bytes.js';

export interface Drift {
  readonly stale: readonly string[];
  readonly missing: readonly string[];
  readonly orphaned: readonly string[];
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
