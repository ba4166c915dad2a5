/**
 * The load stage reads each file with the subset reader where it can and with the `yaml` library where it
 * cannot: either way a file loads to the same data, and a file the subset reader read still gives the
 * library's syntax tree when a later stage asks for it. With the reader switched off (ECS_EVENTS_OFF), the
 * real spec gives the same model and files, and every broken spec the same diagnostics.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { type LoadResult, loadSpec, loadSpecFiles } from '../generator/load/spec.js';
import { ROOT, SPEC_DIR, tempDir } from './helpers.js';
import { type Probe, probe } from './load-probe.js';

const plain = (r: LoadResult) => r.files.map(({ path, displayPath, data }) => ({ path, displayPath, data }));

test('a file read by the subset reader gets its syntax tree on demand, the tree of the same data', async () => {
  const loaded = await loadSpecFiles(SPEC_DIR, 'spec');
  assert.equal(loaded.diagnostics, []);
  assert.ok(loaded.files.length >= 7);
  for (const file of loaded.files) assert.equal(file.doc?.toJS(), file.data, file.path);
});

test('a spec loads to the same data whether its largest file is read by the subset reader or the library', () => {
  // With an anchor, which the subset reader declines, the library parses the file.
  const spec = join(tempDir(), 'spec');
  cpSync(SPEC_DIR, spec, { recursive: true });
  const target = join(spec, 'families', 'system-event.yaml');
  const text = readFileSync(target, 'utf8').replace(/^id: (\S+)$/m, 'id: &family $1');
  assert.ok(text.includes('&family'), 'the anchor is in');
  writeFileSync(target, text);
  const subset = loadSpec(SPEC_DIR, 'spec');
  const library = loadSpec(spec, 'spec');
  assert.equal(library.diagnostics, []);
  assert.equal(subset.diagnostics, []);
  assert.equal(plain(library), plain(subset));
});

test('with the subset reader off, every file is parsed by the library, to the same model, files and diagnostics', async () => {
  // Both sides as JSON, which is how the child's come back.
  const on = JSON.parse(JSON.stringify(await probe())) as Probe;
  const child = execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'test', 'load-probe.ts')], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, ECS_EVENTS_OFF: 'subset-reader' },
  });
  const off = JSON.parse(child) as Probe;
  assert.is(on.eagerTrees, 0, 'the subset reader reads the real spec');
  assert.ok(off.eagerTrees >= 7, `${off.eagerTrees} files parsed by the library`);
  assert.ok(on.files.length > 0 && on.broken.length > 50);
  assert.is(off.catalog, on.catalog);
  assert.equal(off.files, on.files);
  assert.equal(off.broken, on.broken);
});

test.run();
