/**
 * Stage 2c, the documented examples: each is read (inline, or from a JSON file inside the spec folder),
 * parsed, and checked for the references it makes. Whether it validates as it claims is checked later,
 * against the emitted schemas (see check-examples.ts).
 */
import { readFileSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { isInside } from '../load/files.js';
import { type DataPath, locateInside } from '../load/positions.js';
import type { RawExample } from '../load/spec-types.js';
import { createDiagnostic, errorReason } from '../support/diagnostics.js';
import { lineColumn, locateJsonError } from '../support/json-errors.js';
import { listKnown, type RuleContext } from './context.js';

export interface ExampleText {
  /** The example's text, verbatim. */
  readonly text: string;
  readonly value: unknown;
}

/** Reads and parses every example; returns the parsed ones by id. */
export function readExamples(ctx: RuleContext): Map<string, ExampleText> {
  const out = new Map<string, ExampleText>();
  const errata = (ctx.catalog?.data.errata ?? []).map((e) => e.id);
  const names = new Set(ctx.families.flatMap((f) => f.data.notifications.map((n) => n.name)));
  const discriminator = ctx.catalog?.data.envelope.discriminator;
  for (const { file, data } of ctx.families) {
    data.examples?.forEach((example, i) => {
      const at: DataPath = ['examples', i];
      const text = exampleText(ctx, file, at, example);
      if (text === undefined) return;
      const value = parseJson(ctx, file, at, example, text);
      if (value === undefined) return;
      out.set(example.id, { text, value });
      if (typeof example.expect === 'object' && !errata.includes(example.expect.erratum)) {
        const known = listKnown(errata);
        ctx.report('unknown-erratum', { id: example.expect.erratum, known }, file, [
          ...at,
          'expect',
          'erratum',
        ]);
      }
      const carried = discriminator && isRecord(value) ? value[discriminator] : undefined;
      if (example.notification === undefined && typeof carried !== 'string') {
        ctx.report('example-not-event', { field: discriminator ?? '' }, file, [
          ...at,
          example.json !== undefined ? 'json' : 'file',
        ]);
        return;
      }
      const name = example.notification ?? String(carried);
      if (!names.has(name)) {
        ctx.report(
          'unknown-name',
          { name },
          file,
          example.notification ? [...at, 'notification'] : [...at, 'json'],
        );
      }
      if (example.describes !== undefined && !names.has(example.describes))
        ctx.report('unknown-name', { name: example.describes }, file, [...at, 'describes']);
    });
  }
  return out;
}

function exampleText(
  ctx: RuleContext,
  file: RuleContext['families'][number]['file'],
  at: DataPath,
  example: RawExample,
): string | undefined {
  if ((example.json === undefined) === (example.file === undefined)) {
    ctx.report('example-source', {}, file, at);
    return undefined;
  }
  if (example.json !== undefined) return example.json;
  const ref = example.file as string;
  const target = resolve(ctx.specDir, dirname(file.path), ref);
  const inside = relative(resolve(ctx.specDir), target);
  if (isAbsolute(ref) || inside.startsWith('..') || isAbsolute(inside)) {
    ctx.report('ref-outside-spec', { ref }, file, [...at, 'file']);
    return undefined;
  }
  let real: string;
  try {
    real = realpathSync(join(ctx.specDir, inside));
  } catch (error) {
    ctx.report('missing-file', { ref, reason: errorReason(error) }, file, [...at, 'file']);
    return undefined;
  }
  // The path is inside; what it resolves to (through symlinks) must be too.
  if (!isInside(realpathSync(ctx.specDir), real)) {
    ctx.report('ref-outside-spec', { ref }, file, [...at, 'file']);
    return undefined;
  }
  const bytes = ctx.read?.get(real);
  if (bytes) return bytes.toString('utf8');
  try {
    return readFileSync(real, 'utf8');
  } catch (error) {
    ctx.report('io-error', { reason: errorReason(error) }, file, [...at, 'file']);
    return undefined;
  }
}

function parseJson(
  ctx: RuleContext,
  file: RuleContext['families'][number]['file'],
  at: DataPath,
  example: RawExample,
  text: string,
): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const located = locateJsonError(text, (error as Error).message);
    const reason = located.message;
    const { line, column } = lineColumn(text, located.offset);
    const where =
      example.json !== undefined
        ? locateInside(file, [...at, 'json'], line, column)
        : { file: `${file.displayPath} → ${example.file}`, line, column };
    ctx.diagnostics.push(createDiagnostic('example-json', { reason }, where));
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
