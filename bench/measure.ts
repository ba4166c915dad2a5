/**
 * Whole-process measurements: every figure is the wall time of a spawned process, from spawn to exit, and
 * its peak resident memory. Peak memory and CPU time come from GNU time (`/usr/bin/time -f '%U %S %M'`,
 * which also covers the children a process waits for, as tsc's native compiler); without it, a preloaded
 * probe reports `process.resourceUsage().maxRSS` of node processes only, and no CPU time.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, WORK } from './synthesize.js';

const GNU_TIME = '/usr/bin/time';
const hasGnuTime = existsSync(GNU_TIME);
const PROBE = pathToFileURL(join(ROOT, 'bench', 'rss-probe.mjs')).href;

export interface Sample {
  readonly ms: number;
  /** Peak resident set size in KiB, when it could be measured. */
  readonly rssKiB?: number;
  /** CPU time in user space and in the kernel (file-system work shows here), when GNU time is there. */
  readonly userMs?: number;
  readonly sysMs?: number;
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd?: string;
  /** Read stdin from this file. */
  readonly stdinFile?: string;
  /** Discard stdout instead of collecting it (large outputs would cost the parent time). */
  readonly discardStdout?: boolean;
  /** Kill the process (and its children) after this many milliseconds; the sample then has code null. */
  readonly timeoutMs?: number;
  /** Variables added to the bench's own environment (a speed-up switch, say). */
  readonly env?: Readonly<Record<string, string>>;
}

export interface Stats {
  readonly runs: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly peakRssKiB?: number;
  readonly medianUserMs?: number;
  readonly medianSysMs?: number;
  readonly samplesMs: readonly number[];
}

let counter = 0;
/** Process groups started and not yet ended, to end them on Ctrl-C. */
const running = new Set<number>();

/** Spawns `command args` once and measures it. */
export function runOnce(command: string, args: readonly string[], options: RunOptions = {}): Promise<Sample> {
  // GNU time's report goes to the bench's work folder, which a fresh clone has yet to make (time exits with
  // 125, without running the command, when it cannot open the file).
  mkdirSync(WORK, { recursive: true });
  const rssFile = join(WORK, `rss-${process.pid}-${counter++}.txt`);
  rmSync(rssFile, { force: true });
  const [file, argv, env] = wrap(command, args, rssFile, options.env);
  const stdin = options.stdinFile ? openSync(options.stdinFile, 'r') : 'ignore';
  const stdout = options.discardStdout ? 'ignore' : 'pipe';
  return new Promise((done, fail) => {
    const start = process.hrtime.bigint();
    // Its own process group, so that a timeout ends the measured process and its children, not only time.
    const child = spawn(file, argv, {
      cwd: options.cwd ?? ROOT,
      env,
      stdio: [stdin, stdout, 'pipe'],
      detached: true,
    });
    running.add(child.pid ?? 0);
    const timer = options.timeoutMs ? setTimeout(() => killGroup(child.pid), options.timeoutMs) : undefined;
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      running.delete(child.pid ?? 0);
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      const usage = readUsage(rssFile);
      done({
        ms,
        ...usage,
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

function killGroup(pid: number | undefined): void {
  if (!pid) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** Ends the process groups this module started and that are still running (on Ctrl-C). */
export function killRunning(): void {
  for (const pid of running) killGroup(pid);
}

function wrap(
  command: string,
  args: readonly string[],
  rssFile: string,
  extra: Readonly<Record<string, string>> = {},
) {
  const env = { ...process.env, ...extra };
  if (hasGnuTime) return [GNU_TIME, ['-f', '%U %S %M', '-o', rssFile, command, ...args], env] as const;
  if (command === process.execPath) {
    return [command, ['--import', PROBE, ...args], { ...env, BENCH_RSS_FILE: rssFile }] as const;
  }
  return [command, [...args], env] as const;
}

/** Peak memory (GNU time or the probe) and CPU times (GNU time only) of the process that just ended. */
function readUsage(file: string): { rssKiB?: number; userMs?: number; sysMs?: number } {
  if (!existsSync(file)) return {};
  // GNU time writes "Command exited with non-zero status N" before the figures when the command fails.
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  rmSync(file, { force: true });
  const figures = (lines.at(-1) ?? '').trim().split(/\s+/).map(Number);
  const rssKiB = figures.at(-1);
  const out: { rssKiB?: number; userMs?: number; sysMs?: number } = {};
  if (rssKiB !== undefined && Number.isFinite(rssKiB) && rssKiB > 0) out.rssKiB = rssKiB;
  if (figures.length === 3 && figures.every(Number.isFinite)) {
    out.userMs = Math.round((figures[0] as number) * 1000);
    out.sysMs = Math.round((figures[1] as number) * 1000);
  }
  return out;
}

/** A run that did not do what it should; keeps the sample, as a failure's time and memory are figures too. */
export class RunError extends Error {
  constructor(
    message: string,
    readonly sample: Sample,
  ) {
    super(message);
  }
}

/** A measurement that may have failed; a failure is recorded and the benchmark goes on. */
export interface Outcome<T> {
  readonly result?: T;
  readonly error?: string;
  readonly failedRun?: { readonly ms: number; readonly rssKiB?: number; readonly code: number | null };
}

/** One part of a measurement that gave several: its result, or the whole measurement's failure. */
export function partOf<T extends object, K extends keyof T>(outcome: Outcome<T>, key: K): Outcome<T[K]> {
  if (outcome.result !== undefined) return { result: outcome.result[key] };
  return {
    error: outcome.error ?? 'not measured',
    ...(outcome.failedRun ? { failedRun: outcome.failedRun } : {}),
  };
}

/** Runs one measurement, turning an exception into a recorded failure. */
export async function attempt<T>(body: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { result: await body() };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!(error instanceof RunError)) return { error: message };
    const { ms, rssKiB, code } = error.sample;
    return { error: message, failedRun: { ms, code, ...(rssKiB === undefined ? {} : { rssKiB }) } };
  }
}

export interface RepeatOptions extends RunOptions {
  readonly runs: number;
  /** Runs before each measured run, unmeasured (empty an output folder, edit a spec file). */
  readonly before?: (run: number) => void;
  /** Throws when a run did not do what it should, so that a broken run is never timed as a fast one. */
  readonly expect?: (sample: Sample, run: number) => void;
}

/**
 * Writes every file's dirty pages to disk (`sync`), before a measured run: the kernel writes a file's data
 * back some 30 s after it is written, in its own threads, so that without this a run would share the two
 * cores with the write-back of the runs before it (of a 10,000-name catalog's 650 MB, a tenth of the
 * machine's CPU time during the next runs) and be billed for their output. Where there is no `sync`
 * command, runs are measured without it.
 */
export function flushWrites(): void {
  try {
    execFileSync('sync', { stdio: 'ignore' });
  } catch {
    // No sync command (not a POSIX system): nothing to wait for that the bench could do.
  }
}

/** Runs a command `runs` times in sequence and summarises the samples. */
export async function repeat(command: string, args: readonly string[], options: RepeatOptions) {
  const samples: Sample[] = [];
  for (let run = 0; run < options.runs; run++)
    samples.push(await measuredRun({ command, args, options }, run));
  return { stats: summarise(samples), samples };
}

/** A command to measure, for `alternate`. */
export interface Measured {
  readonly command: string;
  readonly args: readonly string[];
  readonly options: Omit<RepeatOptions, 'runs'>;
}

/** `node -e 0`: the cost of starting node and doing nothing, the floor of every whole-process figure. */
export function nodeFloor(options: Measured['options']): Measured {
  return { command: NODE, args: ['-e', '0'], options };
}

/** What alternate gives for each command: its summary and samples. */
export interface Alternated {
  readonly stats: Stats;
  readonly samples: Sample[];
}

/**
 * Runs several commands in turns, one run of each per round, `runs` rounds, and summarises each one's
 * samples. The goals are ratios between measurements (generate against json2ts over the same schemas):
 * measured in turns, a machine that speeds up or slows down during the bench (it does, by 10-30 % within
 * minutes on the 2-core machines) weighs on both sides of a ratio alike, where one command's runs after the
 * other's would put the drift into the ratio. Fails with the first failed run (a RunError), as repeat does.
 */
export async function alternate<const M extends readonly Measured[]>(
  measured: M,
  runs: number,
): Promise<{ readonly [I in keyof M]: Alternated }> {
  const samples = measured.map((): Sample[] => []);
  for (let run = 0; run < runs; run++) {
    for (const [index, m] of measured.entries()) (samples[index] as Sample[]).push(await measuredRun(m, run));
  }
  // One result per command, in their order: the tuple type the caller destructures.
  return samples.map((list) => ({ stats: summarise(list), samples: list })) as unknown as {
    readonly [I in keyof M]: Alternated;
  };
}

/** One run, after its preparation and a `sync`, checked by its `expect`. */
async function measuredRun({ command, args, options }: Measured, run: number): Promise<Sample> {
  options.before?.(run);
  flushWrites();
  const sample = await runOnce(command, args, options);
  try {
    (options.expect ?? expectSuccess)(sample, run);
  } catch (error) {
    throw error instanceof RunError ? error : new RunError((error as Error).message, sample);
  }
  return sample;
}

export function expectSuccess(sample: Sample): void {
  if (sample.code !== 0) throw new Error(`exited with ${exitText(sample)}:\n${stderrHead(sample)}`);
}

/** The exit code, or what ended the process when it did not exit by itself (a timeout, an abort). */
export function exitText(sample: Sample): string {
  const oom = /heap out of memory|Allocation failed/.test(sample.stderr)
    ? ' (JavaScript heap out of memory)'
    : '';
  return `${sample.code ?? 'no code (killed: timeout?)'}${oom}`;
}

/** The first lines of stderr, where a crash (out of memory) or the diagnostics are. */
export function stderrHead(sample: Sample, lines = 15): string {
  return sample.stderr.trim().split('\n').slice(0, lines).join('\n');
}

export function summarise(samples: readonly Sample[]): Stats {
  const ms = samples.map((s) => s.ms);
  const rss = samples.flatMap((s) => (s.rssKiB === undefined ? [] : [s.rssKiB]));
  const user = samples.flatMap((s) => (s.userMs === undefined ? [] : [s.userMs]));
  const sys = samples.flatMap((s) => (s.sysMs === undefined ? [] : [s.sysMs]));
  return {
    runs: samples.length,
    medianMs: median(ms),
    minMs: Math.min(...ms),
    maxMs: Math.max(...ms),
    ...(rss.length > 0 ? { peakRssKiB: Math.max(...rss) } : {}),
    ...(user.length > 0 ? { medianUserMs: median(user), medianSysMs: median(sys) } : {}),
    samplesMs: ms.map((m) => Math.round(m * 10) / 10),
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** `node` and its arguments, as a command for runOnce and repeat. */
export const NODE = process.execPath;
