/**
 * `ecs-events validate`: builds the catalog's validator and checks every input, streaming.
 */

import { closeSync, openSync, readSync } from 'node:fs';
import { resolve } from 'node:path';
import { cachedDerived, specDigest } from '../cache/index.js';
import type { CheckerData } from '../events/checker.js';
import {
  type Checking,
  checkingWith,
  checkLine,
  type Input,
  resolveInputs,
  startsWithJsonLine,
  validateInput,
} from '../events/inputs.js';
import { checkOptionsOf } from '../events/options.js';
import { type Counts, createOutput } from '../events/reports.js';
import { validateSplit, worthSplitting } from '../events/split.js';
import { errorReason, ToolError, UNREADABLE_SPEC } from '../support/diagnostics.js';
import { displayPath, type Io } from './io.js';
import type { Options } from './options.js';
import { printDiagnostics } from './print.js';

/** The first MiB of a file, as text (to tell NDJSON from one JSON document). */
function head(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const bytes = Buffer.allocUnsafe(2 ** 20);
    const n = readSync(fd, bytes, 0, bytes.length, 0);
    return bytes.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** Runs the command; resolves with the exit code. */
export async function runValidate(args: readonly string[], options: Options, io: Io): Promise<number> {
  if (args.length === 0) throw new ToolError('validate needs at least one file, glob or - (stdin)', 2);
  const specDir = resolve(io.cwd, options.spec);
  const inputs = await resolveInputs(args, io.cwd, io.stdin ?? process.stdin);
  const cached = (await runtimeDataOf(specDir, options, io)) as CheckerData;
  const data: CheckerData = options.form === undefined ? cached : { ...cached, only: [options.form] };
  const { createChecker } = await import('../events/checker.js');
  let checker: ReturnType<typeof createChecker>;
  try {
    checker = createChecker(data);
  } catch (error) {
    throw new ToolError(`--form: ${errorReason(error)}`, 2);
  }
  const checking = checkingWith(checker, checkOptionsOf(options));
  const output = createOutput((text) => io.out(text), options.json === true);
  // Between chunks of input, the reading waits for the output to take what it was given.
  const ready = () => io.drain?.();
  for (const input of inputs) {
    try {
      const split = splittable(input);
      if (split)
        await validateInTwo(
          split,
          input.label,
          { data, options: checking.options, json: options.json === true },
          checking,
          output,
          ready,
        );
      else await validateInput(input, checking, output.report, ready);
    } catch (error) {
      output.flush();
      throw new ToolError(`cannot read ${input.label}: ${errorReason(error)}`, 2);
    }
  }
  output.flush();
  const { text, code } = output.summary();
  io.out(text);
  return code;
}

/** What the validator needs of the catalog, cached under the digest of the spec's inputs. */
async function runtimeDataOf(specDir: string, options: Options, io: Io): Promise<unknown> {
  // Built from the bytes that the cache key covers (see ReadFiles).
  const read = new Map<string, Buffer>();
  const digest = specDigest(specDir, read);
  const shown = displayPath(io.cwd, specDir);
  const data = await cachedDerived(
    specDir,
    'runtime-data-forms',
    async () => {
      const { buildCatalog } = await import('../index.js');
      const built = await buildCatalog(specDir, shown, digest === undefined ? {} : { read });
      if (!built.catalog) {
        // A folder that is not there (or holds no spec) is said as such, not as a broken spec.
        const unreadable = built.diagnostics.find((d) => UNREADABLE_SPEC.has(d.code));
        if (unreadable)
          throw new ToolError(`${unreadable.message} (validate checks events against --spec)`, 2);
        printDiagnostics(io, built.diagnostics, built.sources, { brief: options.brief === true });
        throw new ToolError(`the spec in ${shown} has errors; fix them first`, 2);
      }
      const { runtimeData } = await import('../events/data.js');
      const { formsData } = await import('../events/forms-data.js');
      return { engine: runtimeData(built.catalog), forms: formsData(built.catalog) } satisfies CheckerData;
    },
    { digest },
  );
  read.clear();
  return data;
}

type Output = ReturnType<typeof createOutput>;

/** A large NDJSON file, which two threads check (events/split.ts); undefined for any other input. */
function splittable(input: Input): { path: string; size: number } | undefined {
  const file = input.file;
  if (!file || !worthSplitting(file.size) || !startsWithJsonLine(head(file.path))) return undefined;
  return { path: file.path, size: file.size };
}

async function validateInTwo(
  file: { path: string; size: number },
  label: string,
  settings: { data: unknown; options: object; json: boolean },
  checking: Checking,
  output: Output,
  ready: () => Promise<void> | undefined,
): Promise<void> {
  await validateSplit(
    { ...file, label, ...settings },
    (label, line, text, emit) => checkLine(label, line, text, checking, emit),
    (text, blockCounts: Counts) => output.block(text, blockCounts),
    ready,
  );
}
