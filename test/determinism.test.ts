/**
 * Determinism: the same spec gives byte-identical output in memory, in another process, and under
 * another time zone and locale.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { templateDigest } from '../generator/emit/shared/templates.js';
import { loadAssets } from '../generator/support/assets.js';
import { generateFiles, ROOT, realOutput, SPEC_DIR, snapshotDir, tempDir } from './helpers.js';

const { files } = await realOutput();

test('two in-memory runs give the same files in the same order', async () => {
  const again = await generateFiles(SPEC_DIR, 'spec');
  assert.equal([...(again.files ?? new Map()).entries()], [...files.entries()]);
});

for (const env of [
  { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' },
  { TZ: 'Asia/Shanghai', LANG: 'zh_CN.UTF-8', LC_ALL: 'zh_CN.UTF-8' },
]) {
  test(`the CLI under TZ=${env.TZ} LANG=${env.LANG}, twice, writes the same bytes`, () => {
    assertSameBytes(env);
    assertSameBytes(env);
  });
}

test('a model read back from the cache gives the same bytes as a fresh one', () => {
  assertSameBytes({}, true);
  assertSameBytes({}, true);
});

test('the built CLI renders templates precompiled from their current sources', () => {
  // So the runs above compare the build's precompiled templates with templates compiled at run time.
  const built = createRequire(import.meta.url)(join(ROOT, 'dist/generator/templates.compiled.cjs')) as Record<
    string,
    { digest: string; spec: unknown }
  >;
  const sources = [...loadAssets().templates].filter(([path]) => path.endsWith('.hbs'));
  assert.equal(Object.keys(built).sort(), sources.map(([path]) => path).sort());
  for (const [path, source] of sources) assert.is(built[path]?.digest, templateDigest(source), path);
});

/** Generates with the built CLI in a fresh folder under `env`, and compares with the in-memory files. */
function assertSameBytes(env: Record<string, string>, cached = false): void {
  {
    const out = join(tempDir(), 'generated');
    execFileSync(
      process.execPath,
      [join(ROOT, 'dist/generator/cli/main.js'), 'generate', ...(cached ? [] : ['--no-cache']), '--out', out],
      {
        cwd: ROOT,
        env: { ...process.env, ...env },
      },
    );
    const written = snapshotDir(out);
    assert.equal([...written.keys()].sort(), [...files.keys()].sort());
    for (const [path, contents] of files)
      assert.is(Buffer.from(written.get(path) ?? '', 'latin1').toString('utf8'), contents, path);
  }
}

test.run();
