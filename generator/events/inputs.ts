/**
 * The `validate` command: checks event payloads (JSON documents or NDJSON, from files, globs or stdin)
 * with the same engine the generated package ships. NDJSON is streamed line by line, so memory does not
 * grow with the input; a JSON document (one event, or an array of events) is read whole.
 */
import { createReadStream, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { errorReason, ToolError } from '../support/diagnostics.js';
import { lineColumn, locateJsonError } from '../support/json-errors.js';

export interface EventError {
  readonly path: string;
  readonly keyword: string;
  readonly message: string;
}

/** What the command needs of a validator: the package engine's `check`, and the field holding the name. */
export interface EventChecker {
  readonly discriminator: string;
  check(
    value: unknown,
    options?: { strict?: boolean },
  ): {
    errors: EventError[];
    known: boolean;
    /** The delivery form the value was read in, and the classic event it converts to (forms.js). */
    form?: string;
    event?: unknown;
    /** The name of a type the catalog does not know. */
    name?: string;
  };
  /** How a form is named in the text reports; the classic form is not named. */
  readonly labelOf?: (form: string) => string | undefined;
}

export type Status = 'valid' | 'invalid' | 'unknown' | 'malformed' | 'empty';

export interface EventReport {
  readonly source: string;
  readonly line: number;
  readonly column?: number;
  /** Position in a JSON array, when the input holds one. */
  readonly index?: number;
  readonly status: Status;
  readonly name?: string;
  /** The delivery form of the event, when the checker reads forms. */
  readonly form?: string;
  readonly errors: readonly EventError[];
  readonly message?: string;
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
export async function validateInput(
  input: Input,
  checker: EventChecker,
  strict: boolean,
  report: (r: EventReport) => void,
  ready?: () => Promise<void> | undefined,
): Promise<void> {
  const lines = readLines(input.open());
  let mode: 'unknown' | 'ndjson' | 'document' = 'unknown';
  const document: string[] = [];
  let documentStart = 0;
  let lineNo = 0;
  let count = 0;
  const emit = (r: EventReport) => {
    count++;
    report(r);
  };
  for await (const batch of lines) {
    for (const line of batch) {
      lineNo++;
      if (mode === 'document') {
        document.push(line);
        continue;
      }
      if (mode === 'ndjson') {
        checkLine(input.label, lineNo, line, checker, strict, emit);
        continue;
      }
      if (isBlank(line)) continue;
      const parsed = parse(line);
      if (parsed.ok) {
        mode = 'ndjson';
        checkValue(input.label, lineNo, parsed.value, checker, strict, emit);
      } else {
        mode = 'document';
        documentStart = lineNo;
        document.push(line);
      }
    }
    await ready?.();
  }
  if (mode === 'document') {
    const text = document.join('\n');
    const parsed = parse(text);
    if (parsed.ok) checkValue(input.label, documentStart, parsed.value, checker, strict, emit);
    else {
      const at = lineColumn(text, parsed.position);
      const where = { line: documentStart + at.line - 1, column: at.column };
      emit({ source: input.label, ...where, status: 'malformed', errors: [], message: parsed.message });
    }
  }
  if (count === 0)
    report({ source: input.label, line: 0, status: 'empty', errors: [], message: 'no event in the input' });
}

/**
 * The lines of a stream, without their line ends, a chunk's worth at a time (one await per chunk, not per
 * line). Faster than node:readline for the one thing needed here, and it holds one chunk at a time, so
 * memory stays flat however long the input.
 */
async function* readLines(stream: NodeJS.ReadableStream): AsyncGenerator<string[]> {
  const decoder = new TextDecoder('utf-8');
  let rest = '';
  for await (const chunk of stream) {
    const text =
      rest + (typeof chunk === 'string' ? chunk : decoder.decode(chunk as Uint8Array, { stream: true }));
    const lines: string[] = [];
    let start = 0;
    let end = text.indexOf('\n');
    while (end >= 0) {
      lines.push(text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end));
      start = end + 1;
      end = text.indexOf('\n', start);
    }
    rest = text.slice(start);
    if (lines.length > 0) yield lines;
  }
  rest += decoder.decode();
  if (rest !== '') yield [rest.endsWith('\r') ? rest.slice(0, -1) : rest];
}

function isBlank(line: string): boolean {
  return line.length === 0 || (line.charCodeAt(0) <= 32 && line.trim() === '');
}

/** Checks one line of NDJSON (once the input is known to be NDJSON): an event, a blank line, or malformed. */
export function checkLine(
  source: string,
  line: number,
  text: string,
  checker: EventChecker,
  strict: boolean,
  emit: (r: EventReport) => void,
): void {
  if (isBlank(text)) return;
  const parsed = parse(text);
  if (parsed.ok) checkValue(source, line, parsed.value, checker, strict, emit);
  else {
    const at = column(text, parsed.position);
    emit({ source, line, column: at, status: 'malformed', errors: [], message: parsed.message });
  }
}

/** Whether the first line of `text` that is not blank is a JSON value (then the input is NDJSON). */
export function startsWithJsonLine(text: string): boolean | undefined {
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    if (end < 0) return undefined;
    const line = text.slice(start, text.charCodeAt(end - 1) === 13 ? end - 1 : end);
    if (!isBlank(line)) return parse(line).ok;
    start = end + 1;
  }
}

function checkValue(
  source: string,
  line: number,
  value: unknown,
  checker: EventChecker,
  strict: boolean,
  emit: (r: EventReport) => void,
): void {
  if (!Array.isArray(value)) {
    emit(checkOne(source, line, undefined, value, checker, strict));
    return;
  }
  for (let i = 0; i < value.length; i++) emit(checkOne(source, line, i, value[i], checker, strict));
}

/** The label of each report's form, for the text form of the report (the JSON one gives the form's id). */
const labels = new WeakMap<EventReport, string>();

const STRICT = { strict: true };
const LENIENT = { strict: false };

function checkOne(
  source: string,
  line: number,
  index: number | undefined,
  item: unknown,
  checker: EventChecker,
  strict: boolean,
): EventReport {
  const checked = checker.check(item, strict ? STRICT : LENIENT);
  const { errors, known } = checked;
  const event = checked.event ?? item;
  const carried = checked.name ?? (isRecord(event) ? event[checker.discriminator] : undefined);
  const name = typeof carried === 'string' ? carried : undefined;
  const nameOnly = !known && name !== undefined && errors.length === 1 && errors[0]?.keyword === 'enum';
  const status: Status = errors.length === 0 ? 'valid' : nameOnly ? 'unknown' : 'invalid';
  const report: { -readonly [K in keyof EventReport]: EventReport[K] } = { source, line, status, errors };
  if (index !== undefined) report.index = index;
  if (name !== undefined) report.name = name;
  if (checked.form !== undefined) {
    report.form = checked.form;
    const label = checker.labelOf?.(checked.form);
    if (label !== undefined) labels.set(report, label);
  }
  return report;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parse(
  text: string,
): { ok: true; value: unknown } | { ok: false; message: string; position: number } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const { offset, message } = locateJsonError(text, (error as Error).message);
    return { ok: false, message, position: offset };
  }
}

function column(line: string, position: number): number {
  return Math.min(position, line.length) + 1;
}

/** One human-readable block for a report. */
export function formatReport(r: EventReport): string {
  const where = `${r.source}${r.line > 0 ? `:${r.line}` : ''}${r.column ? `:${r.column}` : ''}${r.index !== undefined ? ` [${r.index}]` : ''}`;
  const label = labels.get(r);
  const form = label === undefined ? '' : ` (${label})`;
  switch (r.status) {
    case 'valid':
      return `${where}: OK ${r.name}${form}`;
    case 'unknown':
      return `${where}: UNKNOWN notification name ${JSON.stringify(r.name)}${form} (not in the catalog)`;
    case 'malformed':
      return `${where}: MALFORMED JSON: ${r.message}`;
    case 'empty':
      return `${where}: EMPTY: ${r.message}`;
    default:
      return [
        `${where}: INVALID ${r.name ?? '(no name)'}${form}`,
        ...r.errors.map((e) => `  ${pathOf(e)}: ${e.message} (${e.keyword})`),
      ].join('\n');
  }
}

/** An error's path; one into a JSON text (an Event Center alert) says where the text starts. */
function pathOf(e: EventError & { text?: string }): string {
  if (!e.text) return e.path || '/';
  return `${e.text} (JSON text) ${e.path.slice(e.text.length) || '/'}`;
}
