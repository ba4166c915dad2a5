/**
 * `validate` of a large NDJSON file on two threads. The file is cut into blocks of whole lines (the same
 * cut in both threads: it depends only on the bytes); the main thread checks the even blocks, a worker
 * (validate-worker.ts) the odd ones, each reading past the other's blocks only to count their lines. The
 * main thread prints the blocks' reports in file order, so the output is the one-thread output byte for
 * byte. Neither thread gets more than AHEAD blocks ahead of the printing, so memory stays flat.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { canRunInParallel, spawnWorker } from '../support/workers.js';
import { type Counts, type EventReport, formatReport, noCounts, tally } from './reports.js';

/** Bytes per block (cut at the next line end). */
const BLOCK_BYTES = 2 ** 20;
/** Files from this size are validated on two threads. */
const SPLIT_BYTES = 16 * 2 ** 20;
/** How many blocks a thread may be ahead of the printing. */
export const AHEAD = 2;

export type { Counts };

/** One block of the file: its index, its first line's number, and its bytes (when this thread checks it). */
export interface Block {
  readonly index: number;
  readonly firstLine: number;
  readonly bytes?: Buffer;
}

/**
 * The blocks of the first `size` bytes of the file at `path`, in order. `mine(index)` says which blocks this
 * thread checks; the others are only scanned for their line count.
 */
export function* blocksOf(
  path: string,
  size: number,
  mine: (index: number) => boolean,
  blockBytes = BLOCK_BYTES,
): Generator<Block> {
  const fd = openSync(path, 'r');
  try {
    let buffer = Buffer.allocUnsafe(blockBytes * 2);
    let held = 0;
    let offset = 0;
    let index = 0;
    let line = 1;
    while (offset < size || held > 0) {
      // Fill up to one block past what is held, then cut at the last line end.
      const want = Math.min(blockBytes, size - offset);
      if (held + want > buffer.length) {
        const bigger = Buffer.allocUnsafe((held + want) * 2);
        buffer.copy(bigger, 0, 0, held);
        buffer = bigger;
      }
      let read = 0;
      while (read < want) {
        const n = readSync(fd, buffer, held + read, want - read, offset + read);
        if (n === 0) break;
        read += n;
      }
      offset += read;
      held += read;
      const atEnd = offset >= size || read === 0;
      const cut = atEnd ? held : buffer.lastIndexOf(10, held - 1) + 1;
      if (cut === 0) continue;
      const bytes = buffer.subarray(0, cut);
      if (mine(index)) yield { index, firstLine: line, bytes: Buffer.from(bytes) };
      else yield { index, firstLine: line };
      line += countLines(bytes);
      buffer.copy(buffer, 0, cut, held);
      held -= cut;
      index++;
      if (atEnd && held === 0) break;
    }
  } finally {
    closeSync(fd);
  }
}

function countLines(bytes: Buffer): number {
  let count = 0;
  for (let at = bytes.indexOf(10); at >= 0; at = bytes.indexOf(10, at + 1)) count++;
  return count;
}

/** The lines of a block, without their line ends. */
function linesOf(bytes: Buffer): string[] {
  const text = new TextDecoder('utf-8').decode(bytes);
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.map((l) => (l.charCodeAt(l.length - 1) === 13 ? l.slice(0, -1) : l));
}

/** Checks the lines of one block; returns its report text (lines joined) and counts. */
export function checkBlock(
  block: Block & { bytes: Buffer },
  label: string,
  json: boolean,
  check: LineCheck,
): { text: string; counts: Counts } {
  const counts = noCounts();
  const out: string[] = [];
  const emit = (r: EventReport) => {
    tally(counts, r);
    out.push(json ? JSON.stringify(r) : formatReport(r));
  };
  const lines = linesOf(block.bytes);
  for (let i = 0; i < lines.length; i++) check(label, block.firstLine + i, lines[i] as string, emit);
  return { text: out.join('\n'), counts };
}

/** How one line is checked (checkLine, with the thread's validator and options). */
export type LineCheck = (label: string, line: number, text: string, emit: (r: EventReport) => void) => void;

/** Whether the file should be split: two cores, and at least SPLIT_BYTES. */
export function worthSplitting(size: number): boolean {
  return size >= SPLIT_BYTES && canRunInParallel();
}

export interface WorkerInput {
  readonly path: string;
  readonly size: number;
  readonly label: string;
  readonly data: unknown;
  /** The engine's options (strict, masked, statusSlip). */
  readonly options: object;
  readonly json: boolean;
  /** [0]: the index of the next block the main thread will print (the worker waits to stay AHEAD). */
  readonly printed: Int32Array;
  /** Bytes per block (BLOCK_BYTES unless a test asks for small blocks). */
  readonly blockBytes?: number;
}

export type WorkerMessage =
  | { readonly block: number; readonly text: string; readonly counts: Counts }
  | { readonly done: true }
  | { readonly error: string };

type Report = { text: string; counts: Counts };

/** What the worker has sent so far, and a way to wait for its next message. */
function listen(worker: Worker) {
  const state = {
    arrived: new Map<number, Report>(),
    done: false,
    failure: undefined as Error | undefined,
    wake: undefined as (() => void) | undefined,
    next: () =>
      new Promise<void>((resolve) => {
        state.wake = resolve;
      }),
  };
  worker.on('message', (message: WorkerMessage) => {
    if ('block' in message) state.arrived.set(message.block, message);
    else if ('done' in message) state.done = true;
    else state.failure = new Error(message.error);
    state.wake?.();
  });
  worker.on('error', (error) => {
    state.failure = error;
    state.wake?.();
  });
  return state;
}

/** Prints blocks in file order, from either thread, and tells the worker (`printed`) how far it got. */
function inOrder(
  printed: Int32Array,
  arrived: Map<number, Report>,
  print: (text: string, counts: Counts) => void,
) {
  const mine = new Map<number, Report>();
  const order = {
    mine,
    next: 0,
    has: (block: number) => mine.has(block) || arrived.has(block),
    flush() {
      for (;;) {
        const block = mine.get(order.next) ?? arrived.get(order.next);
        if (!block) break;
        mine.delete(order.next);
        arrived.delete(order.next);
        print(block.text, block.counts);
        order.next++;
      }
      Atomics.store(printed, 0, order.next);
      Atomics.notify(printed, 0);
    },
  };
  return order;
}

type Listener = ReturnType<typeof listen>;
type Order = ReturnType<typeof inOrder>;
type Ready = (() => Promise<void> | undefined) | undefined;

/**
 * Validates the file on two threads; `print` gets each block's report text in file order, and `check`
 * is how one line is checked on this thread.
 */
export async function validateSplit(
  input: Omit<WorkerInput, 'printed'>,
  check: LineCheck,
  print: (text: string, counts: Counts) => void,
  ready?: () => Promise<void> | undefined,
): Promise<void> {
  const printed = new Int32Array(new SharedArrayBuffer(4));
  const worker = spawnWorker(import.meta.url, 'split-worker', { ...input, printed });
  const from = listen(worker);
  const order = inOrder(printed, from.arrived, print);
  try {
    const last = await checkMyBlocks(input, check, order, from, ready);
    await printTheRest(last, order, from, ready);
  } finally {
    await worker.terminate();
  }
}

/** Checks this thread's blocks (the even ones), printing as it goes; returns the index of the last block. */
async function checkMyBlocks(
  input: Omit<WorkerInput, 'printed'>,
  check: LineCheck,
  order: Order,
  from: Listener,
  ready: Ready,
): Promise<number> {
  let last = -1;
  for (const block of blocksOf(input.path, input.size, (i) => i % 2 === 0, input.blockBytes)) {
    last = block.index;
    if (!block.bytes) continue;
    // Stay within AHEAD blocks of the printing: the worker's earlier blocks must come first.
    while (block.index - order.next > AHEAD) {
      if (from.failure) throw from.failure;
      await from.next();
      order.flush();
    }
    order.mine.set(block.index, checkBlock({ ...block, bytes: block.bytes }, input.label, input.json, check));
    order.flush();
    // Lets the worker's messages in.
    await new Promise<void>((resolve) => setImmediate(resolve));
    order.flush();
    // While the output is behind, nothing more is printed, so the worker too stays within AHEAD blocks;
    // what arrived meanwhile is printed before anything waits for the worker again.
    await ready?.();
    order.flush();
  }
  return last;
}

/** Waits for the worker's remaining blocks and prints them, up to the last block of the file. */
async function printTheRest(last: number, order: Order, from: Listener, ready: Ready): Promise<void> {
  while (order.next <= last) {
    if (from.failure) throw from.failure;
    if (!order.has(order.next)) {
      if (from.done) throw new Error('the validate worker stopped before its last block');
      await from.next();
    }
    order.flush();
    await ready?.();
  }
}
