/**
 * Garbage collection on demand, for large catalogs only. V8 lets garbage grow far past what the pipeline
 * keeps alive (a 10k-name catalog once peaked at 1.7 GB with about 100 MB in use); collecting while writing
 * whenever the process is over a budget keeps the peak down at a few tens of milliseconds per collection.
 * (Collections between the stages before writing no longer paid: at 10k names they cost the single-threaded
 * start ~40 ms and the run's peak was no lower.) Small catalogs never pay for it.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

let gc: (() => void) | undefined;

/** Runs a full collection when `large` is true. */
export function collectGarbage(large: boolean): void {
  if (!large) return;
  if (!gc) {
    v8.setFlagsFromString('--expose_gc');
    gc = vm.runInNewContext('gc') as () => void;
  }
  gc();
}

/** Above the budget after a collection: the next one waits until the process has grown past this. */
let raisedLimit = 0;

/**
 * Runs a full collection when the whole process (every thread) holds more than `budget` bytes. Checked every
 * few hundred files, it collects only as often as the memory needs, not on a fixed schedule. When a
 * collection cannot bring the process under the budget (memory in use, pages V8 keeps), the next waits
 * until it has grown by another quarter of the budget, so that the checks never turn into a collection each.
 */
export function collectAbove(budget: number): void {
  if (process.memoryUsage.rss() <= Math.max(budget, raisedLimit)) return;
  collectGarbage(true);
  const after = process.memoryUsage.rss();
  raisedLimit = after > budget ? after + budget / 4 : 0;
}
