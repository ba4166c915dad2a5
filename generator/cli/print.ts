/**
 * The one way diagnostics reach a person: `file:line:col: severity code: message`, then the offending
 * line with a caret (unless `--brief`), colored on a terminal as compilers do, plain when piped.
 */
import { styleText } from 'node:util';
import { type Diagnostic, formatCodeFrame, formatDiagnostic } from '../support/diagnostics.js';
import type { Io } from './io.js';

export interface PrintOptions {
  /** One line per diagnostic, without the source excerpt. */
  readonly brief?: boolean;
}

/**
 * Whether to color what goes to `stream`: FORCE_COLOR (other than 0 or false) forces it, NO_COLOR (any
 * non-empty value, no-color.org) turns it off, otherwise a terminal that is not "dumb" gets colors.
 */
export function wantsColor(stream: { readonly isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

type Style = Parameters<typeof styleText>[0];

/** Prints each diagnostic to the error stream, with the source texts (by displayed path) for code frames. */
export function printDiagnostics(
  io: Io,
  diagnostics: readonly Diagnostic[],
  sources: ReadonlyMap<string, string>,
  options: PrintOptions = {},
): void {
  const paint = (style: Style, text: string) => (io.color ? styleText(style, text) : text);
  for (const d of diagnostics) {
    io.err(io.color ? colored(d, paint) : formatDiagnostic(d));
    const frame = options.brief ? '' : formatCodeFrame(d, sources.get(d.file));
    if (frame) io.err(io.color ? frame.replace(/\^$/, paint('red', '^')) : frame);
  }
}

function colored(d: Diagnostic, paint: (style: Style, text: string) => string): string {
  const plain = formatDiagnostic(d);
  const head = `${d.severity} ${d.code}:`;
  const at = plain.indexOf(`: ${head}`);
  const where = plain.slice(0, at);
  const severity = paint(d.severity === 'error' ? 'red' : 'yellow', d.severity);
  return `${paint('cyan', where)}: ${severity} ${paint('gray', `${d.code}:`)}${plain.slice(at + head.length + 2)}`;
}

/** "1 error", "3 errors". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
