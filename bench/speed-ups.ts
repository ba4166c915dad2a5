/**
 * What each speed-up pays: `generate --no-cache` into an empty folder with the toolkit as it is, and with
 * one speed-up turned off (ECS_EVENTS_OFF, see generator/support/switches.ts), all in turns, so that the
 * machine's drift weighs on every variant alike. A speed-up stays in the code while its row shows that
 * turning it off costs more than the run-to-run spread (bench/NOTES.md keeps the verdicts).
 */
import { SPEED_UPS } from '../generator/support/switches.js';
import { type Catalog, expectClean } from './generator.js';
import { alternate, type Measured, NODE, type Stats } from './measure.js';
import { CLI } from './synthesize.js';
import { moveAside } from './trash.js';

export interface SpeedUpRow {
  /** 'all on', or the speed-up turned off. */
  readonly variant: string;
  readonly stats: Stats;
  /** Median wall time against the toolkit with every speed-up on (above 1: the speed-up pays). */
  readonly ratio: number;
  /** The same ratio for each round, to show the spread. */
  readonly rounds: readonly number[];
}

export interface SpeedUpResults {
  readonly catalog: string;
  readonly rows: readonly SpeedUpRow[];
}

/** Runs every variant `runs` times in turns on `catalog`. */
export async function benchSpeedUps(
  catalog: Catalog,
  plan: { readonly runs: number; readonly timeoutMs: number },
): Promise<SpeedUpResults> {
  const variants = [undefined, ...SPEED_UPS];
  const measured = variants.map(
    (off): Measured => ({
      command: NODE,
      args: [CLI, 'generate', '--no-cache', '--brief', '--spec', catalog.specDir, '--out', catalog.outDir],
      options: {
        timeoutMs: plan.timeoutMs,
        before: () => moveAside(catalog.outDir),
        expect: expectClean,
        ...(off ? { env: { ECS_EVENTS_OFF: off } } : {}),
      },
    }),
  );
  const results = await alternate(measured, plan.runs);
  const base = results[0] as (typeof results)[number];
  const rows = results.map((r, i) => ({
    variant: variants[i] === undefined ? 'all on' : `${variants[i]} off`,
    stats: r.stats,
    ratio: r.stats.medianMs / base.stats.medianMs,
    rounds: r.samples.map((s, round) => s.ms / (base.samples[round]?.ms ?? Number.NaN)),
  }));
  return { catalog: catalog.label, rows };
}
