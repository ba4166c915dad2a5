/**
 * Shared helpers for the tests: temporary folders, running the CLI in-process, and the real catalog.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../generator/cli/main.js';
import type { NamedEmitter } from '../generator/emit/contract.js';
import { EMITTERS, emitAll } from '../generator/emit/index.js';
import { buildCatalog, type CatalogResult } from '../generator/index.js';
import type { Catalog } from '../generator/model/catalog.js';
import { loadAssets } from '../generator/support/assets.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SPEC_DIR = join(ROOT, 'spec');
export const GENERATED_DIR = join(ROOT, 'generated');

const temps: string[] = [];

/** A fresh temporary folder, removed when the process exits. */
export function tempDir(prefix = 'ecs-events-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}
process.on('exit', () => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the real spec in a temporary folder (named "spec", so banners match). */
export function copySpec(): string {
  const dir = join(tempDir(), 'spec');
  cpSync(SPEC_DIR, dir, { recursive: true });
  return dir;
}

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in this process with `cwd` as its working folder. */
export async function runCli(args: readonly string[], cwd: string = ROOT): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { cwd, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

export type GenerateResult = CatalogResult & { readonly files?: ReadonlyMap<string, string> };

/** Everything a spec produces, in memory (the emitters of the chain, without writing). */
export async function generateFiles(
  specDir: string,
  shownSpec: string = specDir,
  emitters: readonly NamedEmitter[] = EMITTERS,
): Promise<GenerateResult> {
  const result = await buildCatalog(specDir, shownSpec);
  if (!result.catalog) return result;
  return { ...result, files: await emitAll(result.catalog, loadAssets(), emitters) };
}

let real: Promise<GenerateResult> | undefined;

/** The real spec, generated in memory once per test process. */
export function realOutput(): Promise<
  GenerateResult & { catalog: Catalog; files: ReadonlyMap<string, string> }
> {
  real ??= generateFiles(SPEC_DIR, 'spec');
  return real as Promise<GenerateResult & { catalog: Catalog; files: ReadonlyMap<string, string> }>;
}

/** Every file under `dir` with its bytes, for before/after comparisons. */
export function snapshotDir(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.set(relative(dir, full).split(sep).join('/'), readFileSync(full, 'latin1'));
    }
  };
  walk(dir);
  return out;
}

/** Modification times of every file under `dir`. */
export function mtimes(dir: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const path of snapshotDir(dir).keys()) out.set(path, statSync(join(dir, path)).mtimeMs);
  return out;
}

/**
 * A small valid family for the minimal golden spec (15 lines); `format` adds one line (11) to its field,
 * `extra` goes at the end.
 */
export const caseFamily = (extra = '', format = ''): string => `kind: family
id: case
typeName: Case
title: { zh: 例, en: Case }
description: { zh: 例。, en: Case. }
source: doc#widgets
level: { documented: INFO, source: doc#widgets }
content:
  - name: caseId
    type: string
${format ? `    format: ${format}\n` : ''}    description: { zh: ID, en: ID }
notifications:
  - name: Case:Happened
    label: { zh: 发生, en: Happened }
${extra}`;
