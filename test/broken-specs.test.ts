/**
 * Broken specs: each test/invalid/<case>.yaml is added to a copy of the minimal golden spec (as
 * families/<case>.yaml, or at the path its "# target:" line gives) and must produce exactly the
 * diagnostics its "# expect:" lines list (file:line:col code), exit 1, and leave the output folder as it
 * was. UPDATE=1 records the expect lines from the current output; review them before committing.
 */
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT, runCli, snapshotDir, tempDir } from './helpers.js';
import { tally } from './tally.js';

const CASES = join(ROOT, 'test', 'invalid');
const BASE = join(ROOT, 'test', 'golden', 'minimal', 'spec');
const update = process.env.UPDATE === '1';
const DIAGNOSTIC = /^(\S+:\d+:\d+|\S+): error ([a-z-]+): /;

/** Sets up a workspace with the base spec generated into generated/, then adds the broken file. */
export async function withBrokenFile(target: string, contents: string | Buffer) {
  const root = tempDir();
  cpSync(BASE, join(root, 'spec'), { recursive: true });
  const first = await runCli(['generate'], root);
  assert.is(first.code, 0, first.stderr);
  const before = snapshotDir(join(root, 'generated'));
  writeFileSync(join(root, 'spec', target), contents);
  const run = await runCli(['generate', '--brief'], root);
  return { root, run, before, after: () => snapshotDir(join(root, 'generated')) };
}

export function diagnosticLines(stderr: string): string[] {
  return stderr
    .split('\n')
    .map((line) => DIAGNOSTIC.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => `${m[1]} ${m[2]}`);
}

const files = readdirSync(CASES)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

for (const file of files) {
  const name = file.replace(/\.yaml$/, '');
  test(`broken spec: ${name}`, async () => {
    const text = readFileSync(join(CASES, file), 'utf8');
    const target = /^# target: (\S+)$/m.exec(text)?.[1] ?? `families/${file}`;
    const expected = [...text.matchAll(/^# expect: (.+)$/gm)].map((m) => m[1] as string);
    const { run, before, after } = await withBrokenFile(target, text);
    tally('brokenSpecs');
    const actual = diagnosticLines(run.stderr);
    if (update) {
      const body = text.replace(/^# expect: .*\n/gm, '');
      const header = actual.map((a) => `# expect: ${a}\n`).join('');
      const withTarget = /^# target: /m.test(body)
        ? body.replace(/^(# target: .*\n)/m, `$1${header}`)
        : header + body;
      writeFileSync(join(CASES, file), withTarget);
    } else {
      assert.equal(actual, expected, run.stderr);
    }
    assert.is(run.code, 1);
    assert.ok(actual.length > 0, 'at least one diagnostic');
    assert.match(run.stderr, /nothing was written/);
    assert.equal(after(), before, 'generated/ is untouched');
  });
}

test.run();
