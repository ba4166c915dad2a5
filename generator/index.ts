/**
 * The whole run, in order:
 *
 *   inputs digest → up to date? → load → validate → model → check examples → emit → write or check → remember
 *
 * `generate` is what `ecs-events generate` and `check` run, and what the golden tests run. Each stage
 * returns diagnostics instead of throwing; the chain stops at the first stage that reports an error,
 * before anything is emitted or written. The stages are imported when the run reaches them: a run that
 * finds its output up to date loads none of them.
 */
import { basename } from 'node:path';
import { cachedDerived, inputKey, isUpToDate, remember, specDigest } from './cache/index.js';
import type { LoadOptions } from './load/spec.js';
import type { Catalog } from './model/catalog.js';
import { type Diagnostic, sortDiagnostics } from './support/diagnostics.js';
import type { Drift } from './write/check.js';
import type { WriteResult } from './write/session.js';

export interface CatalogResult {
  readonly catalog?: Catalog;
  readonly diagnostics: readonly Diagnostic[];
  /** File texts by displayed path, for code frames. */
  readonly sources: ReadonlyMap<string, string>;
}

export interface GenerateOptions {
  readonly specDir: string;
  readonly outDir: string;
  /** How the spec folder is shown in diagnostics (default: `specDir`). */
  readonly shownSpec?: string;
  /** Compare the output folder with what the spec gives instead of writing it. */
  readonly check?: boolean;
  /** Replace the contents of an output folder that the toolkit did not write. */
  readonly force?: boolean;
  /** Use the record of the last run and the cached model (default true; `--no-cache` turns it off). */
  readonly cache?: boolean;
}

export type GenerateOutcome =
  | { readonly kind: 'up-to-date' }
  | ({ readonly kind: 'invalid' } & CatalogResult)
  | { readonly kind: 'checked'; readonly drift: Drift }
  | { readonly kind: 'written'; readonly result: WriteResult };

/** Generates (or checks) the output folder from the spec folder. */
export async function generate(options: GenerateOptions): Promise<GenerateOutcome> {
  const cache = options.cache !== false;
  // 1. The inputs' digest; the bytes it read are what the model is built from.
  const read = new Map<string, Buffer>();
  const digest = specDigest(options.specDir, read);
  const key = inputKey(options.specDir, [], digest);
  // 2. Up to date: the same inputs gave the files that are still there.
  if (cache && isUpToDate(options.outDir, key)) return { kind: 'up-to-date' };
  // 3–6. Load, validate, model, check the examples (the model is cached under the inputs' digest).
  const built = await catalogOf(options.specDir, options.shownSpec, { cache, digest, read });
  read.clear();
  if (!built.catalog) return { kind: 'invalid', ...built };
  // 7. Emit, then write the folder or compare it.
  const { checkCatalog, writeCatalog } = await import('./write/catalog.js');
  if (options.check) {
    const drift = await checkCatalog(built.catalog, options.outDir);
    // 8. Remember what was found in order, so that the next run can stop at step 2.
    if (cache && isClean(drift)) remember(options.outDir, key);
    return { kind: 'checked', drift };
  }
  const result = await writeCatalog(built.catalog, options.outDir, options.force === true);
  if (cache) remember(options.outDir, key, result.files);
  return { kind: 'written', result };
}

interface CatalogCache {
  readonly cache: boolean;
  readonly digest: string | undefined;
  readonly read: ReadonlyMap<string, Buffer>;
}

/**
 * The validated model of a spec folder: from the cache when the digest of its inputs is unchanged
 * (regenerating into an empty folder, after a reverted template edit…), built otherwise.
 */
export async function catalogOf(
  specDir: string,
  shownSpec: string = specDir,
  { cache, digest, read }: CatalogCache = { cache: false, digest: undefined, read: new Map() },
): Promise<CatalogResult> {
  let failed: CatalogResult | undefined;
  const build = async () => {
    const built = await buildCatalog(specDir, shownSpec, digest === undefined ? {} : { read });
    if (!built.catalog) failed = built;
    return built.catalog;
  };
  const catalog = cache
    ? await cachedDerived(specDir, `model:${basename(specDir)}`, build, { digest })
    : await build();
  if (catalog) return { catalog, diagnostics: [], sources: new Map() };
  return failed ?? { diagnostics: [], sources: new Map() };
}

/** Load → validate → model → check examples, without any cache. */
export async function buildCatalog(
  specDir: string,
  shownSpec: string = specDir,
  options: LoadOptions = {},
): Promise<CatalogResult> {
  const [load, format, context, rules, examples, model, checks] = await Promise.all([
    import('./load/spec.js'),
    import('./validate/format.js'),
    import('./validate/context.js'),
    import('./validate/rules.js'),
    import('./validate/examples.js'),
    import('./model/build.js'),
    import('./validate/check-examples.js'),
  ]);
  const loaded = await load.loadSpecFiles(specDir, shownSpec, options);
  const sources = new Map(loaded.files.map((f) => [f.displayPath, f.text]));
  const stop = (diagnostics: readonly Diagnostic[]) => ({
    diagnostics: sortDiagnostics(diagnostics),
    sources,
  });
  if (hasErrors(loaded.diagnostics)) return stop(loaded.diagnostics);
  const formatErrors = await format.validateFormat(loaded.files);
  if (hasErrors(formatErrors)) return stop(formatErrors);
  const ctx = context.createRuleContext(specDir, loaded.files, options.read);
  // Without the catalog, every reference to it would be reported as unknown: report the cause alone.
  if (!ctx.catalog) return stop(ctx.diagnostics);
  rules.validateRules(ctx);
  const read = examples.readExamples(ctx);
  if (hasErrors(ctx.diagnostics) || !ctx.catalog) return stop(ctx.diagnostics);
  const catalog = model.buildModel(specDir, ctx.catalog, ctx.families, read, ctx.releases);
  const exampleErrors = await checks.checkExamples(catalog, ctx);
  if (hasErrors(exampleErrors)) return stop(exampleErrors);
  return { catalog, diagnostics: [], sources };
}

function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

function isClean(drift: Drift): boolean {
  return drift.stale.length + drift.missing.length + drift.orphaned.length === 0;
}
