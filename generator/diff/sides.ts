/**
 * The two sides of a diff, each a spec folder or `git:<rev>[:<path>]`, each through the ordinary chain
 * (load → validate → model → check examples) without a cache, so that a broken side is reported exactly as
 * `generate` would report it.
 */
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildCatalog, type CatalogResult } from '../index.js';
import { ToolError, UNREADABLE_SPEC } from '../support/diagnostics.js';
import { checkoutSpec, parseGitSide } from './git.js';

export interface Side extends CatalogResult {
  /** How the side is shown: the folder as typed, or `<rev>:<path>`. */
  readonly shown: string;
}

/**
 * Loads one side, relative to `cwd`; `specDefault` is the folder a bare `git:<rev>` reads. A folder that
 * is missing or holds no spec file, and a revision or path git does not have, are usage errors (ToolError,
 * exit 2).
 */
export async function loadSide(cwd: string, side: string, specDefault: string): Promise<Side> {
  const fromGit = parseGitSide(side, specDefault);
  if (!fromGit) return checked(side, await buildCatalog(resolve(cwd, side), side));
  const shown = `${fromGit.rev}:${fromGit.path}`;
  const dir = checkoutSpec(cwd, fromGit.rev, fromGit.path);
  try {
    return checked(shown, await buildCatalog(dir, shown));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function checked(shown: string, result: CatalogResult): Side {
  const unreadable = result.diagnostics.find((d) => UNREADABLE_SPEC.has(d.code));
  if (unreadable) {
    const where = unreadable.code === 'io-error' ? `${unreadable.file}: ` : '';
    throw new ToolError(`${where}${unreadable.message}`, 2);
  }
  return { ...result, shown };
}
