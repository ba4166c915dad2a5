/**
 * Stage 1, load: read every YAML file of the spec folder and parse it with source positions kept, so that
 * later stages can point at the line and column of any value. Input that could exhaust the parser (files
 * too large, nesting too deep, alias bombs) is refused with a positioned diagnostic first.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { type Document, isAlias, isCollection, isScalar, parseDocument, visit } from 'yaml';
import { createDiagnostic, type Diagnostic, type Location } from './diagnostics.js';
import {
  findSpecFiles,
  lineIndex,
  MAX_DEPTH,
  MAX_FILE_BYTES,
  readSpecText,
  tooDeepAt,
} from './spec-files.js';

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

/** Reads and parses every `*.yaml` / `*.yml` file under `specDir`, in a stable order. */
export function loadSpec(specDir: string, displayDir: string = specDir): LoadResult {
  const top = { file: displayDir, line: 0, column: 0 };
  let isDir = false;
  try {
    isDir = statSync(specDir).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir)
    return {
      specDir,
      files: [],
      diagnostics: [createDiagnostic('spec-dir-missing', { dir: displayDir }, top)],
    };
  const found = findSpecFiles(specDir);
  if (found.length === 0)
    return { specDir, files: [], diagnostics: [createDiagnostic('no-spec-files', { dir: displayDir }, top)] };
  const diagnostics: Diagnostic[] = [];
  const files: SpecFile[] = [];
  for (const entry of found) {
    const displayPath = join(displayDir, entry.path);
    const whole = { file: displayPath, line: 0, column: 0 };
    if (entry.kind === 'outside')
      diagnostics.push(createDiagnostic('ref-outside-spec', { ref: entry.path }, whole));
    else if (entry.kind === 'unreadable')
      diagnostics.push(createDiagnostic('io-error', { reason: entry.reason }, whole));
    else files.push(loadFile(entry.path, displayPath, entry.real, diagnostics));
  }
  return { specDir, files, diagnostics };
}

function unparsed(path: string, displayPath: string, text = ''): SpecFile {
  return { path, displayPath, text, doc: undefined, position: lineIndex(text), data: undefined };
}

function loadFile(path: string, displayPath: string, real: string, diagnostics: Diagnostic[]): SpecFile {
  const whole = { file: displayPath, line: 0, column: 0 };
  const read = readSpecText(real);
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
  const deep = tooDeepAt(text);
  if (deep >= 0) {
    diagnostics.push(
      createDiagnostic('yaml-syntax', { detail: `nesting deeper than ${MAX_DEPTH} levels` }, at(deep)),
    );
    return unparsed(path, displayPath, text);
  }
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, strict: true });
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
