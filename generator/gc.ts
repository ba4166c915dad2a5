/**
 * Garbage collection on demand, for large catalogs only. V8 lets garbage grow far past what the pipeline
 * keeps alive (a 10k-name catalog peaked at 1.7 GB with about 100 MB in use); collecting at a few chosen
 * points keeps the peak down, at a few tens of milliseconds each. Small catalogs never pay for it.
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
