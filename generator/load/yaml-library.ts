/**
 * The `yaml` library, loaded on first use, and how the loader parses a spec file with it. A spec written in
 * the subset that yaml-subset.ts reads never needs it on the way to its outputs: it is loaded only to parse
 * a text outside the subset, or to find the line and column of a node for a diagnostic.
 */
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import type { Document } from 'yaml';
import { createDiagnostic, type Diagnostic, type Location } from '../support/diagnostics.js';
import { MAX_DEPTH, tooDeepAt } from './files.js';

let library: typeof Yaml | undefined;

export function yamlLibrary(): typeof Yaml {
  library ??= createRequire(import.meta.url)('yaml') as typeof Yaml;
  return library;
}

/** Aliases expanded per file beyond this count are taken for an alias bomb. */
const MAX_ALIAS_COUNT = 1000;

/** Parses spec text, with the options every spec file is parsed with. */
export function parseSpecText(text: string): Document.Parsed {
  return yamlLibrary().parseDocument(text, { uniqueKeys: true, prettyErrors: false, strict: true });
}

/** What the library made of a text: its value when `ok`, and its syntax tree when it got that far. */
export interface LibraryParse {
  readonly ok: boolean;
  readonly doc: Document.Parsed | undefined;
  readonly data: unknown;
}

/**
 * Parses a spec file's text with the library, reporting every problem as a positioned diagnostic: nesting
 * too deep (refused before the library's recursion sees it), syntax errors and warnings, aliases to no
 * anchor, and aliases that expand too much.
 */
export function parseWithLibrary(
  text: string,
  at: (offset: number) => Location,
  diagnostics: Diagnostic[],
): LibraryParse {
  const deep = tooDeepAt(text);
  if (deep >= 0) {
    const detail = `nesting deeper than ${MAX_DEPTH} levels`;
    diagnostics.push(createDiagnostic('yaml-syntax', { detail }, at(deep)));
    return { ok: false, doc: undefined, data: undefined };
  }
  const doc = parseSpecText(text);
  const problems = [...doc.errors, ...doc.warnings];
  for (const problem of problems) {
    const detail = yamlMessage(problem.code, problem.message);
    diagnostics.push(createDiagnostic('yaml-syntax', { detail }, at(problem.pos[0])));
  }
  const aliases = checkAliases(doc, diagnostics, at);
  if (problems.length + aliases.unresolved > 0) return { ok: false, doc, data: undefined };
  try {
    return { ok: true, doc, data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (error) {
    const detail = `${(error as Error).message.split('\n')[0]} (aliases expand too much)`;
    diagnostics.push(createDiagnostic('yaml-syntax', { detail }, at(aliases.first ?? 0)));
    return { ok: false, doc, data: undefined };
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
        const detail = `alias *${node.source} refers to no anchor`;
        diagnostics.push(createDiagnostic('yaml-syntax', { detail }, at(offset)));
      }
    } else if ((isScalar(node) || isCollection(node)) && node.anchor) anchors.add(node.anchor);
  });
  return first === undefined ? { unresolved } : { unresolved, first };
}
