/**
 * The one diagnostics printer: the same lines and code frames for every command, colored only when the
 * terminal (or FORCE_COLOR) asks for it, and every option of the help text declared once.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { OPTIONS, usage } from '../generator/cli/options.js';
import { printDiagnostics, wantsColor } from '../generator/cli/print.js';
import { createDiagnostic } from '../generator/support/diagnostics.js';
import { copySpec, runCli, tempDir } from './helpers.js';

const ESC = '\u001b[';

for (const [env, tty, expected] of [
  [{}, true, true],
  [{}, false, false],
  [{ TERM: 'dumb' }, true, false],
  [{ NO_COLOR: '1' }, true, false],
  [{ NO_COLOR: '' }, true, true],
  [{ FORCE_COLOR: '1' }, false, true],
  [{ FORCE_COLOR: '1', NO_COLOR: '1' }, false, true],
  [{ FORCE_COLOR: '0' }, true, false],
  [{ FORCE_COLOR: 'false' }, true, false],
] as const) {
  test(`color: ${JSON.stringify(env)} on ${tty ? 'a terminal' : 'a pipe'} → ${expected}`, () => {
    assert.is(wantsColor({ isTTY: tty }, env), expected);
  });
}

const diagnostic = createDiagnostic(
  'unknown-tag',
  { tag: 'x', known: 'a, b' },
  { file: 'spec/a.yaml', line: 2, column: 7 },
);
const source = 'kind: family\ntags: [x]\n';

function printed(color: boolean, brief = false): string[] {
  const lines: string[] = [];
  const io = { cwd: '/', out: () => {}, err: (l: string) => lines.push(l), color };
  printDiagnostics(io, [diagnostic], new Map([['spec/a.yaml', source]]), { brief });
  return lines;
}

test('plain: the one-line form, then the line and a caret under the column', () => {
  assert.equal(printed(false), [
    'spec/a.yaml:2:7: error unknown-tag: unknown tag "x"; declared: a, b',
    '2 | tags: [x]\n  |       ^',
  ]);
});

test('--brief drops the code frame', () => {
  assert.equal(printed(false, true), ['spec/a.yaml:2:7: error unknown-tag: unknown tag "x"; declared: a, b']);
});

test('colored: the same text once the escapes are taken out, with the severity in red', () => {
  const lines = printed(true);
  assert.ok(
    lines.every((l) => l.includes(ESC)),
    'every line is styled',
  );
  assert.ok(lines[0]?.includes(`${ESC}31merror${ESC}39m`), 'severity in red');
  const plain = lines.map((l) =>
    l
      .split(ESC)
      .map((part, i) => (i === 0 ? part : part.replace(/^\d+m/, '')))
      .join(''),
  );
  assert.equal(plain, printed(false));
});

test('the help text lists every declared option, with its default', () => {
  const help = usage();
  for (const name of Object.keys(OPTIONS)) assert.ok(help.includes(`--${name}`), `--${name} in the help`);
  assert.match(help, /--spec DIR\s+Spec folder \(default: spec\)/);
});

test('validate against a broken spec prints the diagnostics with their code frames', async () => {
  const spec = copySpec();
  appendFileSync(join(spec, 'catalog.yaml'), 'bogusKey: 1\n');
  const event = join(tempDir(), 'event.json');
  writeFileSync(event, '{}');
  const run = await runCli(['validate', event, '--spec', spec]);
  assert.is(run.code, 2);
  assert.match(run.stderr, /catalog\.yaml:\d+:1: error spec-format: .*bogusKey/);
  assert.match(run.stderr, /\d+ \| bogusKey: 1\n\s+\| \^/);
  assert.not.ok(run.stderr.includes(ESC), 'no colors into a pipe');
});

test.run();
