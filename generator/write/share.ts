/**
 * How two threads split the files of a shared emitter (see Thread in emit/contract.ts) without talking to
 * each other: a counter per emitter, on memory both hold.
 */
import type { Share } from '../emit/contract.js';

/**
 * A Share of `emitters` over an Int32Array that both threads hold (on a SharedArrayBuffer), one slot per
 * emitter in that order: each thread takes the next file no thread has taken yet, so that the one that
 * finishes its own emitters first takes more of the shared ones, and they finish together.
 */
export function shareBy(emitters: readonly string[], counters: Int32Array): Share {
  const mine = emitters.map(() => -1);
  return {
    has: (emitter) => emitters.includes(emitter),
    take(emitter, index) {
      const slot = emitters.indexOf(emitter);
      if ((mine[slot] as number) < index) mine[slot] = Atomics.add(counters, slot, 1);
      return mine[slot] === index;
    },
  };
}
