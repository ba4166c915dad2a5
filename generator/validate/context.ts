/**
 * What the semantic rules share: the files sorted by kind, and one way to report a positioned diagnostic.
 */

import type { ReadFiles } from '../load/files.js';
import { type DataPath, locate } from '../load/positions.js';
import type { SpecFile } from '../load/spec.js';
import type { RawCatalog, RawFamily, RawReleases } from '../load/spec-types.js';
import { createDiagnostic, type Diagnostic, type DiagnosticCode } from '../support/diagnostics.js';

export interface Located<T> {
  readonly file: SpecFile;
  readonly data: T;
}

export interface RuleContext {
  readonly specDir: string;
  /** Files this run has read already (examples are taken from these bytes, see ReadFiles). */
  readonly read?: ReadFiles;
  readonly catalog: Located<RawCatalog> | undefined;
  readonly families: readonly Located<RawFamily>[];
  /** The record of the catalog's releases, when the spec has one. */
  readonly releases?: Located<RawReleases> | undefined;
  readonly diagnostics: Diagnostic[];
  report(
    code: DiagnosticCode,
    args: Record<string, string | number>,
    file: SpecFile,
    path: DataPath,
    target?: 'key' | 'value',
  ): void;
}

/** Sorts the format-valid files by kind and sets up reporting. */
export function createRuleContext(
  specDir: string,
  files: readonly SpecFile[],
  read?: ReadFiles,
): RuleContext {
  const diagnostics: Diagnostic[] = [];
  const catalogs: Located<RawCatalog>[] = [];
  const families: Located<RawFamily>[] = [];
  const releases: Located<RawReleases>[] = [];
  for (const file of files) {
    const data = file.data as RawCatalog | RawFamily | RawReleases;
    if (data.kind === 'catalog') catalogs.push({ file, data });
    else if (data.kind === 'releases') releases.push({ file, data });
    else families.push({ file, data });
  }
  const report: RuleContext['report'] = (code, args, file, path, target) => {
    diagnostics.push(createDiagnostic(code, args, locate(file, path, target)));
  };
  for (const [kind, found] of [
    ['catalog', catalogs],
    ['releases', releases],
  ] as const) {
    for (const extra of found.slice(1))
      report(`duplicate-${kind}`, { other: found[0]?.file.displayPath ?? '' }, extra.file, ['kind']);
  }
  if (catalogs.length === 0) {
    const first = files[0];
    diagnostics.push(
      createDiagnostic(
        'missing-catalog',
        {},
        { file: first ? first.displayPath : specDir, line: 0, column: 0 },
      ),
    );
  }
  const context = { specDir, ...(read ? { read } : {}), catalog: catalogs[0], families, diagnostics, report };
  return { ...context, releases: releases[0] };
}

/** "a", "b", "c" for listing known names in messages; long lists are cut. */
export function listKnown(values: readonly unknown[]): string {
  if (values.length === 0) return '(none)';
  const shown = values.slice(0, 12).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  return values.length > 12 ? `${shown.join(', ')}, … (${values.length} in all)` : shown.join(', ');
}

/** Reports every item whose key was already used, pointing at the later one and naming the first. */
export function checkUnique<T>(
  ctx: RuleContext,
  items: readonly { file: SpecFile; path: DataPath; item: T }[],
  keyOf: (item: T) => string,
  describe: (key: string, other: string) => { code: DiagnosticCode; args: Record<string, string> },
): void {
  const first = new Map<string, { file: SpecFile; path: DataPath }>();
  for (const { file, path, item } of items) {
    const key = keyOf(item);
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, { file, path });
      continue;
    }
    const at = locate(earlier.file, earlier.path);
    const { code, args } = describe(key, `${at.file}:${at.line}:${at.column}`);
    ctx.report(code, args, file, path);
  }
}
