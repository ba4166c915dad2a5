/**
 * The parallel write of large catalogs: a worker thread stages some emitters' files while the main thread
 * stages the others. Forced on for the real catalog here, it must give the same bytes as the one-thread
 * write, and a failure on either side must leave the output folder as it was, with no staging folder left.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Catalog } from '../generator/catalog.js';
import { EMITTERS } from '../generator/emit/index.js';
import { writeCatalog } from '../generator/produce.js';
import { realOutput, runCli, SPEC_DIR, snapshotDir, tempDir } from './helpers.js';
import { tally } from './tally.js';

const { catalog, files } = await realOutput();
/** The generated files as snapshotDir reads them (bytes as latin1). */
const expected = new Map([...files].map(([path, text]) => [path, Buffer.from(text).toString('latin1')]));

/** Folders beside `out` that a write session left behind (its staging folder is named after `out`). */
function leftovers(out: string): string[] {
  return readdirSync(dirname(out)).filter((name) => name.startsWith('.generated.'));
}

test('the parallel write gives the same files, digest and counts as the one-thread write', async () => {
  const serialOut = join(tempDir(), 'generated');
  const parallelOut = join(tempDir(), 'generated');
  const serial = await writeCatalog(catalog, serialOut, false, EMITTERS, { parallel: false });
  const parallel = await writeCatalog(catalog, parallelOut, false, EMITTERS, { parallel: true });
  assert.equal(parallel, serial);
  assert.equal(snapshotDir(parallelOut), snapshotDir(serialOut));
  assert.equal(snapshotDir(parallelOut), expected);
  assert.equal(leftovers(parallelOut), []);
});

test('the parallel write of an unchanged folder writes nothing, and rewrites only what changed', async () => {
  const out = join(tempDir(), 'generated');
  await writeCatalog(catalog, out, false, EMITTERS, { parallel: true });
  const again = await writeCatalog(catalog, out, false, EMITTERS, { parallel: true });
  assert.is(again.written, 0);
  assert.is(again.unchanged, files.size);
  const docsPage = [...files.keys()].find((p) => p.startsWith('docs/') && p.endsWith('.md')) as string;
  const { writeFileSync } = await import('node:fs');
  writeFileSync(join(out, docsPage), 'edited\n');
  const repaired = await writeCatalog(catalog, out, false, EMITTERS, { parallel: true });
  assert.is(repaired.written, 1);
  assert.equal(snapshotDir(out), expected);
});

test('an emitter failing in the worker: the error names it, and the folder is unchanged', async () => {
  const out = join(tempDir(), 'generated');
  assert.is((await runCli(['generate', '--spec', SPEC_DIR, '--out', out])).code, 0);
  const before = snapshotDir(out);
  // A model that the emitters cannot read (its title is gone), given to the docs emitter alone, which the
  // worker runs.
  const broken = { ...catalog, title: undefined } as unknown as Catalog;
  const docs = EMITTERS.filter((e) => e.name === 'docs');
  try {
    await writeCatalog(broken, out, false, docs, { parallel: true });
    assert.unreachable('the run should fail');
  } catch (error) {
    assert.match((error as Error).message, /emitter "docs" failed/, (error as Error).message);
  }
  assert.equal(snapshotDir(out), before);
  assert.equal(leftovers(out), []);
  tally('faults');
});

test('an emitter failing on the main thread stops the worker, and the folder is unchanged', async () => {
  const out = join(tempDir(), 'generated');
  assert.is((await runCli(['generate', '--spec', SPEC_DIR, '--out', out])).code, 0);
  const before = snapshotDir(out);
  const exploding = {
    name: 'exploding',
    emit: () => {
      throw new Error('boom');
    },
  };
  try {
    await writeCatalog(catalog, out, false, [exploding, ...EMITTERS], { parallel: true });
    assert.unreachable('the run should fail');
  } catch (error) {
    assert.match((error as Error).message, /emitter "exploding" failed: boom/);
  }
  assert.equal(snapshotDir(out), before);
  assert.equal(leftovers(out), []);
  tally('faults');
});

test.run();
