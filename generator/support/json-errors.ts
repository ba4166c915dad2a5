/**
 * Where a JSON text stops being JSON. Node's JSON.parse does not always say where it failed (Node 20
 * reports some errors without a position), so the failing offset comes from jsonc-parser in strict mode,
 * which is only loaded when a text has already failed to parse.
 */
import { createRequire } from 'node:module';
import type * as Jsonc from 'jsonc-parser';

let jsonc: typeof Jsonc | undefined;

/** The offset of the first syntax error of `text` and a message for it. */
export function locateJsonError(text: string, fallback: string): { offset: number; message: string } {
  jsonc ??= createRequire(import.meta.url)('jsonc-parser') as typeof Jsonc;
  const errors: Jsonc.ParseError[] = [];
  jsonc.parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return { offset: text.length, message: fallback };
  const what = jsonc
    .printParseErrorCode(first.error)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return { offset: first.offset, message: `${what} (${fallback.replace(/\s+/g, ' ')})` };
}

/** 1-based line and column of an offset (shared with the reports, which ship in the package). */
export { lineColumn } from '../events/reports.js';
