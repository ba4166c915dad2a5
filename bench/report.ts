/**
 * The goals the project tracks, as ratios of one measurement to another taken on the same machine in the
 * same run, and the table and JSON files that report them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TscResults } from './consumer.js';
import type { CatalogResults } from './generator.js';
import type { Outcome, Stats } from './measure.js';
import type { SpeedUpResults } from './speed-ups.js';
import { ROOT } from './synthesize.js';
import type { ThroughputResults } from './throughput.js';
import type { YamlReadersResult } from './yaml-readers.js';

export interface Results {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly machine: Record<string, unknown>;
  readonly config: Record<string, unknown>;
  readonly nodeBaseline: Stats;
  readonly catalogs: readonly CatalogResults[];
  readonly coldStart?: Outcome<Stats>;
  /** `node -e 0`, measured in turns with the cold start. */
  readonly coldStartNode?: Outcome<Stats>;
  readonly throughput?: Outcome<ThroughputResults>;
  readonly consumer?: Outcome<TscResults>;
  /** Generate with each speed-up turned off in turn (see speed-ups.ts). */
  readonly speedUps?: Outcome<SpeedUpResults>;
  /** The spec's files parsed by the subset reader, the yaml library and js-yaml (see yaml-readers.ts). */
  readonly yamlReaders?: Outcome<YamlReadersResult>;
}

export type Status = 'PASS' | 'FAIL' | 'SKIP';

export interface Goal {
  readonly goal: string;
  readonly value?: number;
  readonly limit?: number;
  readonly unit: 'ms' | 'MiB' | 'events/s';
  /** value / limit: at most 1 passes a ceiling, at least 1 passes a floor. */
  readonly ratio?: number;
  readonly status: Status;
  readonly note?: string;
}

type Measured = Outcome<Stats> | undefined;

/** A ceiling: `subject` must be at most `factor` × `yardstick`. */
function atMost(
  goal: string,
  subject: Measured,
  factor: number,
  yardstick: Measured,
  unit: Goal['unit'] = 'ms',
) {
  return compare(goal, subject, factor, yardstick, unit, (v, l) => v <= l);
}

function compare(
  goal: string,
  subject: Measured,
  factor: number,
  yardstick: Measured,
  unit: Goal['unit'],
  passes: (value: number, limit: number) => boolean,
): Goal {
  if (subject === undefined || yardstick === undefined)
    return { goal, unit, status: 'SKIP', note: 'not selected' };
  if (subject.error !== undefined) return { goal, unit, status: 'FAIL', note: firstLine(subject.error) };
  if (yardstick.error !== undefined || !subject.result || !yardstick.result) {
    return { goal, unit, status: 'SKIP', note: `yardstick failed: ${firstLine(yardstick.error ?? '')}` };
  }
  const value = subject.result.medianMs;
  const limit = factor * yardstick.result.medianMs;
  return { goal, value, limit, unit, ratio: value / limit, status: passes(value, limit) ? 'PASS' : 'FAIL' };
}

const firstLine = (text: string) => (text.split('\n')[0] ?? '').replace(/:$/, '');
const ok = (stats: Stats): Outcome<Stats> => ({ result: stats });

export function computeGoals(r: Results): Goal[] {
  const cat = (label: string) => r.catalogs.find((c) => c.label === label);
  const real = cat('real');
  const k1 = cat('1k');
  const k10 = cat('10k');
  const node = ok(r.nodeBaseline);
  const gen10k = generateFigure(k10);
  const consumer = r.consumer;
  const tsc = (pick: (t: TscResults) => Stats): Measured =>
    consumer &&
    (consumer.error !== undefined ? { error: consumer.error } : ok(pick(consumer.result as TscResults)));
  const rate = (pick: (t: ThroughputResults) => Stats): Measured => {
    const t = r.throughput;
    return t && (t.error !== undefined ? { error: t.error } : ok(pick(t.result as ThroughputResults)));
  };
  return [
    atMost(
      'real: generate all outputs ≤ 0.5× json2ts (default)',
      real?.generateEmpty,
      0.5,
      real?.json2tsDefault,
    ),
    // Each floor is the one measured in turns with what its goal compares (see alternate in measure.ts).
    atMost(
      'real: generate, nothing changed ≤ 2× node -e 0',
      real?.generateNoChange,
      2,
      real?.nodeBeside ?? node,
    ),
    atMost('real: check ≤ 2× node -e 0', real?.check, 2, real?.nodeBeside ?? node),
    big(atMost('10k: generate ≤ 0.2× json2ts (default)', gen10k.subject, 0.2, k10?.json2tsDefault), gen10k),
    big(atMost('10k: generate ≤ 1× json2ts --no-format', gen10k.subject, 1, k10?.json2tsNoFormat), gen10k),
    memoryGoal(k10),
    big(atMost('10k: generate ≤ 10× 1k generate', gen10k.subject, 10, k1?.generateEmpty), gen10k),
    atMost('validators: cold start ≤ 1.2× node -e 0', r.coldStart, 1.2, r.coldStartNode ?? node),
    throughputGoal(
      rate((t) => t.validate),
      rate((t) => t.ajvBaseline),
      r.throughput?.result,
    ),
    atMost(
      `consumer (${consumer?.result?.catalog ?? '10k'}): switch over every name ≤ 2× declarations alone`,
      tsc((t) => t.switchAll),
      2,
      tsc((t) => t.declarations),
    ),
  ];
}

/**
 * The generate figure of a catalog. When it ran out of memory with node's default heap, the run with a
 * larger heap still gives a time to compare, but the goal fails: users run with the default heap.
 */
function generateFigure(c: CatalogResults | undefined): { subject: Measured; note?: string } {
  if (!c) return { subject: undefined };
  const retry = c.largeHeap;
  if (c.generateEmpty.error === undefined || !retry?.generateEmpty.result)
    return { subject: c.generateEmpty };
  return {
    subject: retry.generateEmpty,
    note: `figure with ${retry.flag}; the default heap ran out of memory`,
  };
}

function big(goal: Goal, figure: { note?: string }): Goal {
  if (figure.note === undefined || goal.status === 'SKIP') return goal;
  return { ...goal, status: 'FAIL', note: figure.note };
}

const GIB_KIB = 1024 * 1024;

function memoryGoal(k10: CatalogResults | undefined): Goal {
  const goal = '10k: peak memory of generate ≤ 1 GiB';
  if (!k10) return { goal, unit: 'MiB', status: 'SKIP', note: 'not selected' };
  const kib = k10.peakRssKiB ?? k10.generateEmpty.failedRun?.rssKiB;
  if (kib === undefined) return { goal, unit: 'MiB', status: 'FAIL', note: 'not measured' };
  const failed = k10.generateEmpty.error !== undefined;
  return {
    goal,
    value: kib / 1024,
    limit: GIB_KIB / 1024,
    unit: 'MiB',
    ratio: kib / GIB_KIB,
    status: !failed && kib <= GIB_KIB ? 'PASS' : 'FAIL',
    ...(failed ? { note: `generate failed: ${firstLine(k10.generateEmpty.error ?? '')}` } : {}),
  };
}

/** A floor: `validate` must check at least 1.5× as many events per second as the ajv script. */
function throughputGoal(validate: Measured, ajv: Measured, t: ThroughputResults | undefined): Goal {
  const goal = 'validate: events/s ≥ 1.5× ajv baseline';
  const base = compare(goal, validate, 1.5, ajv, 'events/s', () => true);
  if (base.status !== 'PASS' || !t) return base;
  const value = t.validate.eventsPerSecond;
  const limit = 1.5 * t.ajvBaseline.eventsPerSecond;
  return {
    goal,
    value,
    limit,
    unit: 'events/s',
    ratio: value / limit,
    status: value >= limit ? 'PASS' : 'FAIL',
  };
}

const fmtMs = (ms: number | undefined) =>
  ms === undefined ? '' : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(ms < 100 ? 1 : 0)} ms`;
/** Median CPU time in user space + in the kernel; a large kernel share is file-system work. */
const fmtCpu = (s: Stats) =>
  s.medianUserMs === undefined ? '' : `${fmtMs(s.medianUserMs)} + ${fmtMs(s.medianSysMs)}`;
const fmtMiB = (kib: number | undefined) => (kib === undefined ? '' : `${(kib / 1024).toFixed(0)} MiB`);

function fmtValue(value: number | undefined, unit: Goal['unit']): string {
  if (value === undefined) return '';
  if (unit === 'ms') return fmtMs(value);
  if (unit === 'MiB') return `${value.toFixed(0)} MiB`;
  return `${Math.round(value).toLocaleString('en-US')} ev/s`;
}

/** Rows of label, median, peak RSS, runs and a note, for every measurement that was taken. */
export function measurementRows(r: Results): string[][] {
  const rows: string[][] = [];
  const add = (label: string, o: Measured, note = '') => {
    if (!o) return;
    if (o.error !== undefined) {
      const run = o.failedRun;
      const after = run ? ` after ${fmtMs(run.ms)}, ${fmtMiB(run.rssKiB)}` : '';
      rows.push([label, 'FAILED', '', '', '', `${firstLine(o.error)}${after}`.slice(0, 110)]);
    } else if (o.result) {
      const s = o.result;
      rows.push([label, fmtMs(s.medianMs), fmtCpu(s), fmtMiB(s.peakRssKiB), String(s.runs), note]);
    }
  };
  add('node -e 0', ok(r.nodeBaseline));
  for (const c of r.catalogs) {
    const p = `${c.label} (${c.names} names)`;
    const files = c.files === undefined ? '' : `${c.files} files`;
    add(`${p}: generate, empty folder (cold)`, c.generateEmpty, c.largeHeap ? '' : files);
    if (c.largeHeap)
      add(`${p}: generate, empty folder, ${c.largeHeap.flag}`, c.largeHeap.generateEmpty, files);
    add(`${p}: generate, empty folder, model cached`, c.generateEmptyCached);
    add(`${p}: generate, nothing changed`, c.generateNoChange);
    add(`${p}: check`, c.check);
    add(`${p}: node -e 0, in turns with the two above`, c.nodeBeside);
    const edit = c.editOne.result;
    const editNote = edit
      ? `${edit.rewrittenFiles} files rewritten (CLI: ${edit.reportedWritten} written)`
      : '';
    add(`${p}: generate, one label edited`, c.editOne, editNote);
    add(`${p}: json2ts (default)`, c.json2tsDefault);
    add(`${p}: json2ts --no-format`, c.json2tsNoFormat);
  }
  add('validators: cold start (import + 1 event)', r.coldStart);
  add('validators: node -e 0, in turns with the cold start', r.coldStartNode);
  const t = r.throughput;
  const tput = (s: ThroughputResults['validate']) =>
    `${Math.round(s.eventsPerSecond).toLocaleString('en-US')} events/s`;
  if (t?.error !== undefined) add('validate throughput', { error: t.error });
  else if (t?.result) {
    add(`validate ${t.result.events} events (NDJSON)`, ok(t.result.validate), tput(t.result.validate));
    add(`ajv baseline ${t.result.events} events`, ok(t.result.ajvBaseline), tput(t.result.ajvBaseline));
  }
  const c = r.consumer;
  if (c?.error !== undefined) add('consumer tsc', { error: c.error });
  else if (c?.result) {
    const p = `tsc ${c.result.catalog} (${c.result.names} names)`;
    add(`${p}: declarations alone`, ok(c.result.declarations));
    add(`${p}: EcsEventMap[N] consumer`, ok(c.result.mapOnly));
    add(`${p}: switch over every name`, ok(c.result.switchAll));
  }
  const u = r.speedUps;
  if (u?.error !== undefined) add('speed-ups', { error: u.error });
  for (const row of u?.result?.rows ?? []) {
    const spread = row.rounds.map((x) => x.toFixed(2)).join(', ');
    const note = row.variant === 'all on' ? '' : `${row.ratio.toFixed(2)}x all on (rounds ${spread})`;
    add(`${u?.result?.catalog}: generate, ${row.variant}`, ok(row.stats), note);
  }
  const y = r.yamlReaders;
  if (y?.error !== undefined) add('YAML readers', { error: y.error });
  else if (y?.result) {
    const { files, bytes, readers, ratios } = y.result;
    const what = `${files} spec files, ${(bytes / 2 ** 20).toFixed(1)} MiB`;
    const row = (name: string, s: (typeof readers)['subset'], note: string) =>
      rows.push([`YAML: ${name} (${what})`, fmtMs(s.medianMs), '', '', String(s.samplesMs.length), note]);
    row('subset reader', readers.subset, '');
    row('yaml library', readers.yaml, `${ratios.yaml.toFixed(1)}x the subset reader`);
    row('js-yaml core schema', readers.jsYaml, `${ratios.jsYaml.toFixed(1)}x the subset reader`);
  }
  return rows;
}

export function goalRows(goals: readonly Goal[]): string[][] {
  return goals.map((g) => [
    g.status,
    g.goal,
    fmtValue(g.value, g.unit),
    fmtValue(g.limit, g.unit),
    g.ratio === undefined ? '' : `${g.ratio.toFixed(2)}`,
    g.note ?? '',
  ]);
}

/** A plain-text table with a header and aligned columns. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Writes bench/results/<date>.json and latest.json, each through a temporary file. */
export function writeResults(dir: string, results: Results, goals: readonly Goal[]): string[] {
  mkdirSync(dir, { recursive: true });
  const text = `${JSON.stringify({ ...results, goals }, null, 2)}\n`;
  const stamp = results.startedAt.replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
  const paths = [join(dir, `${stamp}.json`), join(dir, 'latest.json')];
  for (const path of paths) {
    writeFileSync(`${path}.tmp`, text);
    renameSync(`${path}.tmp`, path);
  }
  formatWithBiome(paths);
  return paths;
}

/** The results are tracked files, so they get the repository's formatting (`npm test` lints them). */
function formatWithBiome(paths: readonly string[]): void {
  const biome = join(ROOT, 'node_modules', '.bin', 'biome');
  if (!existsSync(biome)) return;
  const run = spawnSync(biome, ['format', '--write', ...paths], { cwd: ROOT, encoding: 'utf8' });
  if (run.status !== 0)
    process.stderr.write(`biome format failed on the results:\n${run.stderr}${run.stdout}\n`);
}
