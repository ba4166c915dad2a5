/**
 * The load stage reads each file with the subset reader where it can and with the `yaml` library where it
 * cannot: either way a file loads to the same data, and a file the subset reader read still gives the
 * library's syntax tree when a later stage asks for it.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { type LoadResult, loadSpec, loadSpecFiles } from '../generator/load/spec.js';
import { SPEC_DIR, tempDir } from './helpers.js';

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

test.run();
