/**
 * The bench's measurement helpers: commands measured in turns run one of each per round, each with its own
 * preparation and check, and a failed run stops the measurement with its sample.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { alternate, NODE, type Outcome, partOf, RunError, type Stats } from '../bench/measure.js';

const exits = (code: number) => ['-e', `process.stdout.write('${code}'); process.exit(${code})`];

test('commands in turns: one run of each per round, every run prepared and checked', async () => {
  const order: string[] = [];
  const measured = ['a', 'b', 'c'].map((name) => ({
    command: NODE,
    args: exits(0),
    options: {
      before: (run: number) => order.push(`${name}${run}`),
      expect: (sample: { code: number | null; stdout: string }) => {
        assert.is(sample.code, 0);
        order.push(`checked ${name}`);
      },
    },
  }));
  const results = await alternate(measured, 2);
  assert.equal(order, [
    'a0',
    'checked a',
    'b0',
    'checked b',
    'c0',
    'checked c',
    'a1',
    'checked a',
    'b1',
    'checked b',
    'c1',
    'checked c',
  ]);
  assert.is(results.length, 3);
  for (const r of results) {
    assert.is(r.stats.runs, 2);
    assert.is(r.samples.length, 2);
    assert.ok(r.stats.medianMs > 0);
  }
});

test('a failed run stops the measurement, naming the run by its sample', async () => {
  let ran = 0;
  const ok = { command: NODE, args: exits(0), options: { before: () => ran++ } };
  const failing = { command: NODE, args: exits(3), options: { before: () => ran++ } };
  try {
    await alternate([ok, failing, ok], 2);
    assert.unreachable('a failing run should stop the measurement');
  } catch (error) {
    assert.instance(error, RunError);
    assert.is((error as RunError).sample.code, 3);
    assert.match((error as Error).message, /exited with 3/);
  }
  assert.is(ran, 2, 'nothing runs after the failed run');
});

test('a part of a measurement that gave several: its result, or the whole failure', () => {
  const stats = (ms: number) => ({ runs: 1, medianMs: ms, minMs: ms, maxMs: ms, samplesMs: [ms] });
  assert.equal(partOf({ result: { a: stats(1), b: stats(2) } }, 'b'), { result: stats(2) });
  const failedRun = { ms: 5, code: 3 };
  const failed: Outcome<{ a: Stats }> = { error: 'exited with 3', failedRun };
  assert.equal(partOf(failed, 'a'), { error: 'exited with 3', failedRun });
  assert.equal(partOf({} as Outcome<{ a: Stats }>, 'a'), { error: 'not measured' });
});

test.run();
