#!/usr/bin/env node
/**
 * The `ecs-events` command line. Exit codes: 0 success, 1 the spec is broken or the output has drifted,
 * 2 a usage or I/O error, 3 an internal error (a bug in the toolkit).
 */
import { realpathSync } from 'node:fs';
import { drained, endQuietlyWhenTheReaderLeaves } from '../events/reports.js';
import { ToolError } from '../support/diagnostics.js';
import { toolkitVersion } from '../support/toolkit.js';
import type { Io } from './io.js';
import { type Options, parseCommandLine, usage } from './options.js';
import { wantsColor } from './print.js';

export type { Io };

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  let options: Options | undefined;
  try {
    const parsed = parseCommandLine(argv);
    options = parsed.options;
    if (options.version) return print(io, toolkitVersion());
    const [command, ...rest] = parsed.positionals;
    if (options.help || command === 'help') return print(io, usage());
    if (command === undefined) throw new ToolError('no command given', 2);
    // Each command loads what it needs when it runs: a run with nothing to do should load almost nothing.
    if (command === 'validate') return await (await import('./validate.js')).runValidate(rest, options, io);
    if (command === 'diff') return await (await import('./diff.js')).runDiff(rest, options, io);
    if (command === 'site') return await (await import('./site.js')).runSite(rest, options, io);
    if (rest.length > 0) throw new ToolError(`unexpected argument "${rest[0]}"`, 2);
    const { runGenerate } = await import('./generate.js');
    if (command === 'generate') return await runGenerate(options, io, options.check === true);
    if (command === 'check') return await runGenerate(options, io, true);
    throw new ToolError(`unknown command "${command}"`, 2);
  } catch (error) {
    return reportFailure(error, io, options?.debug === true);
  }
}

function print(io: Io, text: string): number {
  io.out(text);
  return 0;
}

function reportFailure(error: unknown, io: Io, debug: boolean): number {
  if (error instanceof ToolError || isArgError(error)) {
    const code = error instanceof ToolError ? error.exitCode : 2;
    io.err(`ecs-events: ${(error as Error).message}`);
    if (code === 2) io.err('Run "ecs-events --help" for usage.');
    return code;
  }
  io.err(`ecs-events: internal error: ${error instanceof Error ? error.message : String(error)}`);
  if (debug && error instanceof Error && error.stack) io.err(error.stack);
  else io.err('Run again with --debug for the stack trace, and report it as a bug.');
  return 3;
}

function isArgError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(new URL(import.meta.url).pathname);
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  endQuietlyWhenTheReaderLeaves(process.stdout);
  const io: Io = {
    cwd: process.cwd(),
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    drain: () => (process.stdout.writableNeedDrain ? drained(process.stdout) : undefined),
    color: wantsColor(process.stderr, process.env),
  };
  main(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
