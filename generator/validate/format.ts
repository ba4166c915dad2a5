/**
 * Stage 2a, validate the format: every spec file against generator/spec-format.schema.json, with each ajv
 * error turned into a positioned diagnostic whose message names the offending property.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type DataPath, locate, parsePointer } from '../load/positions.js';
import type { SpecFile } from '../load/spec.js';
import { createDiagnostic, type Diagnostic } from '../support/diagnostics.js';
import { codeRoot, readToolkitJson } from '../support/toolkit.js';
import { createAjv, type ErrorObject, type ValidateFunction } from './ajv.js';

/** Checks every parsed file against the format schema; files that failed to parse are skipped. */
export async function validateFormat(files: readonly SpecFile[]): Promise<Diagnostic[]> {
  const validate = await formatValidator();
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    if (file.data === undefined) continue;
    if (validate(file.data)) continue;
    const seen = new Set<string>();
    for (const error of validate.errors ?? []) {
      const diagnostic = toDiagnostic(file, error);
      if (!diagnostic) continue;
      const key = `${diagnostic.line}:${diagnostic.column}:${diagnostic.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      diagnostics.push(diagnostic);
    }
  }
  return diagnostics;
}

/** Written by the build (compile-format.ts) beside the compiled toolkit; absent when running from sources. */
const FORMAT_MODULE = () => pathToFileURL(join(codeRoot(), 'spec-format.validate.js')).href;

let compiled: Promise<ValidateFunction> | undefined;

/**
 * The format schema's validator: the standalone module that the build compiles next to the toolkit, or,
 * when running from the sources, the schema compiled with ajv; once per process either way.
 */
function formatValidator(): Promise<ValidateFunction> {
  compiled ??= import(FORMAT_MODULE())
    .then((module: { default: ValidateFunction }) => module.default)
    .catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ERR_MODULE_NOT_FOUND') throw error;
      return createAjv().then((ajv) =>
        ajv.compile(readToolkitJson('generator', 'spec-format.schema.json') as object),
      );
    });
  return compiled;
}

function toDiagnostic(file: SpecFile, error: ErrorObject): Diagnostic | undefined {
  // "must match then schema" only repeats the errors found inside the branch.
  if (error.keyword === 'if') return undefined;
  const path: DataPath = parsePointer(error.instancePath).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties') {
    const extra = String(params.additionalProperty);
    const at = locate(file, [...path, extra], 'key');
    return createDiagnostic(
      'spec-format',
      { where: where([...path, extra]), detail: 'unknown property' },
      at,
    );
  }
  const at = locate(file, path);
  const data = valueAt(file.data, path);
  return createDiagnostic('spec-format', { where: where(path), detail: describe(error, params, data) }, at);
}

function valueAt(data: unknown, path: DataPath): unknown {
  let value = data;
  for (const segment of path) value = (value as Record<string | number, unknown> | undefined)?.[segment];
  return value;
}

function describe(error: ErrorObject, params: Record<string, unknown>, data: unknown): string {
  const value = JSON.stringify(data);
  switch (error.keyword) {
    case 'required':
      return `missing property "${String(params.missingProperty)}"`;
    case 'enum':
      return `${value} is not one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `must be ${JSON.stringify(params.allowedValue)}, not ${value}`;
    case 'type':
      return `must be ${String(params.type).replace(',', ' or ')}, not ${typeOf(data)}`;
    case 'pattern':
      return `${value} does not match ${String(params.pattern)}`;
    case 'not':
      return `${value} is a reserved name`;
    case 'minItems':
    case 'minLength':
    case 'minProperties':
      return 'must not be empty';
    case 'maxLength':
      return `must be at most ${String(params.limit)} characters`;
    case 'uniqueItems':
      return `items ${String(params.j)} and ${String(params.i)} are the same`;
    default:
      return error.message ?? error.keyword;
  }
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return typeof value;
}

/** "content[3].type: " for the path ["content", 3, "type"]; "" at the top. */
function where(path: DataPath): string {
  if (path.length === 0) return '';
  const text = path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
  return `${text}: `;
}
