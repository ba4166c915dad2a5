/**
 * generate --watch, with real file events in a temporary folder: a save regenerates, a broken save prints
 * its diagnostics and leaves the output as it was without stopping, and the next good save recovers.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { watchSpec } from '../generator/cli/watch.js';
import { SPEC_DIR, snapshotDir, tempDir } from './helpers.js';

type Run = { ok: boolean; written: number; ms: number };

test('watch regenerates on save, reports a broken save, and recovers', async () => {
  const root = tempDir();
  const spec = join(root, 'spec');
  const out = join(root, 'generated');
  cpSync(SPEC_DIR, spec, { recursive: true });
  const runs: Run[] = [];
  let waiting: ((run: Run) => void) | undefined;
  const next = () => new Promise<Run>((resolve) => (waiting = resolve));
  const err: string[] = [];
  const handle = watchSpec(
    {
      specDir: spec,
      outDir: out,
      shownSpec: 'spec',
      shownOut: 'generated',
      force: false,
      brief: true,
      onRun: (run) => {
        runs.push(run);
        waiting?.(run);
      },
    },
    { cwd: root, out: () => {}, err: (line) => err.push(line) },
  );
  try {
    await handle.ready;
    assert.is(runs[0]?.ok, true);
    const file = join(spec, 'families', 'state-change.yaml');
    const original = readFileSync(file, 'utf8');

    let run = next();
    writeFileSync(file, original.replace('en: Instance state change', 'en: Instance state changed'));
    assert.equal((await run).ok, true);
    assert.match(readFileSync(join(out, 'docs/index.md'), 'utf8'), /Instance state changed/);

    const before = snapshotDir(out);
    run = next();
    writeFileSync(file, `${original}\n  broken: [unclosed\n`);
    assert.equal((await run).ok, false);
    assert.ok(
      err.some((line) => /^spec\/families\/state-change\.yaml:\d+:\d+: error yaml-syntax/.test(line)),
      err.join('\n'),
    );
    assert.equal(snapshotDir(out), before, 'a broken save leaves the output as it was');

    run = next();
    writeFileSync(file, original);
    const recovered = await run;
    assert.is(recovered.ok, true);
    assert.ok(recovered.written > 0);
    assert.not.match(readFileSync(join(out, 'docs/index.md'), 'utf8'), /Instance state changed/);
  } finally {
    handle.close();
  }
});

test.run();
