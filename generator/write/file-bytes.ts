/**
 * A file's bytes: written from its pieces through one reused buffer, and compared with the copy on disk a
 * bufferful at a time, so that neither allocates per file nor holds a large file whole.
 */
import * as nodeFs from 'node:fs';
import { errorReason, ToolError } from '../support/diagnostics.js';
import { byteFiller, EmitterError, knownByteLength, type Rendered } from '../support/pieces.js';

/** A file's size, modification time and inode (what the no-op fast path records, see cache/index.ts). */
export interface FileStat {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ino: number;
}

/**
 * File-system operations used by the write stage; tests replace them to inject faults. `writeFileSync` may
 * return the stat of the file it wrote (then nobody has to look it up by path again).
 */
export interface WriteFs {
  writeFileSync(path: string, data: Rendered): FileStat | unknown;
  renameSync(from: string, to: string): void;
  unlinkSync(path: string): void;
  mkdirSync(path: string, options: { recursive: true }): unknown;
  rmdirSync(path: string): void;
}

/**
 * A buffer reused to encode each file's pieces before writing them: one pass over a text (node writing a
 * string needs a second one, Buffer.byteLength, to detect a short write), no allocation per file; a file
 * larger than the buffer is written a bufferful at a time.
 */
const encoded = Buffer.allocUnsafe(1 << 22);

/**
 * Writes the first `length` bytes of `bytes` to `fd`, however many calls that takes: a short write (a full
 * disk) is continued, and then fails with the file system's error.
 */
function writeFully(fd: number, bytes: Uint8Array, length: number): void {
  let written = 0;
  while (written < length) written += nodeFs.writeSync(fd, bytes, written, length - written);
}

/**
 * Writes `data` and returns the new file's stat, taken from the open file (no second path lookup): the
 * write stage's `writeFileSync` (tests that inject faults wrap it).
 */
export function writeWithStat(path: string, data: Rendered): FileStat {
  const fd = nodeFs.openSync(path, 'w');
  try {
    const fill = byteFiller(data, encoded);
    for (let length = fill(); length > 0; length = fill()) writeFully(fd, encoded, length);
    const { size, mtimeMs, ino } = nodeFs.fstatSync(fd);
    return { size, mtimeMs, ino };
  } finally {
    nodeFs.closeSync(fd);
  }
}

/** The file-system operations of a real write. */
export const defaultFs: WriteFs = {
  writeFileSync: writeWithStat,
  renameSync: nodeFs.renameSync,
  unlinkSync: nodeFs.unlinkSync,
  mkdirSync: nodeFs.mkdirSync,
  rmdirSync: nodeFs.rmdirSync,
};

/** Buffers reused to compare files, one MiB each: comparing a large output allocates nothing per file. */
const expectedBytes = Buffer.allocUnsafe(1 << 20);
const actualBytes = Buffer.allocUnsafe(1 << 20);

/**
 * Whether the file at `path` holds exactly the UTF-8 bytes of `contents` (false when it does not exist). A
 * file of another size is not read; one of the same size is compared a MiB at a time, `contents` encoded
 * piece by piece into one reused buffer and the file read into another (no hashing, no string per file, and
 * no buffer as large as the largest file: regenerating a large catalog into its own output compares every
 * file, its largest bundles included).
 */
export function hasBytes(path: string, contents: Rendered): boolean {
  let fd: number;
  try {
    fd = nodeFs.openSync(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new ToolError(`cannot read ${path}: ${errorReason(error)}`, 2);
  }
  try {
    // Pieces made as they are taken are not made twice to learn their length: the comparison finds a
    // file of another length at its end.
    const length = knownByteLength(contents);
    if (length !== undefined && length !== nodeFs.fstatSync(fd).size) return false;
    return sameBytesFrom(fd, contents);
  } catch (error) {
    if (error instanceof EmitterError) throw error;
    throw new ToolError(`cannot read ${path}: ${errorReason(error)}`, 2);
  } finally {
    nodeFs.closeSync(fd);
  }
}

/** Whether what is left to read from `fd` is exactly the bytes of `contents`. */
function sameBytesFrom(fd: number, contents: Rendered): boolean {
  const fill = byteFiller(contents, expectedBytes);
  for (let written = fill(); written > 0; written = fill()) {
    let got = 0;
    while (got < written) {
      const n = nodeFs.readSync(fd, actualBytes, got, written - got, null);
      if (n === 0) return false;
      got += n;
    }
    if (Buffer.compare(expectedBytes.subarray(0, written), actualBytes.subarray(0, written)) !== 0)
      return false;
  }
  // One more byte would mean that the file grew while it was read.
  return nodeFs.readSync(fd, actualBytes, 0, 1, null) === 0;
}
