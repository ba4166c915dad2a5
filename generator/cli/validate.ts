/**
 * `ecs-events validate`: builds the catalog's validator and checks every input, streaming.
 */

import { closeSync, openSync, readSync } from 'node:fs';
import { resolve } from 'node:path';
import { cachedDerived, specDigest } from '../cache/index.js';
import {
  checkLine,
  type EventReport,
  formatReport,
  type Input,
  resolveInputs,
  type Status,
  startsWithJsonLine,
  validateInput,
} from '../events/inputs.js';
import { validateSplit, worthSplitting } from '../events/split.js';
import { errorReason, formatDiagnostic, ToolError } from '../support/diagnostics.js';
import { displayPath, type Io, type Options } from './io.js';

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
  const specDir = resolve(io.cwd, options.spec ?? 'spec');
  const inputs = await resolveInputs(args, io.cwd, io.stdin ?? process.stdin);
  // Built from the bytes that the cache key covers (see ReadFiles).
  const read = new Map<string, Buffer>();
  const digest = specDigest(specDir, read);
  const data = await cachedDerived(
    specDir,
    'runtime-data',
    async () => {
      const { buildCatalog } = await import('../index.js');
      const built = await buildCatalog(
        specDir,
        displayPath(io.cwd, specDir),
        digest === undefined ? {} : { read },
      );
      if (!built.catalog) {
        for (const d of built.diagnostics) io.err(formatDiagnostic(d));
        throw new ToolError(`the spec in ${displayPath(io.cwd, specDir)} has errors; fix them first`, 2);
      }
      const { runtimeData } = await import('../emit/runtime.js');
      return runtimeData(built.catalog);
    },
    { digest },
  );
  read.clear();
  const { createValidator } = await import('../events/engine.js');
  const engine = createValidator(data as Parameters<typeof createValidator>[0]);
  const checker = { discriminator: engine.discriminator, check: engine.check };
  const counts: Record<Status, number> = { valid: 0, invalid: 0, unknown: 0, malformed: 0, empty: 0 };
  // Reports are written in batches: one write per event would cost more than validating it.
  let batch: string[] = [];
  let batched = 0;
  const flush = () => {
    if (batch.length > 0) io.out(batch.join('\n'));
    batch = [];
    batched = 0;
  };
  const report = (r: EventReport) => {
    counts[r.status]++;
    const line = options.json ? JSON.stringify(r) : formatReport(r);
    batch.push(line);
    batched += line.length;
    if (batched > 65536) flush();
  };
  // Between chunks of input, the reading waits for the output to take what it was given.
  const ready = () => io.drain?.();
  const strict = options.strict === true;
  // A large NDJSON file is checked by two threads, its reports printed in the same order (validate-split.ts).
  const split = async (input: Input): Promise<boolean> => {
    if (!input.file || !worthSplitting(input.file.size) || !startsWithJsonLine(head(input.file.path)))
      return false;
    await validateSplit(
      {
        path: input.file.path,
        size: input.file.size,
        label: input.label,
        data,
        strict,
        json: options.json === true,
      },
      (label, line, text, emit) => checkLine(label, line, text, checker, strict, emit),
      (text, blockCounts) => {
        for (const status of Object.keys(counts) as Status[]) counts[status] += blockCounts[status];
        if (text === '') return;
        batch.push(text);
        batched += text.length;
        if (batched > 65536) flush();
      },
      ready,
    );
    return true;
  };
  for (const input of inputs) {
    try {
      if (!(await split(input))) await validateInput(input, checker, strict, report, ready);
    } catch (error) {
      flush();
      throw new ToolError(`cannot read ${input.label}: ${errorReason(error)}`, 2);
    }
  }
  flush();
  const total = counts.valid + counts.invalid + counts.unknown + counts.malformed;
  const summary = `${total} event${total === 1 ? '' : 's'}: ${counts.valid} valid, ${counts.invalid} invalid, ${counts.unknown} unknown name, ${counts.malformed} malformed${counts.empty ? `, ${counts.empty} empty input` : ''}.`;
  if (options.json) io.out(JSON.stringify({ summary: { total, ...counts } }));
  else io.out(summary);
  return total > 0 && counts.valid === total && counts.empty === 0 ? 0 : 1;
}
