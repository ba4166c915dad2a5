// @ts-check
/**
 * Reading event payloads and reporting on each event, the same way in the repository's `validate` command
 * and in the CLI that ships in the generated package (runtime/reports.js): JSON documents (one event or an
 * array of events) or NDJSON, streamed line by line so that memory does not grow with the input, one
 * report per event, written in batches. Dependency-free, like the engine it drives.
 */

/**
 * @typedef {{ path: string, keyword: string, message: string, text?: string }} EventError
 *   `text`: the path of the JSON text the error is in, when the event was a JSON text inside the body
 * @typedef {'valid' | 'invalid' | 'unknown' | 'malformed' | 'empty'} Status
 * @typedef {{
 *   source: string,
 *   line: number,
 *   column?: number,
 *   index?: number,
 *   status: Status,
 *   name?: string,
 *   form?: string,
 *   errors: readonly EventError[],
 *   warnings?: readonly EventError[],
 *   message?: string,
 * }} EventReport
 * @typedef {{
 *   errors: EventError[],
 *   known: boolean,
 *   warnings?: readonly EventError[],
 *   name?: string,
 *   form?: string,
 *   event?: unknown,
 * }} CheckResult
 *   `form` and `event`: the delivery form the value was read in, and the classic event it converts to;
 *   `name`: the name of a type the catalog does not know
 * @typedef {{
 *   discriminator: string,
 *   check(value: unknown, options?: object): CheckResult,
 *   labelOf?: (form: string) => string | undefined,
 * }} EventChecker
 *   `labelOf`: how a form is named in the text reports (the classic form is not named)
 * @typedef {(text: string, fallback: string) => { offset: number, message: string }} Locate
 * @typedef {{ checker: EventChecker, options: object, locate?: Locate }} Checking
 *   what checks each event: the engine, its options, and where a text stops being JSON (by default, the
 *   position that JSON.parse's message gives, when it gives one)
 * @typedef {Record<Status | 'warned', number>} Counts how many events of each status, and with warnings
 */

/**
 * Validates every event of one stream, calling `report` for each as soon as it is checked.
 * @param {string} label
 * @param {AsyncIterable<unknown>} stream
 * @param {Checking} checking
 * @param {(r: EventReport) => void} report
 * @param {() => Promise<void> | undefined} [ready] awaited between chunks (the output's backpressure)
 */
export async function validateStream(label, stream, checking, report, ready) {
  /** @type {'unknown' | 'ndjson' | 'document'} */
  let mode = 'unknown';
  /** @type {string[]} */
  const document = [];
  let documentStart = 0;
  let lineNo = 0;
  let count = 0;
  /** @param {EventReport} r */
  const emit = (r) => {
    count++;
    report(r);
  };
  for await (const batch of readLines(stream)) {
    for (const line of batch) {
      lineNo++;
      if (mode === 'document') document.push(line);
      else if (mode === 'ndjson') checkLine(label, lineNo, line, checking, emit);
      else if (!isBlank(line)) {
        const parsed = parse(line, checking.locate);
        if (parsed.ok) {
          mode = 'ndjson';
          checkValue(label, lineNo, parsed.value, checking, emit);
        } else {
          mode = 'document';
          documentStart = lineNo;
          document.push(line);
        }
      }
    }
    await ready?.();
  }
  if (mode === 'document') {
    const text = document.join('\n');
    const parsed = parse(text, checking.locate);
    if (parsed.ok) checkValue(label, documentStart, parsed.value, checking, emit);
    else {
      const at = lineColumn(text, parsed.position);
      const where = { line: documentStart + at.line - 1, column: at.column };
      emit({ source: label, ...where, status: 'malformed', errors: [], message: parsed.message });
    }
  }
  if (count === 0)
    report({ source: label, line: 0, status: 'empty', errors: [], message: 'no event in the input' });
}

/**
 * The lines of a stream, without their line ends, a chunk's worth at a time (one await per chunk, not per
 * line). Faster than node:readline for the one thing needed here, and it holds one chunk at a time, so
 * memory stays flat however long the input.
 * @param {AsyncIterable<unknown>} stream
 * @returns {AsyncGenerator<string[]>}
 */
export async function* readLines(stream) {
  const decoder = new TextDecoder('utf-8');
  let rest = '';
  for await (const chunk of stream) {
    const text =
      rest +
      (typeof chunk === 'string'
        ? chunk
        : decoder.decode(/** @type {Uint8Array} */ (chunk), { stream: true }));
    /** @type {string[]} */
    const lines = [];
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

/** @param {string} line */
function isBlank(line) {
  return line.length === 0 || (line.charCodeAt(0) <= 32 && line.trim() === '');
}

/**
 * Checks one line of NDJSON (once the input is known to be NDJSON): an event, a blank line, or malformed.
 * @param {string} source
 * @param {number} line
 * @param {string} text
 * @param {Checking} checking
 * @param {(r: EventReport) => void} emit
 */
export function checkLine(source, line, text, checking, emit) {
  if (isBlank(text)) return;
  const parsed = parse(text, checking.locate);
  if (parsed.ok) checkValue(source, line, parsed.value, checking, emit);
  else {
    const column = Math.min(parsed.position, text.length) + 1;
    emit({ source, line, column, status: 'malformed', errors: [], message: parsed.message });
  }
}

/**
 * Whether the first line of `text` that is not blank is a JSON value (then the input is NDJSON); undefined
 * when `text` holds no whole line.
 * @param {string} text
 * @returns {boolean | undefined}
 */
export function startsWithJsonLine(text) {
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    if (end < 0) return undefined;
    const line = text.slice(start, text.charCodeAt(end - 1) === 13 ? end - 1 : end);
    if (!isBlank(line)) return parse(line, undefined).ok;
    start = end + 1;
  }
}

/**
 * @param {string} source
 * @param {number} line
 * @param {unknown} value
 * @param {Checking} checking
 * @param {(r: EventReport) => void} emit
 */
function checkValue(source, line, value, checking, emit) {
  if (!Array.isArray(value)) {
    emit(checkOne(source, line, undefined, value, checking));
    return;
  }
  for (let i = 0; i < value.length; i++) emit(checkOne(source, line, i, value[i], checking));
}

/**
 * @param {string} source
 * @param {number} line
 * @param {number | undefined} index
 * @param {unknown} item
 * @param {Checking} checking
 * @returns {EventReport}
 */
function checkOne(source, line, index, item, checking) {
  const { checker } = checking;
  const checked = checker.check(item, checking.options);
  const { errors, known } = checked;
  const event = checked.event ?? item;
  const carried = checked.name ?? (isRecord(event) ? event[checker.discriminator] : undefined);
  const name = typeof carried === 'string' ? carried : undefined;
  const nameOnly = !known && name !== undefined && errors.length === 1 && errors[0]?.keyword === 'enum';
  /** @type {EventReport} */
  const report = {
    source,
    line,
    status: errors.length === 0 ? 'valid' : nameOnly ? 'unknown' : 'invalid',
    errors,
  };
  if (index !== undefined) report.index = index;
  if (name !== undefined) report.name = name;
  if (checked.warnings && checked.warnings.length > 0) report.warnings = checked.warnings;
  if (checked.form !== undefined) {
    report.form = checked.form;
    const label = checker.labelOf?.(checked.form);
    if (label !== undefined) labels.set(report, label);
  }
  return report;
}

/** The label of each report's form, for its text (the JSON report gives the form's id). */
const labels = new WeakMap();

/** @param {unknown} value @returns {value is Record<string, unknown>} */
function isRecord(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * @param {string} text
 * @param {Locate | undefined} locate
 * @returns {{ ok: true, value: unknown } | { ok: false, message: string, position: number }}
 */
function parse(text, locate) {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const { offset, message: said } = (locate ?? positionInMessage)(text, message);
    return { ok: false, message: said, position: offset };
  }
}

/**
 * Where JSON.parse says a text stops being JSON ("… at position 12"), or its end when the message does not say.
 * @type {Locate}
 */
export function positionInMessage(text, message) {
  const at = /at position (\d+)/.exec(message);
  return { offset: at ? Number(at[1]) : text.length, message: message.replace(/\s+/g, ' ') };
}

/**
 * 1-based line and column of an offset.
 * @param {string} text
 * @param {number} offset
 */
export function lineColumn(text, offset) {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

/**
 * One human-readable block for a report.
 * @param {EventReport} r
 */
export function formatReport(r) {
  const where = `${r.source}${r.line > 0 ? `:${r.line}` : ''}${r.column ? `:${r.column}` : ''}${r.index !== undefined ? ` [${r.index}]` : ''}`;
  const warnings = (r.warnings ?? []).map((e) => `  warning ${pathOf(e)}: ${e.message}`);
  const label = labels.get(r);
  const form = label === undefined ? '' : ` (${label})`;
  switch (r.status) {
    case 'valid':
      return [`${where}: OK ${r.name}${form}`, ...warnings].join('\n');
    case 'unknown':
      return `${where}: UNKNOWN notification name ${JSON.stringify(r.name)}${form} (not in the catalog${hintOf(r.errors[0])})`;
    case 'malformed':
      return `${where}: MALFORMED JSON: ${r.message}`;
    case 'empty':
      return `${where}: EMPTY: ${r.message}`;
    default:
      return [
        `${where}: INVALID ${r.name ?? '(no name)'}${form}`,
        ...r.errors.map((e) => `  ${pathOf(e)}: ${e.message} (${e.keyword})`),
        ...warnings,
      ].join('\n');
  }
}

/** An error's path; one into a JSON text (an Event Center alert) says where the text starts. @param {EventError} e */
function pathOf(e) {
  if (!e.text) return e.path || '/';
  return `${e.text} (JSON text) ${e.path.slice(e.text.length) || '/'}`;
}

/** The "did you mean" of an unknown name's error, if it has one. @param {EventError | undefined} error */
function hintOf(error) {
  const at = error ? error.message.indexOf('; did you mean') : -1;
  return at < 0 || !error ? '' : error.message.slice(at);
}

/**
 * Where reports go: counted, formatted (text or one JSON object per event) and written in batches, since
 * one write per event would cost more than validating it.
 * @param {(text: string) => void} write one batch of lines
 * @param {boolean} json
 */
export function createOutput(write, json) {
  const counts = noCounts();
  /** @type {string[]} */
  let batch = [];
  let batched = 0;
  const flush = () => {
    if (batch.length > 0) write(batch.join('\n'));
    batch = [];
    batched = 0;
  };
  /** @param {string} text */
  const add = (text) => {
    batch.push(text);
    batched += text.length;
    if (batched > 65536) flush();
  };
  return {
    counts,
    flush,
    /** @param {EventReport} r */
    report(r) {
      tally(counts, r);
      add(json ? JSON.stringify(r) : formatReport(r));
    },
    /** A block of reports already formatted (by a worker), with its counts. @param {string} text @param {Readonly<Counts>} blockCounts */
    block(text, blockCounts) {
      for (const key of /** @type {(keyof Counts)[]} */ (Object.keys(counts)))
        counts[key] += blockCounts[key];
      if (text !== '') add(text);
    },
    /** The summary line (text) or object (JSON), and the exit code: 0 when every event is valid. */
    summary() {
      const total = counts.valid + counts.invalid + counts.unknown + counts.malformed;
      const code = total > 0 && counts.valid === total && counts.empty === 0 ? 0 : 1;
      if (json) return { text: JSON.stringify({ summary: { total, ...counts } }), code };
      const empty = counts.empty ? `, ${counts.empty} empty input` : '';
      const warned = counts.warned;
      const hint =
        warned > 0
          ? `\n${warned} with warnings: --strict rejects unknown fields (use it in tests and CI).`
          : '';
      const text = `${total} event${total === 1 ? '' : 's'}: ${counts.valid} valid, ${counts.invalid} invalid, ${counts.unknown} unknown name, ${counts.malformed} malformed${empty}.${hint}`;
      return { text, code };
    },
  };
}

/** @returns {Counts} */
export function noCounts() {
  return { valid: 0, invalid: 0, unknown: 0, malformed: 0, empty: 0, warned: 0 };
}

/** Counts one report. @param {Counts} counts @param {EventReport} r */
export function tally(counts, r) {
  counts[r.status]++;
  if (r.warnings) counts.warned++;
}

/**
 * Resolves once `stream` has taken what it buffered, or is closed (a reader that went away, an error).
 * @param {NodeJS.WritableStream} stream
 * @returns {Promise<void>}
 */
export function drained(stream) {
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

/**
 * A reader that went away (`… | head -1`) ends the command quietly, as other command-line tools do.
 * @param {NodeJS.WriteStream} stream
 */
export function endQuietlyWhenTheReaderLeaves(stream) {
  stream.on('error', (/** @type {NodeJS.ErrnoException} */ error) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}
