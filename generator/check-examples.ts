/**
 * Stage 3b, check the documented examples against the schemas the catalog produces: an example declared
 * valid must validate, and one declared invalid (with an erratum) must fail with exactly the declared
 * errors. Runs on the model, before anything is written.
 */
import { createAjv, normalizeErrors } from './ajv.js';
import type { Catalog } from './catalog.js';
import { compareStrings, type Diagnostic } from './diagnostics.js';
import { eventSchema, schemaPaths } from './emit/json-schema.js';
import type { RuleContext } from './validate-context.js';

/** Diagnostics for every example whose validation result differs from what the spec declares. */
export async function checkExamples(catalog: Catalog, ctx: RuleContext): Promise<Diagnostic[]> {
  if (catalog.examples.length === 0) return [];
  const ajv = await createAjv();
  const before = ctx.diagnostics.length;
  for (const example of catalog.examples) {
    const event = catalog.events.find((e) => e.name === example.notification);
    if (!event) continue;
    const path = schemaPaths.event(event, 'default');
    const validate =
      ajv.getSchema(`${catalog.schemaBaseUri}${path}`) ??
      ajv.compile(eventSchema(catalog, event, 'default', path));
    validate(example.value);
    const actual = normalizeErrors(validate.errors)
      .map((e) => `${e.path} ${e.keyword}`)
      .sort(compareStrings);
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

function locateExample(ctx: RuleContext, id: string) {
  for (const { file, data } of ctx.families) {
    const index = data.examples?.findIndex((e) => e.id === id) ?? -1;
    if (index >= 0) return { file, path: ['examples', index, 'expect'] };
  }
  return undefined;
}
