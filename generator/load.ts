/**
 * Stage 1, load: read every YAML file of the spec folder and parse it with source positions kept, so that
 * later stages can point at the line and column of any value.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { type Alias, type Document, isAlias, LineCounter, parseDocument, visit } from 'yaml';
import { compareStrings, createDiagnostic, type Diagnostic, errorReason } from './diagnostics.js';

/** One parsed spec file. `data` is the plain value, or undefined when the file could not be parsed. */
export interface SpecFile {
  /** Path relative to the spec folder, with forward slashes: the file's identity in the model. */
  readonly path: string;
  /** Path as shown in diagnostics. */
  readonly displayPath: string;
  readonly text: string;
  readonly doc: Document.Parsed | undefined;
  readonly lineCounter: LineCounter;
  readonly data: unknown;
}

export interface LoadResult {
  readonly specDir: string;
  readonly files: readonly SpecFile[];
  readonly diagnostics: readonly Diagnostic[];
}

/** Files larger than this are refused before parsing: a catalog of 10,000 events is a few MiB. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;
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
  const paths = listYamlFiles(specDir);
  if (paths.length === 0)
    return { specDir, files: [], diagnostics: [createDiagnostic('no-spec-files', { dir: displayDir }, top)] };
  const diagnostics: Diagnostic[] = [];
  const files = paths.map((path) => loadFile(specDir, path, join(displayDir, path), diagnostics));
  return { specDir, files, diagnostics };
}

function listYamlFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(entry.name)) out.push(relative(root, full).split(sep).join('/'));
    }
  };
  walk(root);
  return out.sort(compareStrings);
}

function loadFile(specDir: string, path: string, displayPath: string, diagnostics: Diagnostic[]): SpecFile {
  const lineCounter = new LineCounter();
  const empty = { path, displayPath, text: '', doc: undefined, lineCounter, data: undefined };
  const whole = { file: displayPath, line: 0, column: 0 };
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(specDir, path));
  } catch (error) {
    diagnostics.push(createDiagnostic('io-error', { reason: errorReason(error) }, whole));
    return empty;
  }
  if (bytes.length > MAX_FILE_BYTES) {
    diagnostics.push(createDiagnostic('file-too-large', { limit: MAX_FILE_BYTES }, whole));
    return empty;
  }
  const text = decodeText(bytes);
  if (text === undefined) {
    diagnostics.push(createDiagnostic('not-text', {}, whole));
    return empty;
  }
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const at = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return { file: displayPath, line: pos.line, column: pos.col };
  };
  const problems = [...doc.errors, ...doc.warnings];
  for (const problem of problems) {
    diagnostics.push(
      createDiagnostic('yaml-syntax', { detail: firstLine(problem.message) }, at(problem.pos[0])),
    );
  }
  const unresolved = findUnresolvedAliases(doc, diagnostics, at);
  if (problems.length + unresolved.length > 0) return { ...empty, text, doc };
  try {
    const data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    return { path, displayPath, text, doc, lineCounter, data };
  } catch (error) {
    diagnostics.push(createDiagnostic('yaml-syntax', { detail: errorReason(error) }, at(0)));
    return { ...empty, text, doc };
  }
}

function findUnresolvedAliases(
  doc: Document.Parsed,
  diagnostics: Diagnostic[],
  at: (offset: number) => { file: string; line: number; column: number },
): unknown[] {
  const found: unknown[] = [];
  visit(doc, {
    Alias(_key, node: Alias) {
      if (isAlias(node) && node.resolve(doc) === undefined) {
        found.push(node);
        const detail = `alias *${node.source} refers to no anchor`;
        diagnostics.push(createDiagnostic('yaml-syntax', { detail }, at(node.range?.[0] ?? 0)));
      }
    },
  });
  return found;
}

/** UTF-8 text without NUL bytes, or undefined for anything binary. A leading BOM is dropped. */
function decodeText(bytes: Buffer): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return undefined;
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0]?.trim() ?? message;
}
