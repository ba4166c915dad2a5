/**
 * The `validate` command's inputs: files, globs and stdin. Reading and checking them is events/reports.js,
 * which the generated package's CLI shares; this side adds globs (tinyglobby) and the positions of JSON
 * syntax errors (jsonc-parser), neither of which the package ships.
 */
import { createReadStream, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { errorReason, ToolError } from '../support/diagnostics.js';
import { locateJsonError } from '../support/json-errors.js';
import { type Checking, type EventChecker, type EventReport, validateStream } from './reports.js';

export type { Checking, EventChecker, EventError, EventReport, Status } from './reports.js';
export { checkLine, formatReport, startsWithJsonLine } from './reports.js';

/** How the command checks events: the engine, its options, and jsonc-parser's positions of syntax errors. */
export function checkingWith(checker: EventChecker, options: object): Checking {
  return { checker, options, locate: locateJsonError };
}

export interface Input {
  readonly label: string;
  open(): NodeJS.ReadableStream;
  /** A regular file's full path and size (not for stdin). */
  readonly file?: { readonly path: string; readonly size: number };
}

/** Resolves file arguments: "-" is stdin, globs are expanded (sorted), plain paths must exist. */
export async function resolveInputs(
  args: readonly string[],
  cwd: string,
  stdin: NodeJS.ReadableStream,
): Promise<Input[]> {
  const inputs: Input[] = [];
  for (const arg of args) {
    if (arg === '-') {
      inputs.push({ label: '<stdin>', open: () => stdin });
      continue;
    }
    const paths = await expand(arg, cwd);
    if (paths.length === 0) throw new ToolError(`no file matches ${arg}`, 2);
    for (const path of paths) {
      const full = resolve(cwd, path);
      let size: number;
      try {
        const stat = statSync(full);
        if (!stat.isFile()) throw new ToolError(`not a file: ${path}`, 2);
        size = stat.size;
      } catch (error) {
        if (error instanceof ToolError) throw error;
        throw new ToolError(`cannot read ${path}: ${errorReason(error)}`, 2);
      }
      inputs.push({ label: path, open: () => createReadStream(full), file: { path: full, size } });
    }
  }
  return inputs;
}

/** A glob's matching files, sorted; a plain path as it is. The glob library loads only for a glob. */
async function expand(arg: string, cwd: string): Promise<string[]> {
  if (!/[*?[\]{}()!+@]/.test(arg)) return [arg];
  const { globSync, isDynamicPattern } = await import('tinyglobby');
  return isDynamicPattern(arg) ? globSync([arg], { cwd, onlyFiles: true }).sort() : [arg];
}

/** Validates every event of one input, calling `report` for each as soon as it is checked. */
export function validateInput(
  input: Input,
  checking: Checking,
  report: (r: EventReport) => void,
  ready?: () => Promise<void> | undefined,
): Promise<void> {
  return validateStream(input.label, input.open(), checking, report, ready);
}
