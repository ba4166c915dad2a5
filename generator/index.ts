/**
 * The chain of stages: load → validate → model → check examples → emit. Each stage returns diagnostics;
 * the chain stops at the first stage that reports an error, before anything is emitted or written.
 */

import type { Emitter } from './emit/contract.js';
import { EMITTERS, emitAll } from './emit/index.js';
import { type LoadOptions, loadSpecFiles } from './load/spec.js';
import { buildModel } from './model/build.js';
import type { Catalog } from './model/catalog.js';
import { loadAssets } from './support/assets.js';
import type { Diagnostic } from './support/diagnostics.js';
import { sortDiagnostics } from './support/diagnostics.js';
import { checkExamples } from './validate/check-examples.js';
import { createRuleContext } from './validate/context.js';
import { readExamples } from './validate/examples.js';
import { validateFormat } from './validate/format.js';
import { validateRules } from './validate/rules.js';

export interface CatalogResult {
  readonly catalog?: Catalog;
  readonly diagnostics: readonly Diagnostic[];
  /** File texts by displayed path, for code frames. */
  readonly sources: ReadonlyMap<string, string>;
}

export interface GenerateResult extends CatalogResult {
  readonly files?: ReadonlyMap<string, string>;
}

/** Loads, validates and models the spec in `specDir`; `displayDir` is how its path is shown. */
export async function buildCatalog(
  specDir: string,
  displayDir: string = specDir,
  options: LoadOptions = {},
): Promise<CatalogResult> {
  const loaded = await loadSpecFiles(specDir, displayDir, options);
  const sources = new Map(loaded.files.map((f) => [f.displayPath, f.text]));
  const stop = (diagnostics: readonly Diagnostic[]) => ({
    diagnostics: sortDiagnostics(diagnostics),
    sources,
  });
  if (hasErrors(loaded.diagnostics)) return stop(loaded.diagnostics);
  const formatErrors = await validateFormat(loaded.files);
  if (hasErrors(formatErrors)) return stop(formatErrors);
  const ctx = createRuleContext(specDir, loaded.files, options.read);
  // Without the catalog, every reference to it would be reported as unknown: report the cause alone.
  if (!ctx.catalog) return stop(ctx.diagnostics);
  validateRules(ctx);
  const examples = readExamples(ctx);
  if (hasErrors(ctx.diagnostics) || !ctx.catalog) return stop(ctx.diagnostics);
  const catalog = buildModel(specDir, ctx.catalog, ctx.families, examples);
  const exampleErrors = await checkExamples(catalog, ctx);
  if (hasErrors(exampleErrors)) return stop(exampleErrors);
  return { catalog, diagnostics: [], sources };
}

/** Everything the spec produces, in memory; nothing is written. */
export async function generateFiles(
  specDir: string,
  displayDir: string = specDir,
  emitters: readonly { readonly name: string; readonly emit: Emitter }[] = EMITTERS,
): Promise<GenerateResult> {
  const result = await buildCatalog(specDir, displayDir);
  if (!result.catalog) return result;
  return { ...result, files: await emitAll(result.catalog, loadAssets(), emitters) };
}

function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
