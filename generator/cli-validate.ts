/**
 * `ecs-events validate`: builds the catalog's validator and checks every input, streaming.
 */

import { resolve } from 'node:path';
import { displayPath, type Io, type Options } from './cli-shared.js';
import { errorReason, formatDiagnostic, ToolError } from './diagnostics.js';
import { buildCatalog } from './pipeline.js';
import {
  type EventReport,
  formatReport,
  resolveInputs,
  type Status,
  validateInput,
} from './validate-events.js';

/** Runs the command; resolves with the exit code. */
export async function runValidate(args: readonly string[], options: Options, io: Io): Promise<number> {
  if (args.length === 0) throw new ToolError('validate needs at least one file, glob or - (stdin)', 2);
  const specDir = resolve(io.cwd, options.spec ?? 'spec');
  const inputs = await resolveInputs(args, io.cwd, io.stdin ?? process.stdin);
  const built = await buildCatalog(specDir, displayPath(io.cwd, specDir));
  if (!built.catalog) {
    for (const d of built.diagnostics) io.err(formatDiagnostic(d));
    throw new ToolError(`the spec in ${displayPath(io.cwd, specDir)} has errors; fix them first`, 2);
  }
  const [{ createValidator }, { runtimeData }] = await Promise.all([
    import('./runtime/engine.js'),
    import('./emit/runtime.js'),
  ]);
  const engine = createValidator(runtimeData(built.catalog) as Parameters<typeof createValidator>[0]);
  const checker = { discriminator: built.catalog.envelope.discriminator, check: engine.check };
  const counts: Record<Status, number> = { valid: 0, invalid: 0, unknown: 0, malformed: 0, empty: 0 };
  const report = (r: EventReport) => {
    counts[r.status]++;
    io.out(options.json ? JSON.stringify(r) : formatReport(r));
  };
  for (const input of inputs) {
    try {
      await validateInput(input, checker, options.strict === true, report);
    } catch (error) {
      throw new ToolError(`cannot read ${input.label}: ${errorReason(error)}`, 2);
    }
  }
  const total = counts.valid + counts.invalid + counts.unknown + counts.malformed;
  const summary = `${total} event${total === 1 ? '' : 's'}: ${counts.valid} valid, ${counts.invalid} invalid, ${counts.unknown} unknown name, ${counts.malformed} malformed${counts.empty ? `, ${counts.empty} empty input` : ''}.`;
  if (options.json) io.out(JSON.stringify({ summary: { total, ...counts } }));
  else io.out(summary);
  return total > 0 && counts.valid === total && counts.empty === 0 ? 0 : 1;
}
