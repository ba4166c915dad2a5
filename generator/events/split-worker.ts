/**
 * The worker side of a split `validate` (see validate-split.ts): checks the odd blocks of the file with
 * its own copy of the validator and posts each block's report text, staying within AHEAD blocks of what
 * the main thread has printed.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type CheckerData, createChecker } from './checker.js';
import { checkingWith, checkLine } from './inputs.js';
import { AHEAD, blocksOf, checkBlock, type WorkerInput, type WorkerMessage } from './split.js';

function run(input: WorkerInput, post: (message: WorkerMessage) => void): void {
  const checking = checkingWith(createChecker(input.data as CheckerData), input.options);
  for (const block of blocksOf(input.path, input.size, (i) => i % 2 === 1, input.blockBytes)) {
    if (!block.bytes) continue;
    for (;;) {
      const printed = Atomics.load(input.printed, 0);
      if (block.index - printed <= AHEAD) break;
      Atomics.wait(input.printed, 0, printed);
    }
    const { text, counts } = checkBlock(
      { ...block, bytes: block.bytes },
      input.label,
      input.json,
      (label, line, t, emit) => checkLine(label, line, t, checking, emit),
    );
    post({ block: block.index, text, counts });
  }
  post({ done: true });
}

const port = parentPort;
if (port) {
  try {
    run(workerData as WorkerInput, (message) => port.postMessage(message));
  } catch (error) {
    port.postMessage({
      error: error instanceof Error ? error.message : String(error),
    } satisfies WorkerMessage);
  }
}
