/**
 * Golden folders: test/golden/<case>/spec is generated in memory and compared, file by file, with
 * test/golden/<case>/expected. Missing and extra files fail. Run with UPDATE=1 to record the expected files
 * again after an intended change, and review the diff.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { generateFiles } from '../generator/index.js';
import { ROOT, snapshotDir } from './helpers.js';

const GOLDEN = join(ROOT, 'test', 'golden');
const update = process.env.UPDATE === '1';

for (const name of readdirSync(GOLDEN).sort()) {
  const caseDir = join(GOLDEN, name);
  test(`golden: ${name}`, async () => {
    const result = await generateFiles(join(caseDir, 'spec'), 'spec');
    assert.equal(result.diagnostics, [], 'the golden spec is valid');
    const files = result.files ?? new Map<string, string>();
    const expectedDir = join(caseDir, 'expected');
    if (update) {
      rmSync(expectedDir, { recursive: true, force: true });
      for (const [path, contents] of files) {
        mkdirSync(dirname(join(expectedDir, path)), { recursive: true });
        writeFileSync(join(expectedDir, path), contents);
      }
    }
    assert.ok(
      existsSync(expectedDir),
      `${expectedDir} is missing: run UPDATE=1 npm run test:unit to record it`,
    );
    const expected = snapshotDir(expectedDir);
    const missing = [...files.keys()].filter((p) => !expected.has(p));
    const extra = [...expected.keys()].filter((p) => !files.has(p));
    assert.equal(missing, [], `files produced but not in expected/ (UPDATE=1 records them)`);
    assert.equal(extra, [], `files in expected/ that are no longer produced (UPDATE=1 removes them)`);
    for (const [path, contents] of files) {
      assert.fixture(
        contents,
        Buffer.from(expected.get(path) ?? '', 'latin1').toString('utf8'),
        `${name}/${path}`,
      );
    }
  });
}

test.run();
