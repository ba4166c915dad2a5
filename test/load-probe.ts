/**
 * What the load → model chain makes of the real spec and of every broken spec, as JSON: run in this process
 * and in a child with a speed-up switched off (ECS_EVENTS_OFF), the two must be equal. Run alone, it prints
 * the JSON.
 */
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCatalog } from '../generator/index.js';
import { loadSpec } from '../generator/load/spec.js';
import { generateFiles, ROOT, SPEC_DIR, tempDir } from './helpers.js';

const CASES = join(ROOT, 'test', 'invalid');
const BASE = join(ROOT, 'test', 'golden', 'minimal', 'spec');

export interface Probe {
  /** How many of the real spec's files had their syntax tree parsed while loading, not on demand. */
  readonly eagerTrees: number;
  readonly catalog: string;
  readonly files: readonly (readonly [string, string])[];
  /** Each broken spec's diagnostics as JSON, by case. */
  readonly broken: readonly (readonly [string, string])[];
}

export async function probe(): Promise<Probe> {
  const loaded = loadSpec(SPEC_DIR, 'spec');
  const eagerTrees = loaded.files.filter((f) => !Object.getOwnPropertyDescriptor(f, 'doc')?.get).length;
  const { catalog, files } = await generateFiles(SPEC_DIR, 'spec');
  const broken: [string, string][] = [];
  for (const file of readdirSync(CASES).filter((f) => f.endsWith('.yaml'))) {
    const text = readFileSync(join(CASES, file), 'utf8');
    const target = /^# target: (\S+)$/m.exec(text)?.[1] ?? `families/${file}`;
    const spec = join(tempDir(), 'spec');
    cpSync(BASE, spec, { recursive: true });
    writeFileSync(join(spec, target), text);
    // Messages that name a path name the case's own temporary folder.
    const { diagnostics } = await buildCatalog(spec, 'spec');
    broken.push([file, JSON.stringify(diagnostics).replaceAll(spec, '<spec>')]);
  }
  return { eagerTrees, catalog: JSON.stringify(catalog), files: [...(files ?? [])], broken };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.stdout.write(JSON.stringify(await probe()));
}
