/**
 * JSON documents that repeat the same values many times over: each repeated value is written once, as UTF-8
 * bytes, and copied wherever it appears. The schemas of a large catalog repeat the envelope's fields in every
 * notification's schema, and each notification's part of a dispatch schema in its family's schema and in the
 * bundle, in both variants.
 *
 * A document is built with a token (a string) where a repeated value goes and written by JSON.stringify; the
 * text is then cut at the tokens, and each token replaced by the value's bytes, indented for where it lands.
 * The pieces, written one after the other, are exactly `JSON.stringify(document with the values in place,
 * null, 2)`. A token holds a NUL character and a random nonce of the process, so that no text from the spec
 * can pass for one (JSON writes NUL as an escape, and the nonce is unknown to it); the nonce never reaches
 * the output.
 */
import { randomBytes } from 'node:crypto';
import type { Pieces } from '../../support/pieces.js';
import { stringifiedAt } from '../shared/json.js';
import type { JsonWriter } from './json-writer.js';

const NONCE = randomBytes(12).toString('hex');
const TOKEN_PREFIX = `\u0000${NONCE}:`;
/** A token as JSON.stringify writes it (NUL as an escape), up to its number and closing quote. */
const QUOTED_PREFIX = `"\\u0000${NONCE}:`;

/** Size of the buffers that hold the values' bytes. */
const SLAB_SIZE = 1 << 20;

/** The repeated values of one emitter run, and their texts and bytes. */
export class JsonChunks implements JsonWriter {
  private readonly values: unknown[] = [];
  private readonly tokens = new Map<unknown, string>();
  /** Texts at indentation 0, by value number. */
  private readonly texts: (string | undefined)[] = [];
  /** Bytes by value number, then by the indentation (in spaces) of the line the value starts on. */
  private readonly bytes: Map<number, Uint8Array>[] = [];

  /** The token that stands for `value` in a document (or in another repeated value). */
  token(value: object): string {
    let token = this.tokens.get(value);
    if (token === undefined) {
      token = `${TOKEN_PREFIX}${this.values.length}`;
      this.values.push(value);
      this.texts.push(undefined);
      this.bytes.push(new Map());
      this.tokens.set(value, token);
    }
    return token;
  }

  /** The JSON text of `document` (two-space indent, trailing newline) as pieces, its tokens replaced. */
  toJson(document: unknown): Pieces {
    const parts = cut(`${JSON.stringify(document, null, 2)}\n`);
    const pieces: (string | Uint8Array)[] = [];
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] as string | number;
      pieces.push(typeof part === 'string' ? part : this.bytesOf(part, parts[++i] as number));
    }
    return pieces;
  }

  /**
   * The text of value `id` at indentation 0, its own tokens replaced: kept for the values placed inside
   * others (a field's schema in many notifications' parts), made again when asked for once more otherwise.
   */
  private textOf(id: number): string {
    let text = this.texts[id];
    if (text === undefined) {
      text = this.makeText(id);
      this.texts[id] = text;
    }
    return text;
  }

  /** The text of value `id` as it stands on a line indented by `indent` spaces, its own tokens replaced. */
  private makeText(id: number, indent = 0): string {
    const text = stringifiedAt(this.values[id], indent);
    if (!text.includes(QUOTED_PREFIX)) return text;
    const parts = cut(text);
    const texts: string[] = [];
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] as string | number;
      texts.push(typeof part === 'string' ? part : this.indented(this.textOf(part), parts[++i] as number));
    }
    return texts.join('');
  }

  private indented(text: string, indent: number): string {
    return indent === 0 ? text : text.replaceAll('\n', `\n${' '.repeat(indent)}`);
  }

  /** Where encode writes: one buffer for many values (they all live to the end of the run anyway). */
  private slab = Buffer.allocUnsafe(0);
  private used = 0;

  /**
   * The UTF-8 bytes of `text`, written into the current slab (Buffer.from measures a text before it
   * encodes it: two passes, and a buffer per value).
   */
  private encode(text: string): Uint8Array {
    const most = text.length * 3;
    if (most > SLAB_SIZE / 4) return Buffer.from(text, 'utf8');
    if (this.used + most > this.slab.length) {
      this.slab = Buffer.allocUnsafe(SLAB_SIZE);
      this.used = 0;
    }
    const length = this.slab.write(text, this.used, 'utf8');
    const bytes = this.slab.subarray(this.used, this.used + length);
    this.used += length;
    return bytes;
  }

  private bytesOf(id: number, indent: number): Uint8Array {
    const known = this.bytes[id] as Map<number, Uint8Array>;
    let bytes = known.get(indent);
    if (bytes === undefined) {
      // A value placed in documents only is kept as its bytes, not also as its text: the texts of every
      // notification's part and branch would otherwise stay in the heap to the end of the run.
      const text = this.texts[id];
      bytes = this.encode(text === undefined ? this.makeText(id, indent) : this.indented(text, indent));
      known.set(indent, bytes);
    }
    return bytes;
  }
}

/**
 * The text between tokens (strings) and, for each token, its value's number and the indentation of the line
 * it starts on (two numbers), in order.
 */
function cut(text: string): (string | number)[] {
  const parts: (string | number)[] = [];
  const copied = cutTokens(text, parts);
  if (copied < text.length) parts.push(text.slice(copied));
  return parts;
}

/**
 * The loop of cut, up to the text after the last token (returns where that starts). V8 compiles a long
 * loop while it runs; the code made during the first call, reused by the calls after it, had never run
 * what followed the loop, and was thrown back to the interpreter there on every call (the bundle, the
 * longest document, is the first one cut): nothing follows the loop here. Callbacks in place of `parts` did
 * the same each time the other caller's came.
 */
function cutTokens(text: string, parts: (string | number)[]): number {
  let copied = 0;
  for (let at = text.indexOf(QUOTED_PREFIX); at >= 0; at = text.indexOf(QUOTED_PREFIX, copied)) {
    const end = text.indexOf('"', at + QUOTED_PREFIX.length);
    // A token starts a value: its line's indentation is the value's.
    const lineStart = text.lastIndexOf('\n', at) + 1;
    let indent = 0;
    while (text.charCodeAt(lineStart + indent) === 32) indent++;
    if (at > copied) parts.push(text.slice(copied, at));
    parts.push(Number(text.slice(at + QUOTED_PREFIX.length, end)), indent);
    copied = end + 1;
  }
  return copied;
}
