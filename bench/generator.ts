/**
 * The generator's side: for one catalog, `generate` into an empty folder (cold: `--no-cache`, so the spec is
 * parsed, validated and modelled; and again with the model cached from an earlier run, as when only the
 * output folder was emptied), `generate` with nothing changed, `check`, and `generate` after one label was
 * edited; beside them json-schema-to-typescript's CLI over the same per-name schemas, as a yardstick for type
 * generation alone, measured in turns with the cold generate (the goals are ratios between the two).
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import {
  alternate,
  attempt,
  exitText,
  type Measured,
  NODE,
  nodeFloor,
  type Outcome,
  partOf,
  repeat,
  type Sample,
  type Stats,
  stderrHead,
} from './measure.js';
import { CLI, ROOT } from './synthesize.js';
import { moveAside } from './trash.js';

const JSON2TS = join(ROOT, 'node_modules', '.bin', 'json2ts');

export interface Catalog {
  readonly label: string;
  readonly specDir: string;
  readonly outDir: string;
  readonly names: number;
}

export interface EditStats extends Stats {
  /** Files whose inode or mtime changed (or that are new), by looking at the output folder. */
  readonly rewrittenFiles: number;
  /** What the CLI says it wrote. */
  readonly reportedWritten: number;
}

export interface CatalogResults {
  readonly label: string;
  readonly names: number;
  readonly files?: number;
  readonly generateEmpty: Outcome<Stats>;
  /** Into an empty folder with the spec's model read from the cache (the spec did not change). */
  readonly generateEmptyCached?: Outcome<Stats>;
  /** Only when generate ran out of memory with node's default heap: the same with a larger heap. */
  readonly largeHeap?: { readonly flag: string; readonly generateEmpty: Outcome<Stats> };
  readonly generateNoChange: Outcome<Stats>;
  readonly check: Outcome<Stats>;
  /** `node -e 0`, measured in turns with nothing changed and check (the floor their goals compare with). */
  readonly nodeBeside?: Outcome<Stats>;
  readonly editOne: Outcome<EditStats>;
  readonly json2tsDefault: Outcome<Stats>;
  readonly json2tsNoFormat: Outcome<Stats>;
  readonly peakRssKiB?: number;
}

export interface GeneratorPlan {
  readonly runs: number;
  readonly timeoutMs: number;
  /** Heap size for the retry after an out-of-memory crash; 0 for no retry. */
  readonly largeHeapMb: number;
  readonly log: (line: string) => void;
}

type Common = { readonly runs: number; readonly timeoutMs: number };

/** What the steps of one catalog share: how to run and log them, and the node flags generate runs with. */
interface Context {
  readonly catalog: Catalog;
  readonly plan: GeneratorPlan;
  readonly common: Common;
  nodeFlags: string[];
  /** Files in the output, once a generate into the empty folder succeeded. */
  files?: number | undefined;
}

/** Every generator measurement of one catalog; a failing step is recorded and the others still run. */
export async function benchCatalog(catalog: Catalog, plan: GeneratorPlan): Promise<CatalogResults> {
  const ctx: Context = {
    catalog,
    plan,
    common: { runs: plan.runs, timeoutMs: plan.timeoutMs },
    nodeFlags: [],
  };
  const inTurns = await coldWithYardsticks(ctx);
  const { generateEmpty, largeHeap } = inTurns
    ? { generateEmpty: inTurns.generateEmpty, largeHeap: undefined }
    : await firstGenerate(ctx);
  const generateEmptyCached = await step(ctx, 'generate into an empty folder, model cached', async () => {
    // One unmeasured run fills the cache (the cold runs above do not read it, but do write it).
    await repeat(NODE, generateArgs(ctx), { ...ctx.common, runs: 1, expect: expectClean });
    const before = () => moveAside(ctx.catalog.outDir);
    return (await repeat(NODE, generateArgs(ctx), { ...ctx.common, before, expect: expectClean })).stats;
  });
  const noChange: Measured = {
    command: NODE,
    args: generateArgs(ctx),
    options: { ...ctx.common, expect: (s) => expectWritten(s, (n) => n === 0, 'nothing written') },
  };
  const checkRun: Measured = {
    command: NODE,
    args: [...ctx.nodeFlags, CLI, 'check', '--spec', catalog.specDir, '--out', catalog.outDir],
    options: ctx.common,
  };
  const floor = await step(ctx, 'nothing changed and check, in turns with node -e 0', async () => {
    const [a, b, c] = await alternate([noChange, checkRun, nodeFloor(ctx.common)], ctx.common.runs);
    return { noChange: a.stats, check: b.stats, node: c.stats };
  });
  // A failed run is recorded for each of the three, as one step of its own would have been.
  const generateNoChange = partOf(floor, 'noChange');
  const check = partOf(floor, 'check');
  const editOne = await step(ctx, 'generate after one label was edited', () =>
    benchEdit(catalog, generateArgs(ctx), ctx.common),
  );
  const json2tsDefault =
    inTurns?.json2tsDefault ??
    (await step(ctx, 'json2ts (default)', () => benchJson2ts(catalog, [], ctx.common)));
  const json2tsNoFormat =
    inTurns?.json2tsNoFormat ??
    (await step(ctx, 'json2ts --no-format', () => benchJson2ts(catalog, ['--no-format'], ctx.common)));
  const rss = [
    generateEmpty,
    largeHeap?.generateEmpty,
    generateEmptyCached,
    generateNoChange,
    check,
    editOne,
  ].flatMap((o) => o?.result?.peakRssKiB ?? o?.failedRun?.rssKiB ?? []);
  return {
    label: catalog.label,
    names: catalog.names,
    ...(ctx.files === undefined ? {} : { files: ctx.files }),
    generateEmpty,
    generateEmptyCached,
    ...(largeHeap ? { largeHeap } : {}),
    generateNoChange,
    check,
    nodeBeside: partOf(floor, 'node'),
    editOne,
    json2tsDefault,
    json2tsNoFormat,
    ...(rss.length > 0 ? { peakRssKiB: Math.max(...rss) } : {}),
  };
}

/** Runs and logs one step; every step after the first generate needs its output, so it is skipped without. */
async function step<T>(
  ctx: Context,
  what: string,
  body: () => Promise<T>,
  first = false,
): Promise<Outcome<T>> {
  const label = ctx.catalog.label;
  ctx.plan.log(`  ${label}: ${what}…`);
  const outcome = await attempt(() => {
    if (!first && ctx.files === undefined) throw new Error('skipped: the first generate failed');
    return body();
  });
  if (outcome.error !== undefined) ctx.plan.log(`  ${label}: ${what} FAILED: ${firstLine(outcome.error)}`);
  return outcome;
}

function generateArgs(ctx: Context): string[] {
  const { specDir, outDir } = ctx.catalog;
  return [...ctx.nodeFlags, CLI, 'generate', '--spec', specDir, '--out', outDir, '--brief'];
}

/**
 * Generate into an empty folder in turns with json2ts (default, then `--no-format`) over the schemas that the
 * generate of the same round has just written: the goals compare them, so they are measured under the same
 * conditions (see alternate). Undefined when a run fails: the steps are then measured one after the other,
 * which records each one's failure (and retries a generate that ran out of memory with a larger heap).
 */
async function coldWithYardsticks(ctx: Context): Promise<
  | {
      readonly generateEmpty: Outcome<Stats>;
      readonly json2tsDefault: Outcome<Stats>;
      readonly json2tsNoFormat: Outcome<Stats>;
    }
  | undefined
> {
  const { catalog } = ctx;
  const generate: Measured = {
    command: NODE,
    args: [...generateArgs(ctx), '--no-cache'],
    options: { ...ctx.common, before: () => moveAside(catalog.outDir), expect: expectClean },
  };
  const yardsticks = [
    json2tsRun(catalog, [], ctx.common),
    json2tsRun(catalog, ['--no-format'], ctx.common),
  ] as const;
  ctx.plan.log(
    `  ${catalog.label}: generate into an empty folder, in turns with json2ts (default, --no-format)…`,
  );
  try {
    const [cold, byDefault, noFormat] = await alternate(
      [generate, yardsticks[0].measured, yardsticks[1].measured],
      ctx.common.runs,
    );
    ctx.files = writeCounts(cold.samples.at(-1) as Sample).total;
    return {
      generateEmpty: { result: cold.stats },
      json2tsDefault: { result: byDefault.stats },
      json2tsNoFormat: { result: noFormat.stats },
    };
  } catch (error) {
    const reason = firstLine(error instanceof Error ? error.message : String(error));
    ctx.plan.log(`  ${catalog.label}: a run failed (${reason}); measuring the steps one after the other`);
    return undefined;
  } finally {
    for (const y of yardsticks) moveAside(y.dest);
  }
}

/** Generate into an empty folder; after an out-of-memory crash, again with a larger heap. */
async function firstGenerate(ctx: Context) {
  const emptyRun = async () => {
    const before = () => moveAside(ctx.catalog.outDir);
    const { stats, samples } = await repeat(NODE, [...generateArgs(ctx), '--no-cache'], {
      ...ctx.common,
      before,
      expect: expectClean,
    });
    ctx.files = writeCounts(samples.at(-1) as Sample).total;
    return stats;
  };
  const generateEmpty = await step(ctx, 'generate into an empty folder', emptyRun, true);
  if (!generateEmpty.error?.includes('heap out of memory') || ctx.plan.largeHeapMb <= 0)
    return { generateEmpty };
  // Measured anyway, so that the yardsticks and the later steps still have an output to work on.
  const flag = `--max-old-space-size=${ctx.plan.largeHeapMb}`;
  ctx.nodeFlags = [flag];
  const retry = await step(ctx, `generate into an empty folder, ${flag}`, emptyRun, true);
  return { generateEmpty, largeHeap: { flag, generateEmpty: retry } };
}

const firstLine = (text: string) => (text.split('\n')[0] ?? '').replace(/:$/, '');

/** json2ts over the folder of per-name schemas, one process for the whole catalog. */
async function benchJson2ts(catalog: Catalog, flags: readonly string[], common: Common): Promise<Stats> {
  const { measured, dest } = json2tsRun(catalog, flags, common);
  try {
    return (await repeat(measured.command, measured.args, { ...measured.options, runs: common.runs })).stats;
  } finally {
    moveAside(dest);
  }
}

/** A json2ts run over the output's per-name schemas, and the folder it writes (moved aside before each). */
function json2tsRun(
  catalog: Catalog,
  flags: readonly string[],
  common: Common,
): { measured: Measured; dest: string } {
  const schemas = join(catalog.outDir, 'schemas', 'events');
  const dest = join(catalog.outDir, '..', `json2ts-${catalog.label}${flags.join('')}`);
  // Counted after each run: in turns with generate, the schemas were written just before it.
  const expect = (s: Sample) =>
    expectJson2ts(s, dest, readdirSync(schemas).filter((f) => f.endsWith('.json')).length);
  const args = ['-i', join(schemas, '*.json'), '-o', dest, ...flags];
  return {
    measured: { command: JSON2TS, args, options: { ...common, before: () => moveAside(dest), expect } },
    dest,
  };
}

/** Edits one label before each run (a different text every time, so that every run has work to do). */
async function benchEdit(catalog: Catalog, gen: string[], common: Common) {
  const file = firstFamilyFile(catalog.specDir);
  const original = readFileSync(file, 'utf8');
  let snapshot = new Map<string, string>();
  const rewritten: number[] = [];
  const reported: number[] = [];
  const before = (run: number) => {
    const doc = parseDocument(original);
    const path = ['notifications', 0, 'label', 'en'];
    doc.setIn(path, `${String(doc.getIn(path))} (bench edit ${run + 1})`);
    writeFileSync(file, doc.toString());
    snapshot = fileStamps(catalog.outDir);
  };
  const expect = (sample: Sample) => {
    expectWritten(sample, (n) => n > 0, 'some files written');
    const after = fileStamps(catalog.outDir);
    rewritten.push([...after].filter(([path, stamp]) => snapshot.get(path) !== stamp).length);
    reported.push(writeCounts(sample).written);
  };
  try {
    const { stats } = await repeat(NODE, gen, { ...common, before, expect });
    return { ...stats, rewrittenFiles: Math.max(...rewritten), reportedWritten: Math.max(...reported) };
  } finally {
    writeFileSync(file, original);
  }
}

function firstFamilyFile(specDir: string): string {
  const dir = join(specDir, 'families');
  const name = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()[0];
  if (!name) throw new Error(`no family file in ${dir}`);
  return join(dir, name);
}

/** Path → "inode:mtime" of every file under `dir`; files are replaced by rename, so the inode changes too. */
export function fileStamps(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        const s = statSync(path);
        out.set(path, `${s.ino}:${s.mtimeMs}`);
      }
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

/** What generate says it did: "N written, …(T files)", or, from its no-op fast path, "up to date". */
function writeCounts(sample: Sample): { written: number; total?: number } {
  if (/up to date, nothing to write/.test(sample.stdout)) return { written: 0 };
  const m = /(\d+) written, (\d+) removed, (\d+) unchanged \((\d+) files\)/.exec(sample.stdout);
  if (!m) throw new Error(`unexpected generate output: ${sample.stdout.trim().slice(0, 200)}`);
  return { written: Number(m[1]), total: Number(m[4]) };
}

/** A synthetic catalog must generate without a single diagnostic. */
/** A generate that succeeded and printed nothing on stderr (a warning would be a broken run). */
export function expectClean(sample: Sample): void {
  if (sample.code !== 0 || sample.stderr.trim() !== '') {
    throw new Error(`generate exited with ${exitText(sample)}:\n${stderrHead(sample)}`);
  }
}

function expectWritten(sample: Sample, ok: (written: number) => boolean, what: string): void {
  expectClean(sample);
  const { written } = writeCounts(sample);
  if (!ok(written)) throw new Error(`expected ${what}, but generate wrote ${written} files`);
}

function expectJson2ts(sample: Sample, dest: string, count: number): void {
  if (sample.code !== 0) {
    throw new Error(`json2ts exited with ${exitText(sample)}:\n${stderrHead(sample)}`);
  }
  const made = existsSync(dest) ? readdirSync(dest).filter((f) => f.endsWith('.d.ts')).length : 0;
  if (made !== count) throw new Error(`json2ts wrote ${made} declaration files for ${count} schemas`);
}
