#!/usr/bin/env node
/**
 * The `ecs-events` command line. Exit codes: 0 success, 1 the spec is broken or the output has drifted,
 * 2 a usage or I/O error, 3 an internal error (a bug in the toolkit).
 */
import { realpathSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import { cachedDerived, inputKey, isUpToDate, remember, specDigest } from '../cache/index.js';
import { type DiagnosticCode, formatCodeFrame, formatDiagnostic, ToolError } from '../support/diagnostics.js';
import { toolkitVersion } from '../support/toolkit.js';
import type { Drift } from '../write/check.js';
import { displayPath, type Io, type Options } from './io.js';

export type { Io };

const USAGE = `Usage: ecs-events <command> [options]

Commands:
  generate            Generate every output from the spec into the output folder
  check               Report generated files that are stale, missing or orphaned (same as generate --check)
  validate <input>... Validate event payloads: JSON or NDJSON files, globs, or - for stdin
  site build          Build the docs site of the output folder into --site (default: site)
  site dev            Serve the docs site of the output folder locally, with live reload

Options:
  --spec DIR          Spec folder (default: spec)
  --out DIR           Output folder (default: generated)
  --check             With generate: compare instead of writing; exit 1 on any difference
  --force             Replace the contents of an output folder that ecs-events did not write
  --site DIR          With site build: where to build the site (default: site)
  --port N            With site dev: the port (default: 5173)
  --strict            With validate: reject fields the catalog does not list
  --json              With validate: one JSON object per event (NDJSON) instead of text
  --brief             One line per diagnostic, without the source excerpt
  --watch             With generate: regenerate on every save of the spec or the templates
  --no-cache          Generate or check in full even when the inputs and the output did not change
  --debug             Print stack traces of internal errors
  -h, --help          Show this help
  -v, --version       Show the version`;

const IO_CODES: ReadonlySet<DiagnosticCode> = new Set(['spec-dir-missing', 'no-spec-files', 'io-error']);

const OPTIONS = {
  spec: { type: 'string' },
  out: { type: 'string' },
  check: { type: 'boolean' },
  force: { type: 'boolean' },
  site: { type: 'string' },
  port: { type: 'string' },
  strict: { type: 'boolean' },
  json: { type: 'boolean' },
  'no-cache': { type: 'boolean' },
  watch: { type: 'boolean' },
  brief: { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  let options: Options = {};
  try {
    const parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
    options = parsed.values as Options;
    if (options.version) return print(io, toolkitVersion());
    const [command, ...rest] = parsed.positionals;
    if (options.help || command === 'help') return print(io, USAGE);
    if (command === undefined) throw new ToolError('no command given', 2);
    // Each command loads what it needs when it runs: a run with nothing to do should load almost nothing.
    if (command === 'validate') return await (await import('./validate.js')).runValidate(rest, options, io);
    if (command === 'site') return await (await import('./site.js')).runSite(rest, options, io);
    if (rest.length > 0) throw new ToolError(`unexpected argument "${rest[0]}"`, 2);
    if (command === 'generate') return await runGenerate(options, io, options.check === true);
    if (command === 'check') return await runGenerate(options, io, true);
    throw new ToolError(`unknown command "${command}"`, 2);
  } catch (error) {
    return reportFailure(error, io, options.debug === true);
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

async function runGenerate(options: Options, io: Io, check: boolean): Promise<number> {
  const specDir = resolve(io.cwd, options.spec ?? 'spec');
  const outDir = resolve(io.cwd, options.out ?? 'generated');
  const shown = (p: string) => displayPath(io.cwd, p);
  if (options.watch) {
    if (check) throw new ToolError('--watch cannot be combined with --check', 2);
    const { watchSpec } = await import('./watch.js');
    const shownSpec = shown(specDir);
    const handle = watchSpec(
      {
        specDir,
        outDir,
        shownSpec,
        shownOut: shown(outDir),
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
  // The spec as the digest read it: the model is built from these bytes (see ReadFiles).
  const read = new Map<string, Buffer>();
  const digest = specDigest(specDir, read);
  const key = inputKey(specDir, [], digest);
  if (!options['no-cache'] && isUpToDate(outDir, key)) {
    io.out(check ? `${shown(outDir)} is up to date.` : `${shown(outDir)}: up to date, nothing to write.`);
    return 0;
  }
  const [{ buildCatalog }, { checkCatalog, writeCatalog }] = await Promise.all([
    import('../index.js'),
    import('../write/catalog.js'),
  ]);
  // The validated model is cached under the spec's inputs: regenerating an unchanged spec (into an empty
  // folder, after a template change is reverted…) skips parsing and validating it.
  let failed: Awaited<ReturnType<typeof buildCatalog>> | undefined;
  const build = async () => {
    const built = await buildCatalog(specDir, shown(specDir), digest === undefined ? {} : { read });
    if (!built.catalog) failed = built;
    return built.catalog;
  };
  const catalog = options['no-cache']
    ? await build()
    : await cachedDerived(specDir, `model:${basename(specDir)}`, build, { digest });
  read.clear();
  if (!catalog) {
    const diagnostics = failed?.diagnostics ?? [];
    for (const d of diagnostics) {
      io.err(formatDiagnostic(d));
      const frame = options.brief ? '' : formatCodeFrame(d, failed?.sources.get(d.file));
      if (frame) io.err(frame);
    }
    const count = diagnostics.length;
    io.err(
      `${count} error${count === 1 ? '' : 's'} in ${shown(specDir)}; nothing was ${check ? 'checked' : 'written'}.`,
    );
    // A spec that cannot be read at all is a usage or I/O problem, not a broken spec.
    return diagnostics.some((d) => IO_CODES.has(d.code)) ? 2 : 1;
  }
  if (check) {
    const drift = await checkCatalog(catalog, outDir);
    const code = reportDrift(io, shown(outDir), drift);
    if (code === 0) remember(outDir, key);
    return code;
  }
  const written = await writeCatalog(catalog, outDir, options.force === true);
  remember(outDir, key, written.files);
  const total = written.written + written.unchanged;
  io.out(
    `${shown(outDir)}: ${written.written} written, ${written.removed} removed, ${written.unchanged} unchanged (${total} files).`,
  );
  return 0;
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
    `${outDir} is out of date (${drift.stale.length} stale, ${drift.missing.length} missing, ${drift.orphaned.length} orphaned): run "npm run generate" (ecs-events generate) and commit the result.`,
  );
  return 1;
}

/**
 * A smaller inlining budget for V8's optimizing compiler, set only when this file runs as the command (the
 * flag is process-wide; a program that imports the toolkit keeps its own). The generator's hot functions
 * build large strings from deep call trees, and with V8's default budget each of them is compiled into a
 * large optimized body, often more than once after a deoptimization: on a 10k-name catalog the compiler
 * threads took about 2.5 s of CPU on a 2-core machine. With 100 bytes of cumulative inlining the same run
 * takes ~1.2 s less CPU and ~0.6 s less wall time (`bench/` figures in the issue notes); small catalogs
 * are unaffected.
 */
function limitInlining(): void {
  v8.setFlagsFromString('--max-inlined-bytecode-size-cumulative=100');
}

/** Resolves once `stream` has taken what it buffered, or is closed (a reader that went away, an error). */
function drained(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
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
  limitInlining();
  const io: Io = {
    cwd: process.cwd(),
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    drain: () => (process.stdout.writableNeedDrain ? drained(process.stdout) : undefined),
  };
  main(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
