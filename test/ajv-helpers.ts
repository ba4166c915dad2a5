/**
 * Validating events in tests with the generated schemas, the way a consumer would: one ajv instance that
 * knows every schema, in strict mode.
 */
import { createAjv, type EventError, normalizeErrors } from '../generator/validate/ajv.js';

type Ajv = Awaited<ReturnType<typeof createAjv>>;

/** An ajv holding every schema of `files` under schemas/ (both variants), looked up by path. */
export async function schemaValidator(files: ReadonlyMap<string, string>) {
  const ajv: Ajv = await createAjv();
  const byPath = new Map<string, string>();
  for (const [path, text] of files) {
    if (!path.startsWith('schemas/') || !path.endsWith('.schema.json')) continue;
    const schema = JSON.parse(text) as { $id: string };
    ajv.addSchema(schema);
    byPath.set(path.slice('schemas/'.length), schema.$id);
  }
  return {
    ajv,
    paths: [...byPath.keys()],
    /** ajv's own errors for `value` against the schema at `path`, as a consumer of ajv sees them. */
    raw(path: string, value: unknown) {
      const validate = ajv.getSchema(byPath.get(path) ?? '');
      if (!validate) throw new Error(`no schema at ${path}`);
      validate(value);
      return (validate.errors ?? []).map(({ instancePath, keyword, params }) => ({
        instancePath,
        keyword,
        params,
      }));
    },
    /** Validates `value` against the schema at `path` (relative to schemas/); returns its errors. */
    errors(path: string, value: unknown): EventError[] {
      const id = byPath.get(path);
      if (!id) throw new Error(`no schema at ${path}`);
      const validate = ajv.getSchema(id);
      if (!validate) throw new Error(`schema ${id} did not compile`);
      validate(value);
      return normalizeErrors(validate.errors);
    },
  };
}
