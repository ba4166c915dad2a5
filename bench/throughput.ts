/**
 * Throughput of `ecs-events validate` over a large NDJSON file, beside a plain ajv script that does the same
 * job (bench/ajv-baseline.mjs). Both are whole processes, start-up and spec loading included.
 */
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { NODE, repeat, type Sample, type Stats } from './measure.js';
import { CLI, ROOT, WORK } from './synthesize.js';

export interface ThroughputResults {
  readonly events: number;
  readonly fileBytes: number;
  readonly validate: Stats & { readonly eventsPerSecond: number };
  readonly ajvBaseline: Stats & { readonly eventsPerSecond: number };
}

/** Builds (or reuses) an NDJSON file of `count` events, cycling through the valid fixtures of a catalog. */
export function buildNdjson(fixturesDir: string, count: number): { file: string; bytes: number } {
  const lines = readdirSync(fixturesDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.stringify(JSON.parse(readFileSync(join(fixturesDir, f), 'utf8'))));
  if (lines.length === 0) throw new Error(`no fixture in ${fixturesDir}`);
  // The file is named after its contents, so a run reuses it only when the fixtures did not change.
  const hash = createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 12);
  const file = join(WORK, `events-${count}-${hash}.ndjson`);
  if (!existsSync(file)) {
    for (const old of readdirSync(WORK).filter((f) => /^events-.*\.ndjson$/.test(f))) {
      rmSync(join(WORK, old), { force: true });
    }
    // Renamed only when complete, so that an interrupted run never leaves a short file under the final name.
    writeLines(`${file}.tmp`, lines, count);
    renameSync(`${file}.tmp`, file);
  }
  return { file, bytes: statSync(file).size };
}

function writeLines(path: string, lines: readonly string[], count: number): void {
  const fd = openSync(path, 'w');
  try {
    const chunk: string[] = [];
    for (let i = 0; i < count; i++) {
      chunk.push(lines[i % lines.length] as string);
      if (chunk.length === 10_000 || i === count - 1) {
        writeSync(fd, `${chunk.join('\n')}\n`);
        chunk.length = 0;
      }
    }
  } finally {
    closeSync(fd);
  }
}

/** `validate` over the NDJSON file, and the ajv script over the same file and the same schemas. */
export async function benchThroughput(
  specDir: string,
  outDir: string,
  count: number,
  plan: { runs: number; timeoutMs: number; log: (line: string) => void },
): Promise<ThroughputResults> {
  const { file, bytes } = buildNdjson(join(outDir, 'fixtures', 'valid'), count);
  const common = { runs: plan.runs, timeoutMs: plan.timeoutMs, discardStdout: true };
  plan.log(`  validate: ${count} events (${(bytes / 2 ** 20).toFixed(0)} MiB)…`);
  // One untimed run on one event first: like any run after the first on a spec, the timed ones then find
  // the validators' table in the cache instead of parsing the spec (ajv, for its part, compiles per run).
  await repeat(
    NODE,
    [
      CLI,
      'validate',
      join(outDir, 'fixtures', 'valid', readdirSync(join(outDir, 'fixtures', 'valid'))[0] ?? ''),
      '--spec',
      specDir,
    ],
    { ...common, runs: 1 },
  );
  const validate = await repeat(NODE, [CLI, 'validate', file, '--spec', specDir], common);
  plan.log('  ajv baseline…');
  const baselineScript = join(ROOT, 'bench', 'ajv-baseline.mjs');
  const expect = (s: Sample) => expectAllValid(s, count);
  const ajv = await repeat(NODE, [baselineScript, file, join(outDir, 'schemas')], { ...common, expect });
  const rate = (stats: Stats) => ({ ...stats, eventsPerSecond: count / (stats.medianMs / 1000) });
  return { events: count, fileBytes: bytes, validate: rate(validate.stats), ajvBaseline: rate(ajv.stats) };
}

function expectAllValid(sample: Sample, count: number): void {
  const summary = sample.stderr.trim().split('\n').at(-1) ?? '';
  if (sample.code !== 0 || !summary.startsWith(`${count} events: ${count} valid`)) {
    throw new Error(`ajv baseline exited with ${sample.code ?? 'a kill'}: ${summary}`);
  }
}
