/**
 * The YAML readers' bench row (bench/yaml-readers.ts) on the real spec, one round: every reader gives the
 * subset reader's value on every file, and each reader's figures are there.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { benchYamlReaders } from '../bench/yaml-readers.js';
import { SPEC_DIR } from './helpers.js';

test('the readers agree on every real spec file, and each is timed once per round', () => {
  const result = benchYamlReaders(SPEC_DIR, 1);
  assert.ok(result.files >= 7 && result.bytes > 0);
  assert.is(result.declined, 0);
  assert.equal(result.agree, { yaml: result.files, jsYaml: result.files });
  for (const stats of Object.values(result.readers)) {
    assert.is(stats.samplesMs.length, 1);
    assert.ok(stats.medianMs >= 0);
  }
  assert.ok(result.ratios.yaml > 0 && result.ratios.jsYaml > 0);
});

test.run();
