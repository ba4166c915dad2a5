/**
 * What ajv reports for the invalid fixtures, and how fast it validates with the bundle, for two schema
 * folders (say the schemas of an older commit and of this one): the way to see what a change to the
 * schemas' encoding costs their validating consumers. Each fixture is validated against its per-name
 * schema (or its strict family schema, for a case about unknown fields), its family schema and the bundle
 * (the strict ones where the case is strict), with the toolkit's ajv (strict mode, all errors).
 *
 * Usage: node --import tsx bench/schema-errors.ts BEFORE_SCHEMAS AFTER_SCHEMAS [--dump FILE] [--rounds N]
 * (the fixtures are read from generated/fixtures; throughput rounds alternate between the two folders).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createAjv, type ErrorObject, normalizeErrors } from '../generator/validate/ajv.js';

interface IndexEntry {
  readonly name: string;
  readonly kind: string;
  readonly path: string;
  readonly index?: number;
  readonly strict?: boolean;
  readonly rule?: string;
}

interface SchemaIndex {
  readonly events: readonly { name: string; family: string; schema: string }[];
}

const FIXTURES = join(import.meta.dirname, '..', 'generated', 'fixtures');

/** Every fixture event (valid and invalid), with what selects its schemas. */
function readFixtures(): { entry: IndexEntry; value: unknown }[] {
  const index = JSON.parse(readFileSync(join(FIXTURES, 'index.json'), 'utf8')) as { fixtures: IndexEntry[] };
  return index.fixtures.map((entry) => {
    const value = JSON.parse(readFileSync(join(FIXTURES, entry.path), 'utf8')) as unknown;
    return { entry, value: entry.index === undefined ? value : (value as unknown[])[entry.index] };
  });
}

/** An ajv that knows every schema of `dir`, and the schemas an event is checked against. */
async function schemaSet(dir: string) {
  const ajv = await createAjv();
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as SchemaIndex;
  const load = (path: string) => {
    const schema = JSON.parse(readFileSync(join(dir, path), 'utf8')) as { $id: string };
    if (!ajv.getSchema(schema.$id)) ajv.addSchema(schema);
    return ajv.getSchema(schema.$id) as NonNullable<ReturnType<typeof ajv.getSchema>>;
  };
  const byName = new Map(index.events.map((e) => [e.name, e]));
  return {
    bundle: load('events.schema.json'),
    targets(entry: IndexEntry): [string, ReturnType<typeof load>][] {
      const event = byName.get(entry.name);
      if (!event) throw new Error(`${dir}: no schema for ${entry.name}`);
      const prefix = entry.strict ? 'strict/' : '';
      return [
        ['event', entry.strict ? load(`strict/families/${event.family}.schema.json`) : load(event.schema)],
        ['family', load(`${prefix}families/${event.family}.schema.json`)],
        ['bundle', load(`${prefix}events.schema.json`)],
      ];
    },
  };
}

type Raw = Pick<ErrorObject, 'instancePath' | 'schemaPath' | 'keyword' | 'params'> & {
  message?: string | undefined;
};

/** For every invalid fixture and each of its schemas: ajv's errors as they come, and as the toolkit shows them. */
async function dumpErrors(dir: string, fixtures: ReturnType<typeof readFixtures>) {
  const set = await schemaSet(dir);
  const out: Record<string, { raw: Raw[]; shown: string[] }> = {};
  for (const { entry, value } of fixtures) {
    if (entry.kind !== 'invalid') continue;
    for (const [kind, validate] of set.targets(entry)) {
      validate(value);
      const raw = (validate.errors ?? []).map(({ instancePath, schemaPath, keyword, params, message }) => ({
        instancePath,
        schemaPath,
        keyword,
        params,
        message,
      }));
      const shown = normalizeErrors(validate.errors).map((e) => `${e.path} ${e.keyword}: ${e.message}`);
      out[`${entry.path}#${entry.index ?? 0} ${entry.rule ?? ''} ${kind}`] = { raw, shown };
    }
  }
  return out;
}

/** How the two dumps differ: by what a consumer sees (paths, keywords, messages, params), then by schema path. */
function compare(
  before: Awaited<ReturnType<typeof dumpErrors>>,
  after: Awaited<ReturnType<typeof dumpErrors>>,
) {
  const seen = (raw: Raw[]) =>
    JSON.stringify(
      raw.map(({ instancePath, keyword, params, message }) => ({ instancePath, keyword, params, message })),
    );
  const counts = { checks: 0, sameShown: 0, sameRaw: 0, sameSchemaPaths: 0 };
  const examples: string[] = [];
  for (const [key, b] of Object.entries(before)) {
    const a = after[key];
    if (!a) throw new Error(`${key}: only in the first folder`);
    counts.checks++;
    if (JSON.stringify(a.shown) === JSON.stringify(b.shown)) counts.sameShown++;
    else if (examples.length < 6)
      examples.push(`${key}\n  before: ${b.shown.join('; ')}\n  after:  ${a.shown.join('; ')}`);
    if (seen(a.raw) === seen(b.raw)) counts.sameRaw++;
    if (JSON.stringify(a.raw.map((e) => e.schemaPath)) === JSON.stringify(b.raw.map((e) => e.schemaPath)))
      counts.sameSchemaPaths++;
  }
  return { counts, examples };
}

/** Events per second of the bundle over every fixture, `validate`-style (one compiled bundle, each event once). */
async function throughput(
  dirs: readonly string[],
  fixtures: ReturnType<typeof readFixtures>,
  rounds: number,
) {
  const bundles = await Promise.all(dirs.map(async (dir) => (await schemaSet(dir)).bundle));
  const values = fixtures.map((f) => f.value);
  const rates: number[][] = dirs.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < bundles.length; i++) {
      const validate = bundles[(round + i) % bundles.length] as (typeof bundles)[number];
      let events = 0;
      const start = performance.now();
      while (performance.now() - start < 300) {
        for (const value of values) validate(value);
        events += values.length;
      }
      rates[(round + i) % bundles.length]?.push(events / ((performance.now() - start) / 1000));
    }
  }
  return rates.map((r) => {
    const sorted = [...r].sort((x, y) => x - y);
    return {
      median: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0),
      min: Math.round(sorted[0] ?? 0),
      max: Math.round(sorted.at(-1) ?? 0),
    };
  });
}

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: { dump: { type: 'string' }, rounds: { type: 'string', default: '10' } },
});
const [beforeDir, afterDir] = positionals;
if (!beforeDir || !afterDir) {
  console.error(
    'usage: node --import tsx bench/schema-errors.ts BEFORE_SCHEMAS AFTER_SCHEMAS [--dump FILE] [--rounds N]',
  );
  process.exit(2);
}
const fixtures = readFixtures();
const before = await dumpErrors(beforeDir, fixtures);
const after = await dumpErrors(afterDir, fixtures);
if (options.dump) writeFileSync(options.dump, `${JSON.stringify({ before, after }, null, 2)}\n`);
const { counts, examples } = compare(before, after);
console.log(`${fixtures.length} fixtures; ${counts.checks} checks of invalid ones (fixture × schema)`);
console.log(`  the toolkit's normalized errors (path, keyword, message) unchanged: ${counts.sameShown}`);
console.log(`  ajv's raw errors (instancePath, keyword, params, message) unchanged: ${counts.sameRaw}`);
console.log(`  ajv's schemaPaths unchanged: ${counts.sameSchemaPaths}`);
for (const example of examples) console.log(example);
const [b, a] = await throughput([beforeDir, afterDir], fixtures, Number(options.rounds));
console.log(`bundle throughput, events/s (median, min–max of ${options.rounds} alternating rounds):`);
console.log(`  ${beforeDir}: ${b?.median} (${b?.min}–${b?.max})`);
console.log(`  ${afterDir}: ${a?.median} (${a?.min}–${a?.max})`);
