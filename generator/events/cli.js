#!/usr/bin/env node
// @ts-check
/**
 * The package's command line (`npx ecs-events validate payload.json`): checks event payloads with the
 * package's own validator, no spec needed. JSON documents (one event or an array) or NDJSON, from files,
 * globs or stdin. Exit codes: 0 every event valid, 1 any is not, 2 a usage or I/O error. Dependency-free,
 * like the rest of the runtime: globs are matched here, since the shell does not expand a quoted one.
 */
import { createReadStream, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { createValidator } from './engine.js';
import { createFormReader } from './forms.js';
import { checkOptionsOf, VALIDATE_OPTIONS } from './options.js';
import { createOutput, drained, endQuietlyWhenTheReaderLeaves, validateStream } from './reports.js';

const OPTIONS = /** @type {const} */ ({
  ...VALIDATE_OPTIONS,
  help: { type: 'boolean', short: 'h', help: 'Show this help' },
  version: { type: 'boolean', short: 'v', help: 'Show the version' },
});

class UsageError extends Error {}

/**
 * Runs the command line; resolves with the exit code.
 * @param {string[]} argv
 * @param {{ cwd: string, stdin: NodeJS.ReadableStream, stdout: NodeJS.WriteStream, stderr: NodeJS.WriteStream }} io
 */
export async function main(argv, io) {
  const program = programName();
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: OPTIONS,
      allowPositionals: true,
      strict: true,
    });
    if (values.version) return say(io.stdout, packageJson().version);
    const [command, ...inputs] = positionals;
    if (values.help || command === 'help') return say(io.stdout, usage(program));
    if (command !== 'validate')
      throw new UsageError(command === undefined ? 'no command given' : `unknown command "${command}"`);
    if (inputs.length === 0) throw new UsageError('validate needs at least one file, glob or - (stdin)');
    const files = inputs.flatMap((input) => resolveInput(input, io.cwd));
    // The catalog's tables, generated beside this module in the package (URLs, so that no build resolves them).
    const table = await import(new URL('./data.js', import.meta.url).href);
    const formsTable = await import(new URL('./forms-data.js', import.meta.url).href);
    const engine = createValidator(/** @type {import('./engine.js').CatalogData} */ (table.default));
    const reader = createFormReader(engine, formsTable.default);
    const form = values.form;
    if (form !== undefined && !reader.forms.includes(form))
      throw new UsageError(`--form: unknown form ${form}; the forms: ${reader.forms.join(', ')}`);
    const checker = reader.checker(form === undefined ? undefined : [form]);
    const options = checkOptionsOf(values);
    const output = createOutput((text) => io.stdout.write(`${text}\n`), values.json === true);
    const ready = () => (io.stdout.writableNeedDrain ? drained(io.stdout) : undefined);
    for (const file of files) {
      const stream = file.path === undefined ? io.stdin : createReadStream(file.path);
      try {
        await validateStream(file.label, stream, { checker, options }, output.report, ready);
      } catch (error) {
        output.flush();
        throw new UsageError(`cannot read ${file.label}: ${reason(error)}`);
      }
    }
    output.flush();
    const { text, code } = output.summary();
    io.stdout.write(`${text}\n`);
    return code;
  } catch (error) {
    const usageError =
      error instanceof UsageError ||
      String(/** @type {{ code?: unknown }} */ (error)?.code).startsWith('ERR_PARSE_ARGS');
    if (!usageError) throw error;
    io.stderr.write(
      `${program}: ${/** @type {Error} */ (error).message}\nRun "${program} --help" for usage.\n`,
    );
    return 2;
  }
}

/** The command's name: the package's own, from its package.json. */
function programName() {
  const bin = packageJson().bin;
  return typeof bin === 'object' && bin !== null ? (Object.keys(bin)[0] ?? 'validate') : packageJson().name;
}

/** @returns {{ name: string, version: string, bin?: unknown }} */
function packageJson() {
  return JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
}

/** @param {string} program */
function usage(program) {
  const rows = Object.entries(OPTIONS).map(([name, o]) => {
    const flag = `${'short' in o ? `-${o.short}, ` : ''}--${name}${'value' in o ? ` ${o.value}` : ''}`;
    return `  ${flag.padEnd(26)}${o.help}`;
  });
  return [
    `Usage: ${program} validate [options] <file | glob | ->...`,
    '',
    'Checks event payloads (JSON documents or NDJSON) against the catalog this package was generated from.',
    '',
    'Options:',
    ...rows,
  ].join('\n');
}

/** @param {NodeJS.WriteStream} stream @param {string} text */
function say(stream, text) {
  stream.write(`${text}\n`);
  return 0;
}

/** @param {unknown} error */
function reason(error) {
  const e = /** @type {NodeJS.ErrnoException} */ (error);
  return e?.code === 'ENOENT'
    ? 'no such file'
    : e?.code === 'EISDIR'
      ? 'is a folder'
      : String(e?.message ?? error);
}

/**
 * An argument's files: stdin for "-", a glob's matches (sorted), or the file itself.
 * @param {string} input
 * @param {string} cwd
 * @returns {{ label: string, path?: string }[]}
 */
function resolveInput(input, cwd) {
  if (input === '-') return [{ label: '<stdin>' }];
  if (/[*?[{]/.test(input)) {
    const matches = glob(input, cwd);
    if (matches.length === 0) throw new UsageError(`no file matches ${input}`);
    return matches.map((path) => ({ label: path, path: resolve(cwd, path) }));
  }
  const path = resolve(cwd, input);
  let isFile;
  try {
    isFile = statSync(path).isFile();
  } catch (error) {
    throw new UsageError(`cannot read ${input}: ${reason(error)}`);
  }
  if (!isFile) throw new UsageError(`not a file: ${input}`);
  return [{ label: input, path }];
}

/**
 * The files a glob matches under `cwd`, as paths relative to it, sorted: `*` and `?` within a segment,
 * `**` across folders, `[abc]` and `{a,b}`; names starting with a dot only when the pattern's segment does.
 * @param {string} pattern
 * @param {string} cwd
 * @returns {string[]}
 */
export function glob(pattern, cwd) {
  const segments = pattern.split(/[\\/]/);
  const absolute = segments[0] === '';
  let base = absolute ? sep : cwd;
  let i = absolute ? 1 : 0;
  for (; i < segments.length - 1 && !/[*?[{]/.test(segments[i] ?? ''); i++)
    base = join(base, segments[i] ?? '');
  const matchers = segments.slice(i).map((s) => (s === '**' ? '**' : segmentRegExp(s)));
  /** @type {string[]} */
  const found = [];
  walk(base, matchers, found);
  const shown = found.map((path) => (absolute ? path : relative(cwd, path).split(sep).join('/')));
  return [...new Set(shown)].sort();
}

/**
 * @param {string} dir
 * @param {(RegExp | '**')[]} matchers
 * @param {string[]} found
 */
function walk(dir, matchers, found) {
  const [first, ...rest] = matchers;
  if (first === undefined) return;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  if (first === '**') {
    walk(dir, rest, found);
    for (const e of entries)
      if (e.isDirectory() && !e.name.startsWith('.')) walk(join(dir, e.name), matchers, found);
    return;
  }
  for (const e of entries) {
    if (!first.test(e.name)) continue;
    const path = join(dir, e.name);
    if (rest.length === 0 && (e.isFile() || (e.isSymbolicLink() && isFile(path)))) found.push(path);
    else if (rest.length > 0 && e.isDirectory()) walk(path, rest, found);
  }
}

/** @param {string} path */
function isFile(path) {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** One path segment of a glob as a regular expression. @param {string} segment */
function segmentRegExp(segment) {
  let source = segment.startsWith('.') ? '' : '(?!\\.)';
  for (let i = 0; i < segment.length; i++) {
    const ch = segment.charAt(i);
    const close = ch === '[' ? segment.indexOf(']', i + 2) : ch === '{' ? segment.indexOf('}', i + 1) : -1;
    if (ch === '*') source += '[^/]*';
    else if (ch === '?') source += '[^/]';
    else if (ch === '[' && close > 0) {
      const inner = segment
        .slice(i + 1, close)
        .replace(/^!/, '^')
        .replace(/\\/g, '\\\\');
      source += `[${inner}]`;
      i = close;
    } else if (ch === '{' && close > 0) {
      source += `(?:${segment
        .slice(i + 1, close)
        .split(',')
        .map(literal)
        .join('|')})`;
      i = close;
    } else source += literal(ch);
  }
  return new RegExp(`^${source}$`, 'u');
}

/** @param {string} text */
function literal(text) {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Whether this module is the program being run (npm's bin link resolved), not loaded by a test. */
function isEntryPoint() {
  try {
    const script = process.argv[1];
    return script !== undefined && realpathSync(new URL(import.meta.url)) === realpathSync(script);
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  endQuietlyWhenTheReaderLeaves(process.stdout);
  main(process.argv.slice(2), {
    cwd: process.cwd(),
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
  }).then((code) => {
    process.exitCode = code;
  });
}
