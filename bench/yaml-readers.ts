/**
 * The YAML readers side by side on one spec's files: the subset reader as the loader calls it, the `yaml`
 * library as the loader falls back to it (parseWithLibrary: parseDocument, alias checks, toJS), and js-yaml's
 * `load` with its core schema, the yardstick. Each file's text is read once; then every round parses all
 * of them with each reader in turn, the order rotating from round to round, after one round that is not
 * counted (the JIT's warm-up).
 *
 * Run alone: `node --expose-gc --import tsx bench/yaml-readers.ts [specDir] [rounds]` (default: the 10k spec
 * synthesized under bench/.work, 5 rounds); with --expose-gc each pass starts from a collected heap.
 */
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { CORE_SCHEMA, load } from 'js-yaml';
import { findSpecFiles, lineIndex } from '../generator/load/files.js';
import { parseWithLibrary } from '../generator/load/yaml-library.js';
import { readYamlSubset, UNSUPPORTED } from '../generator/load/yaml-subset.js';
import type { Diagnostic } from '../generator/support/diagnostics.js';
import { median } from './measure.js';
import { ROOT, synthesizeSpec, WORK } from './synthesize.js';

const READERS = {
  subset: (text: string) => readYamlSubset(text),
  yaml: (text: string) => {
    const position = lineIndex(text);
    const diagnostics: Diagnostic[] = [];
    return parseWithLibrary(text, (offset) => ({ file: '', ...position(offset) }), diagnostics).data;
  },
  jsYaml: (text: string) => load(text, { schema: CORE_SCHEMA }),
} as const;
type ReaderName = keyof typeof READERS;
const NAMES = Object.keys(READERS) as ReaderName[];

export interface ReaderStats {
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly samplesMs: readonly number[];
}

export interface YamlReadersResult {
  readonly files: number;
  readonly bytes: number;
  readonly rounds: number;
  /** Files the subset reader declined (the loader would give them to the library). */
  readonly declined: number;
  /** Files on which the library and js-yaml give the subset reader's value. */
  readonly agree: { readonly yaml: number; readonly jsYaml: number };
  readonly readers: Readonly<Record<ReaderName, ReaderStats>>;
  /** Each reader's median over the subset reader's. */
  readonly ratios: { readonly yaml: number; readonly jsYaml: number };
}

/** The last value read, kept where the JIT cannot prove it unused. */
export let lastRead: unknown;

/** Parses every text once with `read`; the time in ms. */
function pass(read: (text: string) => unknown, texts: readonly string[]): number {
  (globalThis as { gc?: () => void }).gc?.();
  const start = process.hrtime.bigint();
  for (const text of texts) lastRead = read(text);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function statsOf(samples: readonly number[]): ReaderStats {
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    medianMs: round(median(samples)),
    minMs: round(Math.min(...samples)),
    maxMs: round(Math.max(...samples)),
    samplesMs: samples.map(round),
  };
}

/** Whether each reader gives each text the subset reader's value (counted once, not timed). */
function agreement(texts: readonly string[]): { declined: number; agree: YamlReadersResult['agree'] } {
  let declined = 0;
  const agree = { yaml: 0, jsYaml: 0 };
  for (const text of texts) {
    const value = READERS.subset(text);
    if (value === UNSUPPORTED) declined++;
    if (isDeepStrictEqual(READERS.yaml(text), value)) agree.yaml++;
    if (isDeepStrictEqual(READERS.jsYaml(text), value)) agree.jsYaml++;
  }
  return { declined, agree };
}

/** Times the three readers on every spec file under `specDir`, in `rounds` alternating rounds. */
export function benchYamlReaders(specDir: string, rounds: number): YamlReadersResult {
  const found = findSpecFiles(specDir).flatMap((f) => (f.kind === 'file' ? [f.real] : []));
  const texts = found.map((real) => readFileSync(real, 'utf8'));
  const bytes = texts.reduce((sum, t) => sum + Buffer.byteLength(t), 0);
  const samples: Record<ReaderName, number[]> = { subset: [], yaml: [], jsYaml: [] };
  for (let r = -1; r < rounds; r++) {
    const turn = Math.max(r, 0);
    const order = NAMES.map((_, i) => NAMES[(i + turn) % NAMES.length] as ReaderName);
    for (const name of order) {
      const ms = pass(READERS[name], texts);
      if (r >= 0) samples[name].push(ms);
    }
  }
  const readers = {
    subset: statsOf(samples.subset),
    yaml: statsOf(samples.yaml),
    jsYaml: statsOf(samples.jsYaml),
  };
  const ratio = (name: ReaderName) =>
    Math.round((readers[name].medianMs / readers.subset.medianMs) * 100) / 100;
  return {
    files: texts.length,
    bytes,
    rounds,
    ...agreement(texts),
    readers,
    ratios: { yaml: ratio('yaml'), jsYaml: ratio('jsYaml') },
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dirArg, roundsArg] = process.argv.slice(2);
  const specDir = dirArg
    ? resolve(dirArg)
    : synthesizeSpec(join(ROOT, 'spec'), join(WORK, 'spec-10k'), 10_000).dir;
  const rounds = Number(roundsArg ?? 5);
  if (!Number.isInteger(rounds) || rounds <= 0)
    throw new Error(`rounds must be a positive integer, not ${roundsArg}`);
  const result = benchYamlReaders(specDir, rounds);
  console.log(`${relative(ROOT, specDir) || specDir}: ${result.files} files, ${result.bytes} bytes`);
  for (const name of NAMES) {
    const s = result.readers[name];
    console.log(
      `${name.padEnd(7)} median ${s.medianMs} ms (min ${s.minMs}, max ${s.maxMs}): ${s.samplesMs.join(', ')}`,
    );
  }
  console.log(JSON.stringify(result));
}
