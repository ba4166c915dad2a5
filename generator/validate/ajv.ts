/**
 * The one place that creates ajv instances, so that every check (spec format, documented examples, tests)
 * validates under the same options: JSON Schema 2020-12, strict mode, all errors.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import type Ajv2020Type from 'ajv/dist/2020.js';
import { toPointer } from '../load/positions.js';

type Ajv = InstanceType<typeof Ajv2020Type.default>;

let AjvClass: typeof Ajv2020Type.default | undefined;

/** A strict draft 2020-12 ajv, loaded on first use: ajv costs start-up time that a no-op run should not pay. */
export async function createAjv(extra: Record<string, unknown> = {}): Promise<Ajv> {
  if (!AjvClass) {
    const mod = await import('ajv/dist/2020.js');
    AjvClass = mod.default.default ?? (mod.default as unknown as typeof Ajv2020Type.default);
  }
  const ajv = new AjvClass({ strict: true, allErrors: true, allowUnionTypes: true, ...extra });
  // The RFC 3339 check of the date-time format is carried by each format's own pattern; ajv only needs to
  // know the format names so that strict mode accepts them.
  for (const name of ['date-time', 'date', 'time', 'email', 'uri', 'uuid']) ajv.addFormat(name, true);
  return ajv;
}

export type { ErrorObject, ValidateFunction };

/** An error as the toolkit reports it: the JSON Pointer of the offending value and the failing keyword. */
export interface EventError {
  readonly path: string;
  readonly keyword: string;
  readonly message: string;
}

/**
 * ajv reports a missing or unknown property at the object that holds it; the toolkit reports it at the
 * property's own path, which is what a reader looks for. "if" errors only repeat the branch's errors.
 */
export function normalizeErrors(errors: readonly ErrorObject[] | null | undefined): EventError[] {
  const out: EventError[] = [];
  const seen = new Set<string>();
  for (const e of errors ?? []) {
    if (e.keyword === 'if') continue;
    const params = e.params as Record<string, unknown>;
    const child = params.missingProperty ?? params.additionalProperty ?? params.unevaluatedProperty;
    const path = child === undefined ? e.instancePath : `${e.instancePath}${toPointer([String(child)])}`;
    // A bundle reports a few errors twice (once from the family, once from the notification).
    if (seen.has(`${path} ${e.keyword}`)) continue;
    seen.add(`${path} ${e.keyword}`);
    out.push({ path, keyword: e.keyword, message: errorMessage(e, params) });
  }
  return out;
}

function errorMessage(e: ErrorObject, params: Record<string, unknown>): string {
  switch (e.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return 'is not a known field (strict schema)';
    case 'false schema':
      return 'must be absent for this notification';
    case 'const':
      return `must be ${JSON.stringify(params.allowedValue)}`;
    case 'enum':
      return `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'pattern':
      return `must match ${String(params.pattern)}`;
    default:
      return e.message ?? e.keyword;
  }
}
