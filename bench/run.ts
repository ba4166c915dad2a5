/**
 * `npm run bench`: whole-process benchmarks of the ecs-events CLI and of the package it generates, with the
 * yardsticks they are judged against measured on the same machine in the same run.
 *
 * Output folders are never deleted between measured runs, only moved aside and deleted at the end (see
 * trash.ts): leave a minute between two bench runs for the same reason.
 *
 * Environment:
 *   BENCH_QUICK=1        fewer runs and 100,000 events instead of 1,000,000 (a smoke run)
 *   BENCH_RUNS=N         runs per measurement, for all of them
 *   BENCH_ONLY=a,b       catalogs (real, 1k, 10k) and/or sections (consumer, cold, validate, speed-ups,
 *                        yaml) to run;
 *                        without a catalog all catalogs run, without a section all sections run
 *   BENCH_EVENTS=N       events in the NDJSON file of the validate section
 *   BENCH_TIMEOUT_S=N    kill a process after N seconds (default 1800)
 *   BENCH_LARGE_HEAP_MB=N  heap for the retry when generate runs out of memory (default 16384; 0: no retry)
 */
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { benchColdStart, benchTsc, nodeBaseline, type TscResults } from './consumer.js';
import { benchCatalog, type Catalog, type CatalogResults } from './generator.js';
import { attempt, killRunning, type Outcome, partOf, type Stats } from './measure.js';
import { computeGoals, goalRows, measurementRows, type Results, table, writeResults } from './report.js';
import { benchSpeedUps, type SpeedUpResults } from './speed-ups.js';
import { ROOT, synthesizeSpec, verifySpec, WORK } from './synthesize.js';
import { benchThroughput, type ThroughputResults } from './throughput.js';
import { emptyTrash } from './trash.js';
import { benchYamlReaders, type YamlReadersResult } from './yaml-readers.js';

const CATALOGS = { real: 0, '1k': 1_000, '10k': 10_000 } as const;
type CatalogLabel = keyof typeof CATALOGS;
const SECTIONS = ['consumer', 'cold', 'validate', 'speed-ups', 'yaml'] as const;
type Section = (typeof SECTIONS)[number];

interface Config {
  readonly quick: boolean;
  readonly catalogs: readonly CatalogLabel[];
  readonly sections: readonly Section[];
  readonly runs: { readonly small: number; readonly large: number; readonly cold: number };
  readonly events: number;
  readonly timeoutMs: number;
  readonly largeHeapMb: number;
}

function readConfig(env: NodeJS.ProcessEnv): Config {
  const quick = env.BENCH_QUICK === '1';
  const only = (env.BENCH_ONLY ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = only.filter((t) => !(t in CATALOGS) && !SECTIONS.includes(t as Section));
  if (unknown.length > 0) throw new Error(`BENCH_ONLY: unknown ${unknown.join(', ')}`);
  const catalogs = only.filter((t): t is CatalogLabel => t in CATALOGS);
  const sections = only.filter((t): t is Section => SECTIONS.includes(t as Section));
  const override = positive(env.BENCH_RUNS, 'BENCH_RUNS');
  return {
    quick,
    catalogs: catalogs.length > 0 ? catalogs : (Object.keys(CATALOGS) as CatalogLabel[]),
    sections: sections.length > 0 ? sections : SECTIONS,
    // Short processes vary more, so they get more runs; the 10k catalog and the big inputs get fewer.
    runs: {
      small: override ?? (quick ? 2 : 5),
      large: override ?? (quick ? 1 : 3),
      cold: override ?? (quick ? 5 : 20),
    },
    events: positive(env.BENCH_EVENTS, 'BENCH_EVENTS') ?? (quick ? 100_000 : 1_000_000),
    timeoutMs: (positive(env.BENCH_TIMEOUT_S, 'BENCH_TIMEOUT_S') ?? 1800) * 1000,
    largeHeapMb: Number(env.BENCH_LARGE_HEAP_MB ?? 16_384),
  };
}

function positive(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, not "${value}"`);
  return n;
}

const log = (line: string) => process.stderr.write(`${line}\n`);

/** The spec folder of a catalog under bench/.work: the real one is a copy, so that edits never touch spec/. */
function prepareCatalog(label: CatalogLabel): Catalog {
  const specDir = join(WORK, `spec-${label}`);
  const outDir = join(WORK, `out-${label}`);
  if (label === 'real') {
    rmSync(specDir, { recursive: true, force: true });
    cpSync(join(ROOT, 'spec'), specDir, { recursive: true });
    return { label, specDir, outDir, names: 0 };
  }
  const made = synthesizeSpec(join(ROOT, 'spec'), specDir, CATALOGS[label]);
  log(`synthesised ${label}: ${made.names} names in ${made.families} family files`);
  return { label, specDir, outDir, names: made.names };
}

async function benchCatalogs(config: Config): Promise<{ results: CatalogResults[]; real?: Catalog }> {
  const results: CatalogResults[] = [];
  // The real catalog is always generated: cold start and throughput use its validators and fixtures.
  const labels: CatalogLabel[] = ['real', ...config.catalogs.filter((l) => l !== 'real')];
  let real: Catalog | undefined;
  for (const label of labels) {
    const catalog = prepareCatalog(label);
    if (label === 'real') real = catalog;
    if (!config.catalogs.includes(label)) continue;
    log(`catalog ${label}:`);
    const runs = label === '10k' ? config.runs.large : config.runs.small;
    const plan = { runs, timeoutMs: config.timeoutMs, largeHeapMb: config.largeHeapMb, log };
    const result = await benchCatalog(catalog, plan);
    results.push(label === 'real' ? { ...result, names: namesOf(catalog) } : result);
  }
  if (real && !config.catalogs.includes('real') && needsReal(config)) {
    try {
      verifySpec(real.specDir, real.outDir);
    } catch (error) {
      log(`the real catalog does not generate: ${(error as Error).message}`);
    }
  }
  return { results, ...(real ? { real } : {}) };
}

const needsReal = (config: Config) =>
  config.sections.includes('cold') || config.sections.includes('validate');

/** The real catalog's size is whatever spec/ holds: read from the index of its generated schemas. */
function namesOf(catalog: Catalog): number {
  try {
    const index = join(catalog.outDir, 'schemas', 'index.json');
    return (JSON.parse(readFileSync(index, 'utf8')) as { events: unknown[] }).events.length;
  } catch {
    return 0;
  }
}

async function main(): Promise<void> {
  const config = readConfig(process.env);
  const startedAt = new Date().toISOString();
  mkdirSync(WORK, { recursive: true });
  log(
    `bench: catalogs ${config.catalogs.join(', ')}; sections ${config.sections.join(', ')}${config.quick ? ' (quick)' : ''}`,
  );
  log('node -e 0…');
  const cold = { runs: config.runs.cold, timeoutMs: config.timeoutMs };
  const baseline = await nodeBaseline(cold);
  const { results: catalogs, real } = await benchCatalogs(config);
  const sections = await benchSections(config, catalogs, real);
  const results: Results = {
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: machine(),
    config: { ...config },
    nodeBaseline: baseline,
    catalogs,
    ...sections,
  };
  const goals = computeGoals(results);
  console.log(
    table(['measurement', 'median', 'cpu user+sys', 'peak RSS', 'runs', 'note'], measurementRows(results)),
  );
  console.log('');
  console.log(table(['status', 'goal', 'value', 'limit', 'ratio', 'note'], goalRows(goals)));
  const paths = writeResults(join(ROOT, 'bench', 'results'), results, goals);
  console.log(`\nresults: ${paths.map((p) => p.slice(ROOT.length + 1)).join(', ')}`);
}

/** The package's side: cold start and throughput of the real catalog's validators, and tsc of consumers. */
async function benchSections(config: Config, catalogs: readonly CatalogResults[], real: Catalog | undefined) {
  const realOut = real?.outDir ?? join(WORK, 'out-real');
  const out: {
    coldStart?: Outcome<Stats>;
    coldStartNode?: Outcome<Stats>;
    throughput?: Outcome<ThroughputResults>;
    consumer?: Outcome<TscResults>;
    speedUps?: Outcome<SpeedUpResults>;
    yamlReaders?: Outcome<YamlReadersResult>;
  } = {};
  if (config.sections.includes('cold')) {
    log('validators: cold start…');
    const both = await attempt(() =>
      benchColdStart(realOut, { runs: config.runs.cold, timeoutMs: config.timeoutMs }),
    );
    out.coldStart = partOf(both, 'coldStart');
    out.coldStartNode = partOf(both, 'node');
  }
  if (config.sections.includes('validate') && real) {
    log('validate throughput:');
    const plan = { runs: config.runs.large, timeoutMs: config.timeoutMs, log };
    out.throughput = await attempt(() => benchThroughput(real.specDir, realOut, config.events, plan));
  }
  if (config.sections.includes('consumer')) out.consumer = await benchConsumer(catalogs, config);
  if (config.sections.includes('speed-ups')) out.speedUps = await benchSpeedUpsOf(catalogs, config);
  if (config.sections.includes('yaml')) {
    const largest = largestGenerated(catalogs, config);
    log(`YAML readers (${largest?.label ?? 'no'} catalog)…`);
    out.yamlReaders = largest
      ? await attempt(async () => benchYamlReaders(largest.specDir, Math.max(largest.runs, 5)))
      : { error: 'no catalog was generated' };
  }
  return out;
}

function machine(): Record<string, unknown> {
  const cpu = cpus();
  const totalMemMiB = Math.round(totalmem() / 2 ** 20);
  return {
    node: process.version,
    platform: `${platform()} ${release()}`,
    cpus: cpu.length,
    cpu: cpu[0]?.model,
    totalMemMiB,
  };
}

/** The largest catalog that generated (the 10k one unless it was filtered out or failed), and its runs. */
function largestGenerated(catalogs: readonly CatalogResults[], config: Config) {
  const order: CatalogLabel[] = ['10k', '1k', 'real'];
  const label = order.find((l) => catalogs.find((c) => c.label === l)?.files !== undefined);
  if (!label) return undefined;
  const runs = label === '10k' ? config.runs.large : config.runs.small;
  return { label, outDir: join(WORK, `out-${label}`), specDir: join(WORK, `spec-${label}`), runs };
}

/** tsc over the declarations of the largest catalog that generated. */
async function benchConsumer(
  catalogs: readonly CatalogResults[],
  config: Config,
): Promise<Outcome<TscResults>> {
  const largest = largestGenerated(catalogs, config);
  if (!largest) return { error: 'no catalog was generated' };
  log(`consumer tsc (${largest.label} catalog)…`);
  const plan = { runs: largest.runs, timeoutMs: config.timeoutMs };
  return attempt(() => benchTsc(largest.label, largest.outDir, plan));
}

/** The speed-ups on the largest catalog that generated (they are meant for large ones). */
async function benchSpeedUpsOf(
  catalogs: readonly CatalogResults[],
  config: Config,
): Promise<Outcome<SpeedUpResults>> {
  const largest = largestGenerated(catalogs, config);
  if (!largest) return { error: 'no catalog was generated' };
  log(`speed-ups, each turned off in turn (${largest.label} catalog)…`);
  const catalog = { ...largest, names: 0 };
  const plan = { runs: Math.max(largest.runs, 3), timeoutMs: config.timeoutMs };
  return attempt(() => benchSpeedUps(catalog, plan));
}

process.on('SIGINT', () => {
  killRunning();
  process.exit(130);
});

main()
  .catch((error: unknown) => {
    killRunning();
    console.error(error instanceof Error ? error.stack : error);
    process.exitCode = 1;
  })
  // Output folders replaced during the run were moved aside (see trash.ts); they go now.
  .finally(emptyTrash);
