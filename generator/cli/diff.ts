/**
 * `ecs-events diff <old> <new>`: what changed between two catalogs for the people who receive the events,
 * with the semver level it calls for. Exit 0 (whatever changed), 1 when a side's spec is broken or, with
 * --check-version, when the new version understates the change, 2 on a usage or I/O error.
 */

import { largest } from '../diff/change.js';
import { compareCatalogs } from '../diff/compare.js';
import { type DiffResult, renderJson, renderMarkdown, renderText } from '../diff/render.js';
import { loadSide, type Side } from '../diff/sides.js';
import { checkVersion } from '../diff/version.js';
import { ToolError } from '../support/diagnostics.js';
import type { Io } from './io.js';
import type { Options } from './options.js';
import { plural, printDiagnostics } from './print.js';

const FORMATS = ['text', 'markdown', 'json'] as const;

/** Runs the command; resolves with the exit code. */
export async function runDiff(args: readonly string[], options: Options, io: Io): Promise<number> {
  if (args.length !== 2)
    throw new ToolError(`diff takes two catalogs, <old> and <new>; got ${args.length}`, 2);
  const format = options.json ? 'json' : (options.format ?? 'text');
  if (!(FORMATS as readonly string[]).includes(format))
    throw new ToolError(`--format must be one of ${FORMATS.join(', ')}; got "${format}"`, 2);
  let sides: Side[];
  try {
    sides = [
      await loadSide(io.cwd, args[0] as string, options.spec),
      await loadSide(io.cwd, args[1] as string, options.spec),
    ];
  } catch (error) {
    // A missing folder or revision is one line, not a usage lesson.
    if (!(error instanceof ToolError)) throw error;
    io.err(`ecs-events: ${error.message}`);
    return error.exitCode;
  }
  const broken = sides.filter((side) => !side.catalog);
  for (const side of broken) {
    printDiagnostics(io, side.diagnostics, side.sources, { brief: options.brief === true });
    io.err(`${plural(side.diagnostics.length, 'error')} in ${side.shown}; nothing was compared.`);
  }
  const [before, after] = sides.map((side) => side.catalog);
  if (!before || !after) return 1;
  const changes = compareCatalogs(before, after);
  const found: DiffResult = {
    from: { version: before.version },
    to: { version: after.version },
    semver: largest(changes),
    changes,
    notifications: after.events.filter((e) => before.events.some((o) => o.name === e.name)).length,
  };
  const understated = checkVersion(before.version, after.version, found.semver);
  const enough =
    found.semver === 'none' ? undefined : `version ${after.version} says at least ${found.semver}`;
  const verdict = understated ?? enough;
  io.out(
    format === 'json'
      ? renderJson(found)
      : format === 'markdown'
        ? renderMarkdown(found).trimEnd()
        : renderText(found, verdict),
  );
  if (options['check-version'] && understated) {
    io.err(`ecs-events: the new version understates the change: ${understated}.`);
    return 1;
  }
  return 0;
}
