/**
 * TypeScript declarations of the package (types/index.d.ts), built as structures from the model: the
 * envelope and each family's field interfaces (enums as unions, descriptions as JSDoc), one interface per
 * notification with its exact content, the name → event map, unions, name lists and the declarations of
 * the runtime helpers. ts-print.ts prints the structures; the tests check that ts-morph prints the same
 * declarations from them and that json-schema-to-typescript derives the same field types from the
 * schemas.
 */
import type { Catalog } from '../../model/catalog.js';
import type { Pieces } from '../../support/pieces.js';
import { printedStatements } from '../shared/ts-print.js';
import { typeStatements } from './statements.js';

/**
 * types/index.d.ts, built from the model. Its pieces are printed as the write stage takes them, a
 * notification's statements at a time, and made again for each pass (see Pieces): a large catalog's
 * declarations are never held whole, as structures or as text.
 */
export function emitTypes(catalog: Catalog): Map<string, Pieces> {
  return new Map([
    ['types/index.d.ts', { [Symbol.iterator]: () => printedStatements(typeStatements(catalog)) }],
  ]);
}
