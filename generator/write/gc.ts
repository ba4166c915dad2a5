/**
 * Garbage collection on demand, for large catalogs only (see feed.ts). V8 lets garbage grow far past what
 * the pipeline keeps alive; collecting while writing whenever the process is over a budget keeps the peak
 * down for a small cost per collection. (Collections between the stages before writing do not pay: they
 * cost the single-threaded start time and leave the run's peak where it was.) Small catalogs never pay.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

let gc: (() => void) | undefined;

/** Runs a full collection. */
function collectGarbage(): void {
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
  collectGarbage();
  const after = process.memoryUsage.rss();
  raisedLimit = after > budget ? after + budget / 4 : 0;
}
