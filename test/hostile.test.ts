/**
 * Hostile catalog text (comment terminators, backticks, `${`, quotes, markup, pipes, mustaches, line and
 * paragraph separators, NUL, bidirectional controls) stays text in every output: the TypeScript compiles
 * and declares exactly what the catalog calls for, the JSON parses back to the same strings, and Markdown
 * tables keep their columns.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formsNames } from '../generator/emit/shared/form-names.js';
import { eventNames, familyNames, packageNames } from '../generator/emit/shared/names.js';
import { STANDARD_SCHEMA_TYPES } from '../generator/emit/types/standard-schema.js';
import { generateFiles, ROOT, tempDir } from './helpers.js';

const result = await generateFiles(join(ROOT, 'test', 'golden', 'hostile', 'spec'), 'spec');
const catalog = result.catalog;
const files = result.files ?? new Map<string, string>();
const HOSTILE =
  // biome-ignore lint/suspicious/noTemplateCurlyInString: hostile text on purpose.
  'Ends */ here /* opens // line `tick` ${injected} "dq" \'sq\' </script><script>alert(1)</script> <!-- c --> | pipe | {{mustache}} {{{triple}}} @param x\nsecond line\u2028after LS\u2029after PS \u202ertl\u202c nul:\u0000 end';

test('the hostile spec is valid and its text reaches the model unchanged', () => {
  assert.equal(result.diagnostics, []);
  assert.is(catalog?.summary.en, HOSTILE);
});

test('the declarations compile under --strict and declare exactly the catalog names', async () => {
  const dir = tempDir();
  for (const [path, text] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const tsc = spawnSync(join(ROOT, 'node_modules/.bin/tsc'), ['--noEmit', '--strict', 'types/index.d.ts'], {
    cwd: dir,
    encoding: 'utf8',
  });
  assert.is(tsc.status, 0, tsc.stdout);
  const { Project } = await import('ts-morph');
  const source = new Project().addSourceFileAtPath(join(dir, 'types/index.d.ts'));
  const declared = [...source.getExportedDeclarations().keys()].sort();
  if (!catalog) return;
  const names = packageNames(catalog);
  const expected = [
    ...Object.values(names),
    ...Object.values(formsNames(catalog)),
    ...catalog.families.flatMap((f) => Object.values(familyNames(f))),
    ...catalog.events.flatMap((e) => Object.values(eventNames(e))),
    ...STANDARD_SCHEMA_TYPES,
  ].sort();
  assert.equal(declared, expected);
  const mood = source
    .getInterfaceOrThrow('HostileFields')
    .getPropertyOrThrow('mood')
    .getTypeNode()
    ?.getText();
  // biome-ignore lint/suspicious/noTemplateCurlyInString: hostile text on purpose.
  assert.is(mood, '("it\'s \\"quoted\\" </script>" | "*/ ${x} `y` | {{z}}")');
});

test('every JSON output parses, and schema descriptions hold the text unchanged', () => {
  for (const [path, text] of files) if (path.endsWith('.json')) JSON.parse(text);
  const schema = JSON.parse(files.get('schemas/events/hostile-text.schema.json') ?? '{}');
  assert.ok(schema.description.includes(HOSTILE));
  assert.ok(schema.properties.content.properties.note.description.includes(HOSTILE));
});

test('a 10,000-character description reaches every output whole', () => {
  const long = 'A long description, ten thousand characters, with | pipes, `ticks` and */ inside. '
    .repeat(130)
    .slice(0, 10000);
  const schema = JSON.parse(files.get('schemas/events/hostile-text.schema.json') ?? '{}');
  assert.ok(schema.properties.content.properties.longText.description.includes(long));
  assert.ok((files.get('types/index.d.ts') ?? '').includes(long.replace(/\*\//g, '*\\/')));
  assert.ok(
    (files.get('docs/events/hostile-text.md') ?? '').includes('ten thousand characters, with \\| pipes'),
  );
});

test('the runtime data round-trips the hostile strings', async () => {
  const data = files.get('runtime/data.js') ?? '';
  const json = /JSON\.parse\((".*")\);/.exec(data)?.[1] ?? '""';
  const parsed = JSON.parse(JSON.parse(json));
  // biome-ignore lint/suspicious/noTemplateCurlyInString: hostile text on purpose.
  assert.ok(JSON.stringify(parsed).includes('*/ ${x} `y` | {{z}}'));
});

test('Markdown tables keep their columns', () => {
  let tables = 0;
  for (const [path, text] of files) {
    if (!path.endsWith('.md')) continue;
    const columns = (row: string) => row.replace(/\\\\/g, '').split(/(?<!\\)\|/).length;
    // A table is a run of consecutive lines starting with a pipe; every row has the header's columns.
    for (const block of text.split(/\n(?!\|)/)) {
      const rows = block.split('\n').filter((l) => l.startsWith('|'));
      if (rows.length === 0) continue;
      tables++;
      const width = columns(rows[0] as string);
      for (const row of rows) assert.is(columns(row), width, `${path}: ${row.slice(0, 80)}`);
    }
  }
  assert.ok(tables > 10, `${tables} tables checked`);
});

test.run();
