/**
 * Synthesises spec folders of a chosen size from the real catalog: catalog.yaml is copied as is, and the
 * family files are repeated under new family ids, type names and notification names until the catalog
 * holds exactly the requested number of names. Every copy keeps the real shapes (fields, presence rules,
 * lifecycles, examples), so a synthetic catalog costs what a real catalog of that size would.
 *
 * Run alone (`node --import tsx bench/synthesize.ts`) it writes bench/.work/spec-1k and spec-10k and checks
 * that each generates without diagnostics.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument, stringify } from 'yaml';
import { moveAside } from './trash.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const WORK = join(ROOT, 'bench', '.work');
export const CLI = join(ROOT, 'dist', 'generator', 'cli', 'main.js');

type Json = Record<string, unknown>;

interface Family extends Json {
  id: string;
  typeName: string;
  nameTemplate?: string;
  notifications: ({ name: string } & Json)[];
  presence?: ({ when: { names?: string[] } & Json } & Json)[];
  examples?: ({
    id: string;
    notification?: string;
    describes?: string;
    json?: string;
    file?: string;
  } & Json)[];
}

interface Source {
  readonly file: string;
  readonly family: Family;
}

export interface SynthesisResult {
  readonly dir: string;
  readonly names: number;
  readonly families: number;
}

/** Writes a spec folder with exactly `names` notification names, built from the spec in `sourceDir`. */
export function synthesizeSpec(sourceDir: string, targetDir: string, names: number): SynthesisResult {
  moveAside(targetDir);
  mkdirSync(join(targetDir, 'families'), { recursive: true });
  cpSync(join(sourceDir, 'catalog.yaml'), join(targetDir, 'catalog.yaml'));
  // The catalog's sources point into sources/; keep them so that the copy is a complete spec folder.
  const sources = join(sourceDir, 'sources');
  if (existsSync(sources)) cpSync(sources, join(targetDir, 'sources'), { recursive: true });
  const discriminator = readDiscriminator(join(sourceDir, 'catalog.yaml'));
  const families = readFamilies(sourceDir);
  const perCopy = families.reduce((n, f) => n + f.family.notifications.length, 0);
  if (perCopy === 0) throw new Error(`${sourceDir} has no notification names to repeat`);
  const header = `# yaml-language-server: $schema=${relative(join(targetDir, 'families'), join(ROOT, 'generator', 'spec-format.schema.json'))}\n`;
  let made = 0;
  let files = 0;
  for (let copy = 1; made < names; copy++) {
    for (const source of families) {
      if (made >= names) break;
      const family = copyFamily(source, copy, names - made, discriminator);
      made += family.notifications.length;
      files++;
      const text = stringify(family, { aliasDuplicateObjects: false, lineWidth: 0 });
      writeFileSync(join(targetDir, 'families', `${family.id}.yaml`), header + text);
    }
  }
  return { dir: targetDir, names: made, families: files };
}

function readDiscriminator(catalogFile: string): string {
  const catalog = parseDocument(readFileSync(catalogFile, 'utf8')).toJS() as {
    envelope?: { discriminator?: string };
  };
  return catalog.envelope?.discriminator ?? 'name';
}

function readFamilies(sourceDir: string): Source[] {
  const dir = join(sourceDir, 'families');
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => ({ file: join(dir, f), family: parseDocument(readFileSync(join(dir, f), 'utf8')).toJS() }))
    .filter((s): s is Source => (s.family as Json | null)?.kind === 'family');
}

/**
 * "Instance:StateChange" → "Instance:StateChange0042": the segment after the resource type's prefix carries
 * the copy number (the prefix itself is the resource type's, which every name must keep).
 */
export function renameFor(copy: number): (name: string) => string {
  const suffix = String(copy).padStart(4, '0');
  return (name) =>
    name.replace(/^([^:]*:)?([^:]*)/, (_all, prefix = '', head) => `${prefix}${head}${suffix}`);
}

/** Copy number `copy` of a family, with at most `limit` notifications (the last copy may be partial). */
function copyFamily(source: Source, copy: number, limit: number, discriminator: string) {
  const { family } = source;
  const suffix = String(copy).padStart(4, '0');
  const rename = renameFor(copy);
  const kept = family.notifications.slice(0, limit);
  const keptNames = new Set(kept.map((n) => n.name));
  const out: Family = {
    ...structuredClone(family),
    id: `${family.id}-${suffix}`,
    typeName: `${family.typeName}${suffix}`,
    notifications: kept.map((n) => ({ ...structuredClone(n), name: rename(n.name) })),
  };
  if (family.nameTemplate !== undefined) out.nameTemplate = rename(family.nameTemplate);
  if (family.presence) out.presence = copyPresence(family.presence, keptNames, rename);
  const examples = (family.examples ?? []).flatMap((example) => {
    const text = example.json ?? readFileSync(resolve(dirname(source.file), example.file ?? ''), 'utf8');
    const carried = example.notification ?? carriedName(text, discriminator);
    if (carried === undefined || !keptNames.has(carried)) return [];
    const { file: _file, ...rest } = structuredClone(example);
    return [
      {
        ...rest,
        id: `${example.id}-${suffix}`,
        notification: rename(carried),
        ...(example.describes === undefined ? {} : { describes: rename(example.describes) }),
        json: renameInJson(text, discriminator, carried, rename(carried)),
      },
    ];
  });
  if (family.examples) out.examples = examples;
  return out;
}

/** Presence rules that name notifications follow the renaming; a rule left with no name is dropped. */
function copyPresence(
  rules: NonNullable<Family['presence']>,
  kept: Set<string>,
  rename: (n: string) => string,
) {
  return rules.flatMap((rule) => {
    const names = rule.when.names;
    if (names === undefined) return [structuredClone(rule)];
    const left = names.filter((n) => kept.has(n)).map(rename);
    return left.length === 0 ? [] : [{ ...structuredClone(rule), when: { ...rule.when, names: left } }];
  });
}

function carriedName(text: string, discriminator: string): string | undefined {
  try {
    const value = JSON.parse(text) as Json;
    const name = value[discriminator];
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}

/** Renames the event inside the example's verbatim JSON, leaving every other byte as it was. */
function renameInJson(text: string, discriminator: string, from: string, to: string): string {
  const quote = (s: string) => JSON.stringify(s).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(${quote(discriminator)}\\s*:\\s*)${quote(from)}`);
  return text.replace(pattern, (_m, key: string) => `${key}${JSON.stringify(to)}`);
}

/** Generates `specDir` into `outDir` and fails loudly on any diagnostic; `nodeFlags` go to node. */
export function verifySpec(specDir: string, outDir: string, nodeFlags: readonly string[] = []): void {
  moveAside(outDir);
  const args = [...nodeFlags, CLI, 'generate', '--spec', specDir, '--out', outDir, '--brief'];
  const run = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0 || run.stderr.trim() !== '') {
    const detail = run.stderr.split('\n').slice(0, 20).join('\n');
    throw new Error(`generate --spec ${specDir} exited ${run.status ?? run.signal} with:\n${detail}`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // This checks the synthetic specs, not the generator's memory: the heap is raised so that a catalog
  // too big for node's default heap still shows whether it has diagnostics.
  const heap = [`--max-old-space-size=${Number(process.env.BENCH_LARGE_HEAP_MB ?? 16_384)}`];
  for (const [label, names] of [
    ['1k', 1_000],
    ['10k', 10_000],
  ] as const) {
    const result = synthesizeSpec(join(ROOT, 'spec'), join(WORK, `spec-${label}`), names);
    const outDir = join(WORK, `verify-${label}`);
    verifySpec(result.dir, outDir, heap);
    moveAside(outDir);
    console.log(
      `${relative(ROOT, result.dir)}: ${result.names} names in ${result.families} families, generates cleanly`,
    );
  }
}
