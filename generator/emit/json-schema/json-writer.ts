/**
 * How the schema emitter writes its documents, and the one place where it chooses how. A value that many
 * documents repeat (a field's schema, a family's or a notification's part of the dispatch schemas) goes
 * into a document as the token the writer gives for it; the writer then writes the document.
 */
import type { Rendered } from '../../support/pieces.js';
import { isOff } from '../../support/switches.js';
import { toJson } from '../shared/json.js';
import { JsonChunks } from './chunks.js';

export interface JsonWriter {
  /** What stands for `value` in a document. */
  token(value: object): unknown;
  /** The JSON text of `document` (two-space indent, trailing newline), each token's value in place. */
  toJson(document: unknown): Rendered;
}

/** The plain writer: every value stands for itself, and a document is one JSON.stringify text. */
const plainJson: JsonWriter = { token: (value) => value, toJson };

/**
 * A writer for one run of the emitter: the chunked one (each repeated value written once, as bytes, see
 * chunks.ts), or the plain one where the bench turned `json-chunks` off. Both write the same bytes.
 */
export function jsonWriter(): JsonWriter {
  return isOff('json-chunks') ? plainJson : new JsonChunks();
}
