/**
 * Stage 3b, check the documented examples against what the catalog produces: an example declared valid
 * must validate, and one declared invalid (with an erratum) must fail with exactly the declared errors.
 * Runs on the model, before anything is written, with the validator engine that the package ships (it
 * reports what the JSON Schemas report; the test suite holds the two to each other), which costs no
 * schema compilation however many examples the catalog has.
 */

import { runtimeData } from '../events/data.js';
import { createValidator } from '../events/engine.js';
import { toPointer } from '../load/positions.js';
import type { Catalog } from '../model/catalog.js';
import { indexOf } from '../model/lookups.js';
import { compareStrings, type Diagnostic } from '../support/diagnostics.js';
import type { RuleContext } from './context.js';

/** Diagnostics for every example whose validation result differs from what the spec declares. */
export async function checkExamples(catalog: Catalog, ctx: RuleContext): Promise<Diagnostic[]> {
  if (catalog.examples.length === 0) return [];
  const engine = createValidator(runtimeData(catalog) as Parameters<typeof createValidator>[0]);
  const disc = catalog.envelope.discriminator;
  const before = ctx.diagnostics.length;
  for (const example of catalog.examples) {
    const event = indexOf(catalog).event(example.notification);
    if (!event) continue;
    const actual = errorsAs(engine, example.value, event.name, disc);
    const expected = example.expect.valid
      ? []
      : example.expect.errors.map((e) => `${e.path} ${e.keyword}`).sort(compareStrings);
    const missing = expected.filter((e) => !actual.includes(e));
    const extra = actual.filter((e) => !expected.includes(e));
    if (missing.length === 0 && extra.length === 0) continue;
    const detail = example.expect.valid
      ? `declared valid, but the schema of "${event.name}" reports: ${extra.join('; ')}`
      : `declared errors differ from the schema's: ${[
          ...missing.map((m) => `expected ${m}, not reported`),
          ...extra.map((x) => `reported ${x}, not declared`),
        ].join('; ')}`;
    const located = locateExample(ctx, example.id);
    if (located) ctx.report('example-expectation', { id: example.id, detail }, located.file, located.path);
  }
  return ctx.diagnostics.slice(before);
}

/**
 * The errors of `value` checked as notification `name`, as "path keyword" strings. Like the schema of that
 * name, a different name in the value is itself an error.
 */
function errorsAs(
  engine: ReturnType<typeof createValidator>,
  value: unknown,
  name: string,
  disc: string,
): string[] {
  if (!isRecord(value)) return engine.validate(value).map((e) => `${e.path} ${e.keyword}`);
  const errors = engine.validate({ ...value, [disc]: name }).map((e) => `${e.path} ${e.keyword}`);
  const carried = value[disc];
  if (carried !== name) {
    const path = toPointer([disc]);
    errors.push(...(typeof carried === 'string' ? [] : [`${path} type`]), `${path} const`);
  }
  return errors.sort(compareStrings);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function locateExample(ctx: RuleContext, id: string) {
  for (const { file, data } of ctx.families) {
    const index = data.examples?.findIndex((e) => e.id === id) ?? -1;
    if (index >= 0) return { file, path: ['examples', index, 'expect'] };
  }
  return undefined;
}
