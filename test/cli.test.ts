/**
 * The command line: usage errors exit 2 with a one-line message and a hint, never a stack trace.
 */
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli, tempDir } from './helpers.js';

test('help and version', async () => {
  const help = await runCli(['--help']);
  assert.is(help.code, 0);
  assert.match(help.stdout, /Usage: ecs-events <command>/);
  const version = await runCli(['--version']);
  assert.is(version.code, 0);
  assert.match(version.stdout, /^\d+\.\d+\.\d+/);
});

for (const [what, args, message] of [
  ['no command', [], /no command given/],
  ['an unknown command', ['frobnicate'], /unknown command "frobnicate"/],
  ['an unknown option', ['generate', '--colour'], /Unknown option '--colour'/],
  ['a missing option value', ['generate', '--spec'], /--spec/],
  ['an extra argument', ['generate', 'now'], /unexpected argument "now"/],
] as const) {
  test(`usage error: ${what}`, async () => {
    const run = await runCli(args);
    assert.is(run.code, 2);
    assert.match(run.stderr, message);
    assert.match(run.stderr, /Run "ecs-events --help" for usage\./);
    assert.not.match(run.stderr, /\n\s+at /, 'no stack trace');
  });
}

test('a missing spec folder is an I/O error (exit 2)', async () => {
  const root = tempDir();
  const run = await runCli(['generate', '--spec', join(root, 'nope')], root);
  assert.is(run.code, 2);
  assert.match(run.stderr, /spec folder not found/);
});

test.run();
