/**
 * `ecs-events generate` and `check`: runs the chain (generator/index.ts) and says what it did.
 */
import { resolve } from 'node:path';
import { type GenerateOutcome, generate } from '../index.js';
import { ToolError, UNREADABLE_SPEC } from '../support/diagnostics.js';
import type { Drift } from '../write/check.js';
import { displayPath, type Io } from './io.js';
import type { Options } from './options.js';
import { plural, printDiagnostics } from './print.js';

/** Runs the command; resolves with the exit code (never, with --watch: it runs until stopped). */
export async function runGenerate(options: Options, io: Io, check: boolean): Promise<number> {
  const specDir = resolve(io.cwd, options.spec);
  const outDir = resolve(io.cwd, options.out);
  if (options.watch) {
    if (check) throw new ToolError('--watch cannot be combined with --check', 2);
    return watchUntilStopped(specDir, outDir, options, io);
  }
  const outcome = await generate({
    specDir,
    outDir,
    shownSpec: displayPath(io.cwd, specDir),
    check,
    force: options.force === true,
    cache: options['no-cache'] !== true,
  });
  return report(outcome, { io, check, options, specDir, outDir });
}

interface Run {
  readonly io: Io;
  readonly check: boolean;
  readonly options: Options;
  readonly specDir: string;
  readonly outDir: string;
}

function report(outcome: GenerateOutcome, run: Run): number {
  const { io, check } = run;
  const shownOut = displayPath(io.cwd, run.outDir);
  switch (outcome.kind) {
    case 'up-to-date':
      io.out(check ? `${shownOut} is up to date.` : `${shownOut}: up to date, nothing to write.`);
      return 0;
    case 'invalid': {
      printDiagnostics(io, outcome.diagnostics, outcome.sources, { brief: run.options.brief === true });
      const errors = plural(outcome.diagnostics.length, 'error');
      const shownSpec = displayPath(io.cwd, run.specDir);
      io.err(`${errors} in ${shownSpec}; nothing was ${check ? 'checked' : 'written'}.`);
      return outcome.diagnostics.some((d) => UNREADABLE_SPEC.has(d.code)) ? 2 : 1;
    }
    case 'checked':
      return reportDrift(io, shownOut, outcome.drift);
    case 'written': {
      const { written, removed, unchanged } = outcome.result;
      const total = written + unchanged;
      io.out(`${shownOut}: ${written} written, ${removed} removed, ${unchanged} unchanged (${total} files).`);
      return 0;
    }
  }
}

function reportDrift(io: Io, outDir: string, drift: Drift): number {
  const lines = [
    ...drift.stale.map((p) => `stale     ${outDir}/${p}`),
    ...drift.missing.map((p) => `missing   ${outDir}/${p}`),
    ...drift.orphaned.map((p) => `orphaned  ${outDir}/${p}`),
  ];
  if (lines.length === 0) {
    io.out(`${outDir} is up to date.`);
    return 0;
  }
  for (const line of lines) io.err(line);
  io.err(
    `${outDir} is out of date (${drift.stale.length} stale, ${drift.missing.length} missing, ${drift.orphaned.length} orphaned): run "npm run generate" (ecs-events generate) and commit the output.`,
  );
  return 1;
}

async function watchUntilStopped(specDir: string, outDir: string, options: Options, io: Io): Promise<number> {
  const { watchSpec } = await import('./watch.js');
  const handle = watchSpec(
    {
      specDir,
      outDir,
      shownSpec: displayPath(io.cwd, specDir),
      shownOut: displayPath(io.cwd, outDir),
      force: options.force === true,
      brief: options.brief === true,
    },
    io,
  );
  await handle.ready;
  process.once('SIGINT', () => {
    handle.close();
    process.exit(0);
  });
  return await new Promise<number>(() => {});
}
