/**
 * A file's contents as pieces written one after the other: texts (written as UTF-8) and bytes (copied). An
 * emitter whose files repeat large parts gives those as bytes made once (see emit/json-schema/chunks.ts), so that they
 * are neither joined into one string per file nor encoded again for each; one whose file is large gives an
 * iterable that makes its pieces as they are taken (see emit/types/), so that the file is never held whole.
 * Pieces may be gone through more than once (a file compared, then written), and must give the same pieces
 * every time.
 */
export type Pieces = readonly (string | Uint8Array)[] | Iterable<string | Uint8Array>;

/** A rendered file: its text, or its pieces. */
export type Rendered = string | Pieces;

/** Whether a file's pieces are made as they are taken (not a text, nor pieces held in an array). */
export function madeOnTake(rendered: Rendered): rendered is Iterable<string | Uint8Array> {
  return typeof rendered !== 'string' && !Array.isArray(rendered);
}

/**
 * An emitter's failure. Pieces made as they are taken fail in the write stage, which reports its own
 * errors as the file system's: this one it lets through as it is.
 */
export class EmitterError extends Error {
  constructor(emitter: string, cause: unknown) {
    super(`emitter "${emitter}" failed: ${(cause as Error).message}`, { cause });
    this.name = 'EmitterError';
  }
}

/** `pieces`, with an error thrown while they are made reported as the emitter's (see EmitterError). */
export function piecesOf(emitter: string, pieces: Iterable<string | Uint8Array>): Pieces {
  return {
    *[Symbol.iterator]() {
      try {
        yield* pieces;
      } catch (error) {
        throw new EmitterError(emitter, error);
      }
    },
  };
}

/** The text of a rendered file. */
export function renderedText(rendered: Rendered): string {
  if (typeof rendered === 'string') return rendered;
  let text = '';
  for (const p of rendered) text += typeof p === 'string' ? p : Buffer.from(p).toString('utf8');
  return text;
}

/**
 * The number of UTF-8 bytes of a rendered file, when it is known without making its pieces (a text, or
 * pieces held in an array); undefined for pieces made as they are taken.
 */
export function knownByteLength(rendered: Rendered): number | undefined {
  if (typeof rendered === 'string') return Buffer.byteLength(rendered, 'utf8');
  if (madeOnTake(rendered)) return undefined;
  let length = 0;
  for (const p of rendered as readonly (string | Uint8Array)[])
    length += typeof p === 'string' ? Buffer.byteLength(p, 'utf8') : p.length;
  return length;
}

const encoder = new TextEncoder();

/**
 * The bytes of a rendered file, a bufferful at a time: each call of the returned function fills `buffer`
 * from its start with the next bytes (as many as fit; a text is cut between characters, bytes anywhere) and
 * returns how many; 0 once all are given. `buffer` must hold at least 4 bytes (one character's).
 */
export function byteFiller(rendered: Rendered, buffer: Buffer): () => number {
  const pieces = (typeof rendered === 'string' ? [rendered] : rendered)[Symbol.iterator]();
  let piece = nextPiece(pieces);
  // How far into `piece` the bytes given so far reach: characters of a text, bytes of bytes.
  let offset = 0;
  return () => {
    let filled = 0;
    while (piece !== undefined) {
      const room = buffer.length - filled;
      if (typeof piece === 'string') {
        if (offset === 0 && piece.length * 3 <= room) {
          // Fits whatever its characters: one call, no view of the buffer.
          filled += buffer.write(piece, filled, 'utf8');
        } else {
          const rest = offset === 0 ? piece : piece.slice(offset);
          const { read, written } = encoder.encodeInto(rest, buffer.subarray(filled));
          filled += written;
          offset += read;
          if (offset < piece.length) return filled;
        }
      } else {
        const count = Math.min(piece.length - offset, room);
        buffer.set(
          offset === 0 && count === piece.length ? piece : piece.subarray(offset, offset + count),
          filled,
        );
        filled += count;
        offset += count;
        if (offset < piece.length) return filled;
      }
      piece = nextPiece(pieces);
      offset = 0;
    }
    return filled;
  };
}

function nextPiece(pieces: Iterator<string | Uint8Array>): string | Uint8Array | undefined {
  const next = pieces.next();
  return next.done ? undefined : next.value;
}
