/**
 * The yardstick for `ecs-events validate`: reads NDJSON line by line and validates each event with ajv
 * against the one per-name schema its `name` selects, compiled on first use. It reports one line per event
 * like the command does, so that both do the same work: read, parse, validate, report.
 *
 * Usage: node bench/ajv-baseline.mjs EVENTS.ndjson SCHEMAS_DIR
 */
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Ajv2020 from 'ajv/dist/2020.js';

const file = process.argv[2] ?? '';
const schemasDir = process.argv[3] ?? '';
if (!file || !schemasDir) {
  console.error('usage: node bench/ajv-baseline.mjs EVENTS.ndjson SCHEMAS_DIR');
  process.exit(2);
}

/** @type {{ events: { name: string, schema: string }[] }} */
const index = JSON.parse(readFileSync(join(schemasDir, 'index.json'), 'utf8'));
const schemaFiles = new Map(index.events.map((e) => [e.name, e.schema]));
// ajv is CommonJS: its class is both the module and the module's `default`; the latter is what TypeScript sees.
const ajv = new Ajv2020.default({ strict: false, allErrors: true });
// Without strict mode ajv warns about every format it does not know; the schemas' patterns carry the
// checks, so the formats are declared as accepting anything, as the toolkit's own ajv does.
for (const name of ['date-time', 'date', 'time', 'email', 'uri', 'uuid']) ajv.addFormat(name, true);

/** @type {Map<string, import('ajv').ValidateFunction>} */
const compiled = new Map();

/** @param {unknown} name */
function validatorFor(name) {
  if (typeof name !== 'string') return undefined;
  const known = compiled.get(name);
  if (known) return known;
  const schemaFile = schemaFiles.get(name);
  if (!schemaFile) return undefined;
  const validate = ajv.compile(JSON.parse(readFileSync(join(schemasDir, schemaFile), 'utf8')));
  compiled.set(name, validate);
  return validate;
}

const counts = { valid: 0, invalid: 0, unknown: 0, malformed: 0 };
let lineNo = 0;
const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
for await (const line of lines) {
  lineNo++;
  if (line.trim() === '') continue;
  let event;
  try {
    event = JSON.parse(line);
  } catch {
    counts.malformed++;
    process.stdout.write(`${file}:${lineNo}: MALFORMED JSON\n`);
    continue;
  }
  const name = event?.name;
  const validate = validatorFor(name);
  if (!validate) {
    counts.unknown++;
    process.stdout.write(`${file}:${lineNo}: UNKNOWN notification name ${JSON.stringify(name)}\n`);
  } else if (validate(event)) {
    counts.valid++;
    process.stdout.write(`${file}:${lineNo}: OK ${name}\n`);
  } else {
    counts.invalid++;
    const errors = (validate.errors ?? []).map(
      (e) => `  ${e.instancePath || '/'}: ${e.message} (${e.keyword})`,
    );
    process.stdout.write(`${file}:${lineNo}: INVALID ${name}\n${errors.join('\n')}\n`);
  }
}
const total = counts.valid + counts.invalid + counts.unknown + counts.malformed;
console.error(
  `${total} events: ${counts.valid} valid, ${counts.invalid} invalid, ${counts.unknown} unknown name, ${counts.malformed} malformed.`,
);
process.exitCode = total > 0 && counts.valid === total ? 0 : 1;
