/**
 * A file's contents as pieces written one after the other: texts (written as UTF-8) and bytes (copied). An
 * emitter whose files repeat large parts gives those as bytes made once (see json-chunks.ts), so that they
 * are neither joined into one string per file nor encoded again for each.
 */
export type Pieces = readonly (string | Uint8Array)[];

/** A rendered file: its text, or its pieces. */
export type Rendered = string | Pieces;

/** The text of a rendered file. */
export function renderedText(rendered: Rendered): string {
  if (typeof rendered === 'string') return rendered;
  return rendered.map((p) => (typeof p === 'string' ? p : Buffer.from(p).toString('utf8'))).join('');
}

/** The number of UTF-8 bytes of a rendered file. */
export function renderedByteLength(rendered: Rendered): number {
  if (typeof rendered === 'string') return Buffer.byteLength(rendered, 'utf8');
  let length = 0;
  for (const p of rendered) length += typeof p === 'string' ? Buffer.byteLength(p, 'utf8') : p.length;
  return length;
}

const encoder = new TextEncoder();

/**
 * The bytes of a rendered file, a bufferful at a time: each call of the returned function fills `buffer`
 * from its start with the next bytes (as many as fit; a text is cut between characters, bytes anywhere) and
 * returns how many; 0 once all are given. `buffer` must hold at least 4 bytes (one character's).
 */
export function byteFiller(rendered: Rendered, buffer: Buffer): () => number {
  const pieces = typeof rendered === 'string' ? [rendered] : rendered;
  let index = 0;
  // How far into pieces[index] the bytes given so far reach: characters of a text, bytes of bytes.
  let offset = 0;
  return () => {
    let filled = 0;
    while (index < pieces.length) {
      const piece = pieces[index] as string | Uint8Array;
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
      index++;
      offset = 0;
    }
    return filled;
  };
}
