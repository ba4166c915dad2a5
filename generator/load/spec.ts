/**
 * Stage 1, load: read every YAML file of the spec folder and parse it with source positions kept, so that
 * later stages can point at the line and column of any value. Input that could exhaust the parser (files
 * too large, nesting too deep, alias bombs) is refused with a positioned diagnostic first.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Document } from 'yaml';
import { createDiagnostic, type Diagnostic, type Location } from '../support/diagnostics.js';
import { canRunInParallel, spawnWorker, workerResult } from '../support/workers.js';
import {
  findSpecFiles,
  lineIndex,
  MAX_DEPTH,
  MAX_FILE_BYTES,
  type ReadFiles,
  readSpecText,
  tooDeepAt,
} from './files.js';
import { yamlLibrary } from './yaml-library.js';
import { readYamlSubset, UNSUPPORTED } from './yaml-subset.js';

export { MAX_FILE_BYTES };

/** One parsed spec file. `data` is the plain value, or undefined when the file could not be parsed. */
export interface SpecFile {
  /** Path relative to the spec folder, with forward slashes: the file's identity in the model. */
  readonly path: string;
  /** Path as shown in diagnostics. */
  readonly displayPath: string;
  readonly text: string;
  readonly doc: Document.Parsed | undefined;
  /** Line and column of a text offset. */
  readonly position: (offset: number) => { line: number; column: number };
  readonly data: unknown;
}

export interface LoadResult {
  readonly specDir: string;
  readonly files: readonly SpecFile[];
  readonly diagnostics: readonly Diagnostic[];
}

/** Aliases expanded per file beyond this count are taken for an alias bomb. */
const MAX_ALIAS_COUNT = 1000;

/**
 * A spec file to read, and how its path is shown; `bytes` when this run has read it already (a Buffer, or
 * the Uint8Array that a worker receives for one).
 */
export interface FileToLoad {
  readonly path: string;
  readonly displayPath: string;
  readonly real: string;
  readonly bytes?: Uint8Array;
}

type Listing =
  | { readonly done: LoadResult }
  | { readonly toLoad: readonly (FileToLoad | Diagnostic)[]; readonly done?: undefined };

/** Reads and parses every `*.yaml` / `*.yml` file under `specDir`, in a stable order. */
export function loadSpec(specDir: string, displayDir: string = specDir): LoadResult {
  const listing = listSpec(specDir, displayDir);
  return listing.done ?? loadListed(specDir, listing.toLoad);
}

type Loaded = { readonly file: SpecFile; readonly diagnostics: Diagnostic[] };

/** Loads the listed files in this thread, in order (`loaded`: those loaded already, by index). */
function loadListed(
  specDir: string,
  toLoad: readonly (FileToLoad | Diagnostic)[],
  loaded: ReadonlyMap<number, Loaded> = new Map(),
): LoadResult {
  const diagnostics: Diagnostic[] = [];
  const files: SpecFile[] = [];
  toLoad.forEach((entry, index) => {
    if ('code' in entry) {
      diagnostics.push(entry);
      return;
    }
    const known = loaded.get(index);
    if (known) {
      files.push(known.file);
      diagnostics.push(...known.diagnostics);
    } else files.push(loadFile(entry, diagnostics));
  });
  return { specDir, files, diagnostics };
}

function loadOne(entry: FileToLoad): Loaded {
  const diagnostics: Diagnostic[] = [];
  return { file: loadFile(entry, diagnostics), diagnostics };
}

/**
 * As loadSpec, with the files shared between this thread and a worker when the spec is large and not in
 * the subset that yaml-subset.ts reads (see PARALLEL_BYTES); the result is the same, except that each file
 * the worker parsed is parsed again here only if a later stage asks for its syntax tree (to point at a node
 * in a diagnostic).
 */
export async function loadSpecFiles(
  specDir: string,
  displayDir: string = specDir,
  options: LoadOptions = {},
): Promise<LoadResult> {
  const listing = listSpec(specDir, displayDir, options.read);
  if (listing.done) return listing.done;
  const sized = listing.toLoad.map((entry) => ({
    entry,
    bytes: 'code' in entry ? 0 : (entry.bytes?.length ?? sizeOf(entry.real)),
  }));
  const total = sized.reduce((sum, s) => sum + s.bytes, 0);
  const parallel = options.parallel ?? (total >= PARALLEL_BYTES && canRunInParallel());
  if (!parallel || sized.length < 2) return loadListed(specDir, listing.toLoad);
  const order = sized
    .map((s, index) => ({ ...s, index }))
    .sort((a, b) => b.bytes - a.bytes || a.index - b.index);
  const local = new Map<number, Loaded>();
  // The subset reader reads a spec faster than a worker's results can be copied back (10k bench spec, 13 MB:
  // 0.46 s on one thread, 0.56 s shared): a worker only pays for files the library must parse. The largest
  // file, read here first, tells which kind of spec this is.
  const first = order[0] as (typeof order)[number];
  if (options.parallel === undefined && !('code' in first.entry)) {
    local.set(first.index, loadOne(first.entry));
    if (lazyTrees.has((local.get(first.index) as Loaded).file))
      return loadListed(specDir, listing.toLoad, local);
  }
  // Every other file by size goes to the worker, so that both halves hold about as many bytes.
  const remote = new Set(order.filter((_, rank) => rank % 2 === 1).map((s) => s.index));
  const worker = spawnWorker(
    import.meta.url,
    'worker',
    listing.toLoad.filter((entry, index) => remote.has(index) && !('code' in entry)),
  );
  const parsed = workerResult<ParsedFile[]>(worker);
  parsed.catch(() => {});
  listing.toLoad.forEach((entry, index) => {
    if (remote.has(index) || 'code' in entry || local.has(index)) return;
    local.set(index, loadOne(entry));
  });
  const fromWorker = (await parsed).values();
  const diagnostics: Diagnostic[] = [];
  const files: SpecFile[] = [];
  listing.toLoad.forEach((entry, index) => {
    if ('code' in entry) {
      diagnostics.push(entry);
      return;
    }
    const loaded = remote.has(index) ? detached(fromWorker.next().value as ParsedFile) : local.get(index);
    if (!loaded) return;
    files.push(loaded.file);
    diagnostics.push(...loaded.diagnostics);
  });
  return { specDir, files, diagnostics };
}

export interface LoadOptions {
  /** Share the files with a worker thread; by default, for specs of PARALLEL_BYTES or more. */
  readonly parallel?: boolean;
  /** Files this run has read already (see ReadFiles): parsed from these bytes, not read again. */
  readonly read?: ReadFiles;
}

/**
 * Specs of at least this many bytes are parsed by two threads when their largest file needs the YAML
 * library, which reads a few MB/s (see loadSpecFiles).
 */
const PARALLEL_BYTES = 1024 * 1024;

function sizeOf(real: string): number {
  try {
    return statSync(real).size;
  } catch {
    return 0;
  }
}

/** What a worker sends back for one file: everything but the syntax tree and the position function. */
export interface ParsedFile {
  readonly path: string;
  readonly displayPath: string;
  readonly text: string;
  readonly data: unknown;
  /** Whether the file has a syntax tree (false when it could not be read, or nests too deep). */
  readonly parsed: boolean;
  readonly diagnostics: readonly Diagnostic[];
}

/** Loads one file for a worker (see load-worker.ts). */
export function loadForWorker(entry: FileToLoad): ParsedFile {
  const diagnostics: Diagnostic[] = [];
  const file = loadFile(entry, diagnostics);
  const { path, displayPath, text, data } = file;
  const parsed = lazyTrees.has(file) || file.doc !== undefined;
  return { path, displayPath, text, data, parsed, diagnostics };
}

/** A file parsed by a worker; its syntax tree is parsed again from its text the first time it is read. */
function detached(parsed: ParsedFile): { file: SpecFile; diagnostics: Diagnostic[] } {
  const { path, displayPath, text, data } = parsed;
  const file = parsed.parsed
    ? withLazyTree(path, displayPath, text, lineIndex(text), data)
    : { ...unparsed(path, displayPath, text), data };
  return { file, diagnostics: [...parsed.diagnostics] };
}

/** Files whose syntax tree is parsed only when it is first read. */
const lazyTrees = new WeakSet<SpecFile>();

/**
 * A file whose value is known (read by the subset reader, or by a worker) and whose syntax tree is parsed
 * from its text by the library only if a diagnostic needs to point into it.
 */
function withLazyTree(
  path: string,
  displayPath: string,
  text: string,
  position: SpecFile['position'],
  data: unknown,
): SpecFile {
  let doc: Document.Parsed | undefined;
  const file: SpecFile = {
    path,
    displayPath,
    text,
    data,
    position,
    get doc() {
      doc ??= parseSpecText(text);
      return doc;
    },
  };
  lazyTrees.add(file);
  return file;
}

/** The spec files to load and the diagnostics of entries that cannot be, in order; or the whole result. */
function listSpec(specDir: string, displayDir: string, read?: ReadFiles): Listing {
  const top = { file: displayDir, line: 0, column: 0 };
  let isDir = false;
  try {
    isDir = statSync(specDir).isDirectory();
  } catch {
    isDir = false;
  }
  const stop = (diagnostic: Diagnostic) => ({ done: { specDir, files: [], diagnostics: [diagnostic] } });
  if (!isDir) return stop(createDiagnostic('spec-dir-missing', { dir: displayDir }, top));
  const found = findSpecFiles(specDir);
  if (found.length === 0) return stop(createDiagnostic('no-spec-files', { dir: displayDir }, top));
  return {
    toLoad: found.map((entry) => {
      const displayPath = join(displayDir, entry.path);
      const whole = { file: displayPath, line: 0, column: 0 };
      if (entry.kind === 'outside') return createDiagnostic('ref-outside-spec', { ref: entry.path }, whole);
      if (entry.kind === 'unreadable') return createDiagnostic('io-error', { reason: entry.reason }, whole);
      const bytes = read?.get(entry.real);
      return { path: entry.path, displayPath, real: entry.real, ...(bytes ? { bytes } : {}) };
    }),
  };
}

/** Parses spec text, with the options every spec file is parsed with. */
function parseSpecText(text: string): Document.Parsed {
  return yamlLibrary().parseDocument(text, { uniqueKeys: true, prettyErrors: false, strict: true });
}

function unparsed(path: string, displayPath: string, text = ''): SpecFile {
  return { path, displayPath, text, doc: undefined, position: lineIndex(text), data: undefined };
}

function loadFile(entry: FileToLoad, diagnostics: Diagnostic[]): SpecFile {
  const { path, displayPath } = entry;
  const whole = { file: displayPath, line: 0, column: 0 };
  const read = readSpecText(entry.real, entry.bytes);
  if (!read.ok) {
    if (read.problem === 'too-large')
      diagnostics.push(createDiagnostic('file-too-large', { limit: MAX_FILE_BYTES }, whole));
    else if (read.problem === 'not-text') diagnostics.push(createDiagnostic('not-text', {}, whole));
    else diagnostics.push(createDiagnostic('io-error', { reason: read.reason ?? 'unreadable' }, whole));
    return unparsed(path, displayPath);
  }
  const text = read.text;
  const position = lineIndex(text);
  const at = (offset: number): Location => ({ file: displayPath, ...position(offset) });
  // The common case: a text in the subset that yaml-subset.ts reads, to the same value, many times faster
  // (it declines nesting deeper than MAX_DEPTH, so that its recursion stays shallow).
  const value = readYamlSubset(text);
  if (value !== UNSUPPORTED) return withLazyTree(path, displayPath, text, position, value);
  // Refused before the library's recursion sees it.
  const deep = tooDeepAt(text);
  if (deep >= 0) {
    diagnostics.push(
      createDiagnostic('yaml-syntax', { detail: `nesting deeper than ${MAX_DEPTH} levels` }, at(deep)),
    );
    return unparsed(path, displayPath, text);
  }
  const doc = parseSpecText(text);
  const problems = [...doc.errors, ...doc.warnings];
  for (const problem of problems) {
    diagnostics.push(
      createDiagnostic(
        'yaml-syntax',
        { detail: yamlMessage(problem.code, problem.message) },
        at(problem.pos[0]),
      ),
    );
  }
  const aliases = checkAliases(doc, diagnostics, at);
  if (problems.length + aliases.unresolved > 0) return { ...unparsed(path, displayPath, text), doc };
  try {
    const data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    return { path, displayPath, text, doc, position, data };
  } catch (error) {
    const detail = `${(error as Error).message.split('\n')[0]} (aliases expand too much)`;
    diagnostics.push(createDiagnostic('yaml-syntax', { detail }, at(aliases.first ?? 0)));
    return { ...unparsed(path, displayPath, text), doc };
  }
}

function yamlMessage(code: string, message: string): string {
  if (code === 'MULTIPLE_DOCS') return 'a spec file holds one YAML document; this is a second one (---)';
  return message.split('\n')[0]?.trim() ?? message;
}

/**
 * One pass over the document in order: every alias must refer to an anchor defined before it. Linear in
 * the size of the file (resolving each alias on its own would walk the document once per alias).
 */
function checkAliases(
  doc: Document.Parsed,
  diagnostics: Diagnostic[],
  at: (offset: number) => Location,
): { unresolved: number; first?: number } {
  const { isAlias, isCollection, isScalar, visit } = yamlLibrary();
  const anchors = new Set<string>();
  let unresolved = 0;
  let first: number | undefined;
  visit(doc, (_key, node) => {
    if (isAlias(node)) {
      const offset = node.range?.[0] ?? 0;
      first ??= offset;
      if (!anchors.has(node.source)) {
        unresolved++;
        diagnostics.push(
          createDiagnostic(
            'yaml-syntax',
            { detail: `alias *${node.source} refers to no anchor` },
            at(offset),
          ),
        );
      }
    } else if ((isScalar(node) || isCollection(node)) && node.anchor) anchors.add(node.anchor);
  });
  return first === undefined ? { unresolved } : { unresolved, first };
}
