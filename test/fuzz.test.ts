/**
 * Fuzzing the pipeline with mutated copies of the real catalog: as text (lines deleted, duplicated, swapped,
 * re-indented, characters inserted, the file truncated) and as data (keys deleted, scalars retyped, list
 * items duplicated, values replaced by random or deeply nested ones). Whatever the input, the pipeline must
 * not throw and must return either files and no errors, or positioned diagnostics with known codes.
 * FUZZ_RUNS raises the number of runs (default 100, about 20 s on two cores), FUZZ_SEED changes the seed (default 42).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, stringify } from 'yaml';
import { MESSAGES } from '../generator/support/diagnostics.js';
import { copySpec, type GenerateResult, generateFiles } from './helpers.js';
import { tally } from './tally.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const SEED = Number(process.env.FUZZ_SEED ?? 42);

const specDir = copySpec();
const yamlFiles: string[] = [];
const walk = (dir: string): void => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (/\.ya?ml$/.test(entry.name)) yamlFiles.push(relative(specDir, full).split(sep).join('/'));
  }
};
walk(specDir);
yamlFiles.sort();
const originals = new Map(yamlFiles.map((f) => [f, readFileSync(join(specDir, f), 'utf8')]));

// Text mutations: each picks its place with a natural number taken modulo the size of the text.
const YAML_BITS = [
  ...':-{}[],#!|>"\'?%@`\t\r\n',
  ': ',
  '- ',
  '&a ',
  '*a',
  '!!str ',
  '  ',
  '\u0000',
  '\ufeff',
  '\u2028',
];
const chars = fc.oneof(
  fc.constantFrom(...YAML_BITS),
  fc.string({ maxLength: 4 }),
  fc.string({ maxLength: 3, unit: 'binary' }),
);
const textOp = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('swap' as const), at: fc.nat(), other: fc.nat() }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: chars }),
  fc.record({
    op: fc.constant('indent' as const),
    at: fc.nat(),
    by: fc.integer({ min: -4, max: 4 }),
    tab: fc.boolean(),
  }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
);
type TextOp = typeof textOp extends fc.Arbitrary<infer T> ? T : never;

function applyText(text: string, m: TextOp): string {
  const lines = text.split('\n');
  const i = m.at % lines.length;
  const line = lines[i] as string;
  switch (m.op) {
    case 'delete':
      lines.splice(i, 1);
      break;
    case 'duplicate':
      lines.splice(i, 0, line);
      break;
    case 'swap': {
      const j = m.other % lines.length;
      [lines[i], lines[j]] = [lines[j] as string, line];
      break;
    }
    case 'insert': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'indent': {
      const indent = /^ */.exec(line)?.[0].length ?? 0;
      const rest = line.slice(indent);
      lines[i] = (m.tab ? '\t' : '') + ' '.repeat(Math.max(0, indent + m.by)) + rest;
      break;
    }
    case 'truncate':
      return text.slice(0, m.at % (text.length + 1));
  }
  return lines.join('\n');
}

// Data mutations: each picks a node of the parsed file (modulo the number of nodes).
type Path = (string | number)[];
const deep = fc.integer({ min: 1, max: 200 }).map((n) => {
  let value: unknown = 'bottom';
  for (let k = 0; k < n; k++) value = k % 2 ? [value] : { nested: value };
  return value;
});
const anyValue = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.integer(),
  fc.double(),
  fc.constant(null),
  fc.boolean(),
  fc.jsonValue({ maxDepth: 3 }),
  deep,
);
const dataOp = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('retype' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), value: anyValue }),
  fc.record({
    op: fc.constant('rename' as const),
    at: fc.nat(),
    name: fc.oneof(fc.string(), fc.constant('__proto__')),
  }),
  fc.record({ op: fc.constant('borrow' as const), at: fc.nat(), from: fc.nat() }),
);
type DataOp = typeof dataOp extends fc.Arbitrary<infer T> ? T : never;

function nodes(value: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) nodes(v, [...at, Array.isArray(value) ? Number(k) : k], out);
  }
  return out;
}

function retype(value: unknown): unknown {
  if (typeof value === 'string') return Number.isNaN(Number(value)) ? value.length : Number(value);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'yes' : 0;
  if (Array.isArray(value)) return value[0] ?? {};
  if (value && typeof value === 'object') return Object.values(value);
  return 0;
}

function applyData(root: unknown, m: DataOp): unknown {
  const all = nodes(root).filter((p) => p.length > 0);
  const path = all[m.at % Math.max(1, all.length)];
  if (!path) return m.op === 'replace' ? m.value : root;
  const key = path[path.length - 1] as string | number;
  type Node = Record<string | number, unknown> & unknown[];
  const parent = path.slice(0, -1).reduce((v, k) => v[k] as Node, root as Node);
  const value = parent[key];
  if (m.op === 'delete') Array.isArray(parent) ? parent.splice(key as number, 1) : delete parent[key];
  else if (m.op === 'retype') parent[key] = retype(value);
  else if (m.op === 'replace') parent[key] = m.value;
  else if (m.op === 'borrow') {
    // A value taken from elsewhere in the same file: well-typed often enough to reach the later stages.
    const from = all[m.from % all.length] as Path;
    parent[key] = structuredClone(from.reduce((v, k) => v[k] as Node, root as Node));
  } else if (m.op === 'duplicate') {
    if (Array.isArray(value) && value.length > 0) value.push(structuredClone(value[m.at % value.length]));
    else if (Array.isArray(parent)) parent.push(structuredClone(value));
  } else if (!Array.isArray(parent)) {
    delete parent[key];
    Object.defineProperty(parent, m.name, { value, enumerable: true, writable: true, configurable: true });
  }
  return root;
}

const mutation = fc.record({
  file: fc.nat(),
  change: fc.oneof(
    fc.record({ kind: fc.constant('text' as const), ops: fc.array(textOp, { minLength: 1, maxLength: 3 }) }),
    fc.record({ kind: fc.constant('data' as const), ops: fc.array(dataOp, { minLength: 1, maxLength: 3 }) }),
  ),
});
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(m: Mutation): { file: string; text: string } {
  const file = yamlFiles[m.file % yamlFiles.length] as string;
  const original = originals.get(file) as string;
  if (m.change.kind === 'text') return { file, text: m.change.ops.reduce(applyText, original) };
  const data = m.change.ops.reduce(applyData, parse(original) as unknown);
  return { file, text: stringify(data, { aliasDuplicateObjects: false }) };
}

const codes = new Set(Object.keys(MESSAGES));

/** Every diagnostic is known, names a file and points inside it (or at the whole file, with 0:0). */
function checkResult(result: GenerateResult): void {
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (result.files) assert.equal(errors, [], 'files and errors at once');
  else assert.ok(result.diagnostics.length > 0, 'neither files nor diagnostics');
  for (const d of result.diagnostics) {
    const shown = `${d.file}:${d.line}:${d.column} ${d.code}: ${d.message}`;
    assert.ok(codes.has(d.code), `unknown code: ${shown}`);
    assert.ok(d.message.length > 0, `no message: ${shown}`);
    assert.ok(d.file === 'spec' || d.file.startsWith('spec/'), `not a file of the spec: ${shown}`);
    assert.ok(Number.isInteger(d.line) && Number.isInteger(d.column), `not integers: ${shown}`);
    assert.ok((d.line === 0) === (d.column === 0) && d.line >= 0, `half a position: ${shown}`);
    const source = result.sources.get(d.file);
    if (d.line === 0 || source === undefined) continue;
    const lines = source.split(/\r?\n/); // as the code frames count lines
    assert.ok(d.line <= lines.length + 1, `line past the end (${lines.length} lines): ${shown}`);
    const row = lines[d.line - 1] ?? '';
    assert.ok(d.column <= row.length + 1, `column past the end of line ${JSON.stringify(row)}: ${shown}`);
  }
}

test(`the pipeline survives mutations of the real catalog (seed ${SEED}, ${RUNS} runs)`, async () => {
  let runs = 0;
  let withDiagnostics = 0;
  let generated = 0;
  await fc
    .assert(
      fc.asyncProperty(mutation, async (m) => {
        const { file, text } = mutate(m);
        writeFileSync(join(specDir, file), text);
        try {
          let result: GenerateResult;
          try {
            result = await generateFiles(specDir, 'spec');
          } catch (error) {
            throw new Error(`generateFiles threw on a mutated ${file}: ${(error as Error)?.stack ?? error}`);
          }
          runs++;
          tally('fuzzRuns');
          if (result.files) generated++;
          else withDiagnostics++;
          checkResult(result);
        } finally {
          writeFileSync(join(specDir, file), originals.get(file) as string);
        }
      }),
      { seed: SEED, numRuns: RUNS, includeErrorInReport: true },
    )
    .finally(() =>
      console.log(`fuzz: ${runs} runs, ${withDiagnostics} with diagnostics, ${generated} generated`),
    );
});

test.run();
