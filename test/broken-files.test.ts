/**
 * Broken spec files that cannot be written as a test/invalid/<case>.yaml: empty, binary, not UTF-8, huge,
 * deeply nested, alias bombs, references and symlinks that leave the spec folder, unreadable files. Each is
 * added to a copy of the minimal golden spec and must produce exactly the listed diagnostics, exit 1 for a
 * broken spec (2 when a file cannot be read at all), print no stack trace, and leave generated/ as it was.
 */
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  cpSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadSpec, MAX_FILE_BYTES } from '../generator/load/spec.js';
import { caseFamily, ROOT, runCli, snapshotDir, tempDir } from './helpers.js';

const BASE = join(ROOT, 'test', 'golden', 'minimal', 'spec');
const DIAGNOSTIC = /^(\S+:\d+:\d+|\S+): error ([a-z-]+): /;
const STACK = /^\s+at .+:\d+:\d+\)?$|internal error/m;
const CASE = 'spec/families/case.yaml';

/** The diagnostics of a --brief run as "file:line:col code" (as in test/broken-specs.test.ts). */
function diagnosticLines(stderr: string): string[] {
  return stderr
    .split('\n')
    .map((line) => DIAGNOSTIC.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => `${m[1]} ${m[2]}`);
}

/** Generates the minimal spec, lets `setup` break the copy, then generates again. */
async function broken(setup: (spec: string, root: string) => void) {
  const root = tempDir();
  const spec = join(root, 'spec');
  cpSync(BASE, spec, { recursive: true });
  const first = await runCli(['generate'], root);
  assert.is(first.code, 0, first.stderr);
  const before = snapshotDir(join(root, 'generated'));
  setup(spec, root);
  const started = Date.now();
  const run = await runCli(['generate', '--brief'], root);
  const ms = Date.now() - started;
  return {
    run,
    ms,
    lines: diagnosticLines(run.stderr),
    unchanged: () => snapshotDir(join(root, 'generated')),
    before,
  };
}

type Run = Awaited<ReturnType<typeof broken>>;

/** The common contract: exit code, no stack trace, nothing written, at least one diagnostic. */
function assertRefused(r: Run, code: 1 | 2): void {
  const output = `${r.run.stdout}\n${r.run.stderr}`;
  assert.not.match(output, STACK, 'no stack trace or internal error');
  assert.is(r.run.code, code, r.run.stderr);
  assert.ok(r.lines.length > 0, 'at least one diagnostic');
  assert.match(r.run.stderr, /nothing was written/);
  assert.equal(r.unchanged(), r.before, 'generated/ is untouched');
}

async function expectDiagnostics(setup: Parameters<typeof broken>[0], code: 1 | 2, lines: string[]) {
  const r = await broken(setup);
  assert.equal(r.lines, lines, r.run.stderr);
  assertRefused(r, code);
  return r;
}

const put = (spec: string, path: string, contents: string | Buffer) => {
  mkdirSync(join(spec, path, '..'), { recursive: true });
  writeFileSync(join(spec, path), contents);
};
const families = (spec: string) => join(spec, 'families');

const family = caseFamily;

/** A family whose one example is read from `ref` (the "file:" value is at line 20, column 11). */
const exampleFile = (ref: string) =>
  family(`examples:
  - id: ref
    title: { zh: 例, en: Ref }
    source: doc#widgets
    expect: valid
    file: ${ref}
`);

test('an empty file and a file with only comments', async () => {
  for (const text of ['', '# nothing\n\n# here\n']) {
    await expectDiagnostics((s) => put(s, 'families/case.yaml', text), 1, [`${CASE}:1:1 spec-format`]);
  }
});

test('a binary file (NUL bytes), UTF-16 and invalid UTF-8 are not text', async () => {
  const binary = Buffer.from([0x6b, 0x69, 0x6e, 0x64, 0x3a, 0x00, 0x01, 0xff, 0xfe]);
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(family(), 'utf16le')]);
  const latin1 = Buffer.concat([Buffer.from('kind: family\nid: ca'), Buffer.from([0xc3, 0x28, 0xe9, 0x0a])]);
  for (const bytes of [binary, utf16, latin1]) {
    await expectDiagnostics((s) => put(s, 'families/case.yaml', bytes), 1, [`${CASE} not-text`]);
  }
});

test('a byte order mark and CRLF line endings do not shift positions', async () => {
  const text = family('', 'case-id');
  const expected = [`${CASE}:11:13 unknown-format`];
  await expectDiagnostics((s) => put(s, 'families/case.yaml', text), 1, expected);
  await expectDiagnostics((s) => put(s, 'families/case.yaml', `\ufeff${text}`), 1, expected);
  await expectDiagnostics((s) => put(s, 'families/case.yaml', text.replace(/\n/g, '\r\n')), 1, expected);
});

/** Writes families/case.yaml of `size` bytes: YAML comment lines, or a sparse file of NUL bytes. */
function bigFile(spec: string, size: number, sparse: boolean): void {
  const fd = openSync(join(families(spec), 'case.yaml'), 'w');
  const chunk = Buffer.from(
    '# padding padding padding padding padding padding padding padding\n'.repeat(16384),
  );
  if (sparse) ftruncateSync(fd, size);
  else for (let written = 0; written < size; written += chunk.length) writeSync(fd, chunk);
  closeSync(fd);
}

test('a file over MAX_FILE_BYTES (64 MiB) is refused', async () => {
  const size = MAX_FILE_BYTES + 1024 * 1024;
  await expectDiagnostics((s) => bigFile(s, size, false), 1, [`${CASE} file-too-large`]);
});

test('a huge (sparse, 3 GiB) file is refused by its size, before it is read', async () => {
  await expectDiagnostics((s) => bigFile(s, 3 * 1024 ** 3, true), 1, [`${CASE} file-too-large`]);
});

const deepFlow = `kind: family\nid: case\nnote: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`;
let deepBlock = 'kind: family\nid: case\nnote:\n';
for (let i = 1; i <= 3000; i++) deepBlock += `${' '.repeat(i)}k${i}:\n`;
deepBlock += `${' '.repeat(3001)}leaf\n`;

/** Runs `f` with `frames` stack frames already in use, as a caller deep in a CI runner would. */
function withStackUsed<T>(frames: number, f: () => T): T {
  return frames === 0 ? f() : withStackUsed(frames - 1, f);
}

for (const [name, text, line] of [
  ['10,000 nested flow sequences', deepFlow, /:3:\d+$/],
  ['3,000 nested block mappings', deepBlock, /:\d+:\d+$/],
] as const) {
  test(`deep nesting: ${name} give one diagnostic, the same however much stack is in use`, async () => {
    const r = await broken((s) => put(s, 'families/case.yaml', text));
    assert.is(r.lines.length, 1, r.run.stderr);
    const [where, code] = (r.lines[0] as string).split(' ');
    assert.is(code, 'yaml-syntax');
    assert.ok(where?.startsWith(`${CASE}:`) && line.test(where), where);
    assertRefused(r, 1);
    // The diagnostic must not depend on the stack depth left to the YAML parser (Node version, runner).
    const dir = join(tempDir(), 'spec');
    put(dir, 'case.yaml', text);
    const at = (frames: number) =>
      withStackUsed(frames, () =>
        loadSpec(dir, 'spec').diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`),
      );
    const top = at(0);
    for (const frames of [1000, 4000]) assert.equal(at(frames), top, `with ${frames} frames in use`);
  });
}

/** The line and column of a diagnostic must point at an alias ("*name") of the text. */
function assertAtAlias(text: string, where: string): void {
  const [, line, column] = /:(\d+):(\d+)$/.exec(where) ?? [];
  const row = text.split('\n')[Number(line) - 1] ?? '';
  assert.is(row.charAt(Number(column) - 1), '*', `${where} points at an alias: ${JSON.stringify(row)}`);
}

test('an alias bomb ("billion laughs") is refused at an alias', async () => {
  let text = 'kind: family\nid: case\nlaugh0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
  for (let i = 1; i <= 10; i++)
    text += `laugh${i}: &a${i} [${Array(9)
      .fill(`*a${i - 1}`)
      .join(', ')}]\n`;
  text += 'note: *a10\n';
  const r = await broken((s) => put(s, 'families/case.yaml', text));
  assert.is(r.lines.length, 1, r.run.stderr);
  assert.match(r.lines[0] as string, new RegExp(`^${CASE}:\\d+:\\d+ yaml-syntax$`));
  assertAtAlias(text, (r.lines[0] as string).split(' ')[0] as string);
  assertRefused(r, 1);
});

test('many plain aliases are fine up to the alias limit, then refused at an alias', async () => {
  const text = `kind: family\nid: case\nx: &a v\nlist:\n${'  - *a\n'.repeat(6000)}`;
  const r = await broken((s) => put(s, 'families/case.yaml', text));
  assert.is(r.lines.length, 1, r.run.stderr);
  assertAtAlias(text, (r.lines[0] as string).split(' ')[0] as string);
  assertRefused(r, 1);
});

test('an example file outside the spec folder: relative and absolute', async () => {
  for (const ref of ['../../../etc/passwd', '/etc/passwd', '../../generated/package.json']) {
    await expectDiagnostics((s) => put(s, 'families/case.yaml', exampleFile(ref)), 1, [
      `${CASE}:20:11 ref-outside-spec`,
    ]);
  }
});

test('an example file that is a symlink to a file outside the spec folder', async () => {
  await expectDiagnostics(
    (s, root) => {
      const event = '{"name": "Case:Happened", "level": "INFO", "content": {"caseId": "c-1"}}';
      writeFileSync(join(root, 'outside.json'), event);
      put(s, 'families/case.yaml', exampleFile('examples/case.json'));
      mkdirSync(join(families(s), 'examples'));
      symlinkSync(join(root, 'outside.json'), join(families(s), 'examples', 'case.json'));
    },
    1,
    [`${CASE}:20:11 ref-outside-spec`],
  );
});

// A spec file is read only from inside the spec folder, like an example file: a symlink that leads out of
// it (to a shared checkout, or to a secret that a diagnostic would then quote) is refused, not followed.
test('a spec file that is a symlink to a file outside the spec folder', async () => {
  await expectDiagnostics(
    (s, root) => {
      writeFileSync(join(root, 'outside.yaml'), family());
      symlinkSync(join(root, 'outside.yaml'), join(families(s), 'case.yaml'));
    },
    1,
    [`${CASE} ref-outside-spec`],
  );
});

test('a symlink inside the spec folder to another spec file is followed', async () => {
  await expectDiagnostics(
    (s) => {
      put(s, 'shared/case.yaml.txt', family('', 'case-id'));
      symlinkSync('../shared/case.yaml.txt', join(families(s), 'case.yaml'));
    },
    1,
    [`${CASE}:11:13 unknown-format`],
  );
});

test('a spec folder given through a symlink loads as the folder itself', () => {
  const root = tempDir();
  cpSync(BASE, join(root, 'spec'), { recursive: true });
  symlinkSync(join(root, 'spec'), join(root, 'link'));
  const files = (dir: string) => {
    const r = loadSpec(dir, 'spec');
    assert.equal(r.diagnostics, []);
    return r.files.map((f) => [f.displayPath, f.data]);
  };
  const direct = files(join(root, 'spec'));
  assert.ok(direct.length > 1);
  assert.equal(files(join(root, 'link')), direct);
});

test('a dangling symlink and a symlink loop are I/O errors (exit 2), reported once', async () => {
  for (const [target, errno] of [
    ['missing.yaml', 'ENOENT'],
    ['case.yaml', 'ELOOP'],
  ] as const) {
    const r = await expectDiagnostics((s) => symlinkSync(target, join(families(s), 'case.yaml')), 2, [
      `${CASE} io-error`,
    ]);
    assert.match(r.run.stderr, new RegExp(`cannot read: ${errno}: `));
    assert.not.match(r.run.stderr, new RegExp(`${errno}: ${errno}`), 'the error code is not repeated');
  }
});

test('a FIFO named like a spec file is an I/O error, not waited on', async () => {
  const r = await expectDiagnostics((s) => execFileSync('mkfifo', [join(families(s), 'case.yaml')]), 2, [
    `${CASE} io-error`,
  ]);
  assert.match(r.run.stderr, /not a regular file/);
});

test('an unreadable file (chmod 000) is an I/O error', async () => {
  const probe = join(tempDir(), 'probe.yaml');
  writeFileSync(probe, 'x');
  chmodSync(probe, 0);
  let readable = false;
  try {
    readFileSync(probe);
    readable = true;
  } catch {}
  if (readable) {
    console.log('  skipped: running as root, chmod 000 does not prevent reading (unreadable-file case)');
    return;
  }
  await expectDiagnostics(
    (s) => {
      put(s, 'families/case.yaml', family());
      chmodSync(join(families(s), 'case.yaml'), 0);
    },
    2,
    [`${CASE} io-error`],
  );
});

test.run();
