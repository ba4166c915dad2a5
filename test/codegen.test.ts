/**
 * The schemas as other languages' code generators read them: quicktype turns every per-name schema and
 * the codegen/ family and bundle schemas into Go and Python (one run per language); the Python module
 * parses every valid fixture, and its classes have each notification's fields (absent ones absent, enums
 * as enums, optional ones optional); the Go package compiles and round-trips the valid fixtures; Python's
 * jsonschema gives every fixture the verdict that ajv gives and that the fixture declares.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { EventFieldModel, EventModel } from '../generator/model/catalog.js';
import { schemaValidator } from './ajv-helpers.js';
import { codegenSources, generateCode, goCommand, pythonCommand, topLevels } from './codegen-helpers.js';
import { ROOT, realOutput, tempDir } from './helpers.js';

const { catalog, files } = await realOutput();
const sources = codegenSources(files);
const byName = new Map(catalog.events.map((e) => [e.name, e]));
const { discriminator, content } = catalog.envelope;

interface Entry {
  readonly name: string;
  readonly kind: string;
  readonly path: string;
  readonly index?: number;
  readonly strict?: boolean;
  readonly valid?: boolean;
}
const entries = (JSON.parse(files.get('fixtures/index.json') ?? '{}') as { fixtures: Entry[] }).fixtures;
const fixtureValue = (entry: Entry): Record<string, unknown> => {
  const value = JSON.parse(files.get(`fixtures/${entry.path}`) ?? 'null') as unknown;
  return (entry.index === undefined ? value : (value as unknown[])[entry.index]) as Record<string, unknown>;
};
/** Every valid fixture: the minimal and complete events of every name, and the valid documented examples. */
const valid = entries
  .filter((e) => e.kind === 'valid' || (e.kind === 'documented' && e.valid))
  .map((entry) => ({ entry, value: fixtureValue(entry), event: byName.get(entry.name) as EventModel }));
/** The source each event goes through: its own name's, its family's and the bundle. */
const sourcesOf = (event: EventModel) => [event.slug, `family-${event.family}`, 'ecs-event'];

let go: Promise<string> | undefined;
let python: Promise<string> | undefined;
const goCode = () => (go ??= generateCode(files, sources, 'go'));
const pythonCode = () => (python ??= generateCode(files, sources, 'python'));

test('quicktype turns every per-name schema and the codegen family and bundle schemas into Go and Python', async () => {
  assert.is(sources.length, catalog.events.length + catalog.families.length + 1);
  for (const code of [await goCode(), await pythonCode()]) assert.ok(code.length > 10_000);
  // Every source is a top-level type of its own in both languages.
  topLevels(await goCode(), /^func Unmarshal(\w+)\(data \[\]byte\)/gm, sources);
  topLevels(await pythonCode(), /^def (\w+)_from_dict\(s: Any\)/gm, sources);
});

test('the bundle for validators dispatches by if/then; the one for code generators is a union tagged by the name', () => {
  const bundle = JSON.parse(files.get('schemas/events.schema.json') ?? '{}') as Record<string, unknown>;
  const union = JSON.parse(files.get('schemas/codegen/events.schema.json') ?? '{}') as Record<
    string,
    unknown
  >;
  assert.is((bundle.allOf as unknown[]).length, catalog.events.length);
  assert.is(union.allOf, undefined);
  const refs = (union.oneOf as { $ref: string }[]).map((r) => r.$ref);
  assert.is(refs.length, catalog.events.length);
  const defs = union.$defs as Record<string, { properties: Record<string, { const?: string }> }>;
  const tags = refs.map((ref) => defs[ref.replace('#/$defs/', '')]?.properties[discriminator]?.const);
  assert.equal(
    tags,
    catalog.events.map((e) => e.name),
  );
});

/** A content field of `event` that every fixture of it carries, as text quicktype keeps as it is. */
function shownField(event: EventModel): EventFieldModel {
  // A string of a JSON Schema format (date-time) becomes a date object, which prints in another form.
  const field = event.content.find(
    (f) => f.presence === 'required' && f.type === 'string' && !f.format?.jsonSchemaFormat,
  );
  if (!field) throw new Error(`${event.name} has no required plain string field to read back`);
  return field;
}

async function runPython(job: Record<string, unknown>, script: string, python: string): Promise<unknown> {
  const out = execFileSync(python, [join(ROOT, 'test', 'codegen', script)], {
    input: JSON.stringify(job),
    maxBuffer: 1 << 28,
  });
  return JSON.parse(out.toString('utf8')) as unknown;
}

interface Shape {
  readonly optional: boolean;
  readonly enum: readonly unknown[] | null;
}

/** The fields a generated class must have: the present ones, optional as the catalog says, enums as enums. */
function expectedShape(fields: readonly EventFieldModel[]): Record<string, Shape> {
  const out: Record<string, Shape> = {};
  for (const f of fields) {
    if (f.presence === 'absent') continue;
    const values = f.const !== undefined ? [f.const] : f.enum?.map((e) => e.value);
    out[f.name] = { optional: f.presence === 'optional', enum: values ? [...values].sort() : null };
  }
  return out;
}

test('Python: the generated module parses every valid fixture, and its classes have each name’s fields', async () => {
  const command = pythonCommand();
  if (!command) return;
  const folder = tempDir('ecs-events-python-');
  writeFileSync(join(folder, 'ecs_events.py'), await pythonCode());
  const functions = topLevels(await pythonCode(), /^def ((\w+)_from_dict)\(s: Any\)/gm, sources);
  const parse = valid.flatMap(({ value, event }) =>
    sourcesOf(event).map((source) => ({
      function: functions.get(source),
      value,
      field: shownField(event).name,
    })),
  );
  const shapes = catalog.events.map((e) => functions.get(e.slug) as string);
  const job = { folder, module: 'ecs_events', shapes, parse, name: discriminator, content };
  const result = (await runPython(job, 'read_events.py', command)) as {
    shapes: Record<string, { envelope: Record<string, Shape>; content: Record<string, Shape> }>;
    parsed: { name: unknown; field: unknown }[];
  };
  assert.is(result.parsed.length, parse.length);
  result.parsed.forEach((got, i) => {
    const { value, event } = valid[Math.floor(i / 3)] as (typeof valid)[number];
    const want = {
      name: event.name,
      field: (value[content] as Record<string, unknown>)[shownField(event).name],
    };
    assert.equal(got, want, `${event.name} through ${parse[i]?.function}`);
  });
  for (const event of catalog.events) {
    const shape = result.shapes[functions.get(event.slug) as string];
    assert.equal(shape?.envelope, expectedShape(event.envelope), `${event.name}: envelope`);
    assert.equal(shape?.content, expectedShape(event.content), `${event.name}: content`);
  }
});

/** A Go program that reads `{"type": …, "event": …}` lines and writes each event back through its type. */
function roundTripProgram(types: ReadonlyMap<string, string>): string {
  const parsers = [...new Set(types.values())].map(
    (t) =>
      `\t${JSON.stringify(t)}: func(b []byte) ([]byte, error) {\n` +
      `\t\tv, err := ecsevents.Unmarshal${t}(b)\n\t\tif err != nil {\n\t\t\treturn nil, err\n\t\t}\n` +
      '\t\treturn v.Marshal()\n\t},',
  );
  return [
    'package main',
    '',
    'import (\n\t"bufio"\n\t"encoding/json"\n\t"fmt"\n\t"os"\n\n\t"roundtrip/ecsevents"\n)',
    '',
    `var parsers = map[string]func([]byte) ([]byte, error){\n${parsers.join('\n')}\n}`,
    '',
    'func main() {',
    '\tin := bufio.NewScanner(os.Stdin)',
    '\tin.Buffer(make([]byte, 1<<20), 1<<26)',
    '\tout := bufio.NewWriter(os.Stdout)',
    '\tdefer out.Flush()',
    '\tfor in.Scan() {',
    '\t\tvar line struct {\n\t\t\tType  string          `json:"type"`\n\t\t\tEvent json.RawMessage `json:"event"`\n\t\t}',
    '\t\tif err := json.Unmarshal(in.Bytes(), &line); err != nil {\n\t\t\tpanic(err)\n\t\t}',
    '\t\tbytes, err := parsers[line.Type](line.Event)',
    '\t\tif err != nil {\n\t\t\tbytes, _ = json.Marshal(map[string]string{"error": err.Error()})\n\t\t}',
    '\t\tfmt.Fprintf(out, "%s\\n", bytes)',
    '\t}',
    '}',
    '',
  ].join('\n');
}

test('Go: the generated package compiles and round-trips every valid fixture through each of its types', async () => {
  const command = goCommand();
  if (!command) return;
  const folder = tempDir('ecs-events-go-');
  mkdirSync(join(folder, 'ecsevents'));
  writeFileSync(join(folder, 'go.mod'), 'module roundtrip\n\ngo 1.19\n');
  writeFileSync(join(folder, 'ecsevents', 'ecsevents.go'), await goCode());
  const types = topLevels(await goCode(), /^func Unmarshal(\w+)\(data \[\]byte\)/gm, sources);
  writeFileSync(join(folder, 'main.go'), roundTripProgram(types));
  const lines = valid.flatMap(({ value, event }) =>
    sourcesOf(event).map((source) => ({ type: types.get(source), event: value })),
  );
  const out = execFileSync(command, ['run', '.'], {
    cwd: folder,
    input: lines.map((l) => JSON.stringify(l)).join('\n'),
    env: { ...process.env, GOFLAGS: '-mod=mod', GOPROXY: 'off', GO111MODULE: 'on' },
    maxBuffer: 1 << 28,
  });
  const back = out.toString('utf8').trimEnd().split('\n');
  assert.is(back.length, lines.length);
  back.forEach((text, i) => {
    assert.equal(
      JSON.parse(text),
      lines[i]?.event,
      `${lines[i]?.event[discriminator]} through ${lines[i]?.type}`,
    );
  });
});

test('Python jsonschema and ajv give every fixture the verdict it declares (ajv with the codegen bundle too)', async () => {
  const command = pythonCommand();
  if (!command) return;
  const v = await schemaValidator(files);
  const schemas: Record<string, unknown> = {};
  const checks: [string, unknown][] = [];
  const expected: boolean[] = [];
  for (const entry of entries) {
    const value = fixtureValue(entry);
    const event = byName.get(entry.name) as EventModel;
    const ok = entry.kind === 'invalid' ? false : entry.kind === 'valid' || entry.valid === true;
    const targets: [string, boolean][] = [
      ['events.schema.json', ok || entry.strict === true],
      ['strict/events.schema.json', ok],
      ['codegen/events.schema.json', ok || entry.strict === true],
      [`events/${event.slug}.schema.json`, ok || entry.strict === true],
      [`strict/families/${event.family}.schema.json`, ok],
    ];
    for (const [path, verdict] of targets) {
      assert.is(v.errors(path, value).length === 0, verdict, `ajv: ${entry.path} against ${path}`);
      // Python's jsonschema tries each member of a union in full: the codegen bundle costs it some
      // seconds on these fixtures (bench/NOTES.md), and validators are pointed at the other bundles.
      if (path.startsWith('codegen/')) continue;
      schemas[path] ??= JSON.parse(files.get(`schemas/${path}`) ?? 'null');
      checks.push([path, value]);
      expected.push(verdict);
    }
  }
  const verdicts = (await runPython({ schemas, checks }, 'verdicts.py', command)) as boolean[];
  verdicts.forEach((verdict, i) => {
    assert.is(
      verdict,
      expected[i],
      `jsonschema: ${JSON.stringify(checks[i]?.[1])} against ${checks[i]?.[0]}`,
    );
  });
});

test.run();
