/**
 * Stage 1, load: read every YAML file of the spec folder and parse it with source positions kept, so that
 * later stages can point at the line and column of any value. Input that could exhaust the parser (files
 * too large, nesting too deep, alias bombs) is refused with a positioned diagnostic first.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Document } from 'yaml';
import { createDiagnostic, type Diagnostic, type Location } from '../support/diagnostics.js';
import { isOff } from '../support/switches.js';
import { findSpecFiles, lineIndex, MAX_FILE_BYTES, type ReadFiles, readSpecText } from './files.js';
import { parseSpecText, parseWithLibrary } from './yaml-library.js';
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

/** A spec file to read, and how its path is shown; `bytes` when this run has read it already. */
interface FileToLoad {
  readonly path: string;
  readonly displayPath: string;
  readonly real: string;
  readonly bytes?: Uint8Array;
}

type Listing =
  | { readonly done: LoadResult }
  | { readonly toLoad: readonly (FileToLoad | Diagnostic)[]; readonly done?: undefined };

/** Reads and parses every `*.yaml` / `*.yml` file under `specDir`, in a stable order. */
export function loadSpec(
  specDir: string,
  displayDir: string = specDir,
  options: LoadOptions = {},
): LoadResult {
  const listing = listSpec(specDir, displayDir, options.read);
  if (listing.done) return listing.done;
  const diagnostics: Diagnostic[] = [];
  const files: SpecFile[] = [];
  for (const entry of listing.toLoad) {
    if ('code' in entry) diagnostics.push(entry);
    else files.push(loadFile(entry, diagnostics));
  }
  return { specDir, files, diagnostics };
}

/** As loadSpec, for the chain, whose stages are awaited one after the other. */
export async function loadSpecFiles(
  specDir: string,
  displayDir: string = specDir,
  options: LoadOptions = {},
): Promise<LoadResult> {
  return loadSpec(specDir, displayDir, options);
}

export interface LoadOptions {
  /** Files this run has read already (see ReadFiles): parsed from these bytes, not read again. */
  readonly read?: ReadFiles;
}

/**
 * A file whose value the subset reader knew, and whose syntax tree is parsed from its text by the library
 * only if a diagnostic needs to point into it.
 */
function withLazyTree(
  path: string,
  displayPath: string,
  text: string,
  position: SpecFile['position'],
  data: unknown,
): SpecFile {
  let doc: Document.Parsed | undefined;
  return {
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
  const { text } = read;
  const position = lineIndex(text);
  // The common case: a text in the subset that yaml-subset.ts reads, to the same value, many times faster
  // (it declines nesting deeper than MAX_DEPTH, so that its recursion stays shallow). Switched off, every
  // text takes the library's path.
  const value = isOff('subset-reader') ? UNSUPPORTED : readYamlSubset(text);
  if (value !== UNSUPPORTED) return withLazyTree(path, displayPath, text, position, value);
  const at = (offset: number): Location => ({ file: displayPath, ...position(offset) });
  const parsed = parseWithLibrary(text, at, diagnostics);
  if (!parsed.ok) return { ...unparsed(path, displayPath, text), doc: parsed.doc };
  return { path, displayPath, text, doc: parsed.doc, position, data: parsed.data };
}
