/**
 * The two-thread write of large catalogs, forced on for small specs here. The parallel write (a worker
 * stages some emitters' files, and both share the schemas) must give the same bytes as the one-thread
 * write, and a failure on either side must leave the output folder as it was, with no staging folder left.
 */
import { spawnSync } from 'node:child_process';
import { lstatSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cachedDerived, takeSerializedForm } from '../generator/cache/index.js';
import type { Emitter } from '../generator/emit/contract.js';
import { EMITTERS, emitEach } from '../generator/emit/index.js';
import { buildCatalog } from '../generator/index.js';
import type { Catalog } from '../generator/model/catalog.js';
import { loadAssets } from '../generator/support/assets.js';
import { writeCatalog } from '../generator/write/catalog.js';
import type { WriteResult } from '../generator/write/session.js';
import { shareBy } from '../generator/write/share.js';
import { ROOT, realOutput, runCli, SPEC_DIR, snapshotDir, tempDir } from './helpers.js';
import { tally } from './tally.js';

const { catalog, files } = await realOutput();
/** The generated files as snapshotDir reads them (bytes as latin1). */
const expected = new Map([...files].map(([path, text]) => [path, Buffer.from(text).toString('latin1')]));

/** Folders beside `out` that a write session left behind (its staging folder is named after `out`). */
function leftovers(out: string): string[] {
  return readdirSync(dirname(out)).filter((name) => name.startsWith('.generated.'));
}

test('a shared emitter: takers over one counter render disjoint files, each once, together all', async () => {
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const rendered: string[] = [];
  const pages: Emitter = () =>
    Array.from({ length: 40 }, (_, i) => {
      const render = () => {
        rendered.push(`p${i}`);
        return `${i}`;
      };
      return [`p${i}`, render] as const;
    });
  const emitters = [{ name: 'pages', emit: pages }];
  const takers = [0, 1].map(() => emitEach(catalog, loadAssets(), emitters, shareBy(['pages'], counter)));
  const taken: string[][] = [[], []];
  // Uneven turns: the first taker asks three times for each time the second does.
  const finished = new Set<number>();
  for (let turn = 0; finished.size < 2; turn++) {
    const who = turn % 4 === 3 || finished.has(0) ? 1 : 0;
    const next = await (takers[who] as AsyncGenerator<readonly [string, string]>).next();
    if (next.done) finished.add(who);
    else (taken[who] as string[]).push(next.value[0]);
  }
  const [first, second] = taken as [string[], string[]];
  assert.ok(first.length > second.length && second.length > 0, `${first.length} / ${second.length}`);
  assert.equal([...first, ...second].sort(), [...rendered].sort());
  assert.is(new Set(rendered).size, 40);
  assert.is(rendered.length, 40);
});

/** The stats a write took, by path (files it left as they were have none). */
function statsOf(result: WriteResult): Map<string, { size: number; mtimeMs: number; ino: number }> {
  const { paths, stats } = result.files;
  const out = new Map<string, { size: number; mtimeMs: number; ino: number }>();
  for (const [i, path] of paths.entries()) {
    const [size, mtimeMs, ino] = stats.subarray(3 * i, 3 * i + 3) as unknown as [number, number, number];
    if (!Number.isNaN(size)) out.set(path, { size, mtimeMs, ino });
  }
  return out;
}

test('the parallel write gives the same files and counts as the one-thread write', async () => {
  const serialOut = join(tempDir(), 'generated');
  const parallelOut = join(tempDir(), 'generated');
  const serial = await writeCatalog(catalog, serialOut, false, EMITTERS, { parallel: false });
  const parallel = await writeCatalog(catalog, parallelOut, false, EMITTERS, { parallel: true });
  const counts = (result: typeof serial) => [
    result.written,
    result.removed,
    result.unchanged,
    statsOf(result).size,
  ];
  assert.equal(counts(parallel), counts(serial));
  assert.equal(parallel.files.paths, [...files.keys()].sort(), 'every file, sorted');
  assert.is(statsOf(parallel).size, files.size);
  // The stats taken as the files were staged are those of the files in place (renames keep all three).
  for (const [out, result] of [
    [serialOut, serial],
    [parallelOut, parallel],
  ] as const) {
    for (const [path, { size, mtimeMs, ino }] of statsOf(result)) {
      const now = lstatSync(join(out, path));
      assert.equal([now.size, now.mtimeMs, now.ino], [size, mtimeMs, ino], path);
    }
  }
  assert.equal(snapshotDir(parallelOut), snapshotDir(serialOut));
  assert.equal(snapshotDir(parallelOut), expected);
  assert.equal(leftovers(parallelOut), []);
});

test("a model from the cache goes to the worker as the cache's bytes, and gives the same files", async () => {
  // Each run of the test uses a kind of its own, so the value is built, serialized and remembered.
  const kind = `model:parallel-test-${process.pid}-${Date.now()}`;
  const cached = await cachedDerived(
    SPEC_DIR,
    kind,
    async () => (await buildCatalog(SPEC_DIR, 'spec')).catalog,
  );
  assert.ok(cached);
  // Read back as it will be by the write (and put back: taking it forgets it).
  const bytes = takeSerializedForm(cached);
  assert.ok(bytes && bytes.byteLength > 0, 'the cached model has its bytes');
  const again = await cachedDerived(SPEC_DIR, kind, async () => undefined);
  assert.ok(again);
  const out = join(tempDir(), 'generated');
  await writeCatalog(again, out, false, EMITTERS, { parallel: true });
  assert.is(takeSerializedForm(again), undefined, 'the write took the bytes');
  assert.equal(snapshotDir(out), expected);
  assert.equal(leftovers(out), []);
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

/**
 * A write forced to two threads, in a child process with `off` as ECS_EVENTS_OFF (read once per process):
 * the id of a thread started after it, which counts the threads the write started.
 */
function writeInChild(out: string, off: string): number {
  const url = (path: string) => JSON.stringify(pathToFileURL(join(ROOT, 'generator', path)).href);
  const code = `
    import { Worker } from 'node:worker_threads';
    const { buildCatalog } = await import(${url('index.ts')});
    const { writeCatalog } = await import(${url('write/catalog.ts')});
    const { catalog } = await buildCatalog(${JSON.stringify(SPEC_DIR)}, 'spec');
    await writeCatalog(catalog, ${JSON.stringify(out)}, false, undefined, { parallel: true });
    const probe = new Worker('', { eval: true });
    process.stdout.write(String(probe.threadId));
    await probe.terminate();`;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ECS_EVENTS_OFF: off },
  });
  assert.is(child.status, 0, child.stderr);
  return Number(child.stdout.trim());
}

test('with the write worker switched off, a write forced to two threads runs on one and gives the same bytes', () => {
  const onOut = join(tempDir(), 'generated');
  const offOut = join(tempDir(), 'generated');
  const withWorker = writeInChild(onOut, '');
  const without = writeInChild(offOut, 'write-worker');
  // Under tsx a worker also starts a thread for its loader: more than one id apart, but never the same.
  assert.ok(without < withWorker, `the switched-off write started no thread (${without} / ${withWorker})`);
  assert.equal(snapshotDir(offOut), expected);
  assert.equal(snapshotDir(onOut), expected);
  assert.equal(leftovers(offOut), []);
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

test('a file written twice, by one thread or by both: the run fails naming it, and the folder is unchanged', async () => {
  const out = join(tempDir(), 'generated');
  assert.is((await runCli(['generate', '--spec', SPEC_DIR, '--out', out])).code, 0);
  const before = snapshotDir(out);
  // The worker writes the declarations; a second writer of them runs on the main thread.
  const again = { name: 'again', emit: () => new Map([['types/index.d.ts', 'declarations\n']]) };
  for (const [emitters, parallel] of [
    [[...EMITTERS, again], false],
    [[...EMITTERS, again], true],
    [[again, again, ...EMITTERS], false],
  ] as const) {
    try {
      await writeCatalog(catalog, out, false, emitters, { parallel });
      assert.unreachable('the run should fail');
    } catch (error) {
      assert.is((error as Error).message, 'two outputs write types/index.d.ts');
    }
    assert.equal(snapshotDir(out), before);
    assert.equal(leftovers(out), []);
  }
  tally('faults');
});

test.run();
