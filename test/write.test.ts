/**
 * The write and check stages: only changed files are touched, drift is reported by kind, a failure at any
 * point leaves the output folder as it was, and a folder the tool did not write is never cleaned.
 */

import * as nodeFs from 'node:fs';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { type WriteFs, writeWithStat } from '../generator/write/file-bytes.js';
import { GENERATED_DIR, mtimes, realOutput, runCli, SPEC_DIR, snapshotDir, tempDir } from './helpers.js';
import { findDrift, writeOutput } from './write-helpers.js';

const { files } = await realOutput();

async function generatedCopy(): Promise<{ root: string; out: string }> {
  const root = tempDir();
  const out = join(root, 'generated');
  const run = await runCli(['generate', '--spec', SPEC_DIR, '--out', out], root);
  assert.is(run.code, 0, run.stderr);
  return { root, out };
}

test("the repository's generated/ is exactly what the spec produces", () => {
  assert.equal(findDrift(GENERATED_DIR, files), { stale: [], missing: [], orphaned: [] });
});

test('a second generate writes nothing and keeps modification times', async () => {
  const { root, out } = await generatedCopy();
  const before = mtimes(out);
  const cached = await runCli(['generate', '--spec', SPEC_DIR, '--out', out], root);
  assert.is(cached.code, 0);
  assert.match(cached.stdout, /up to date, nothing to write/);
  const full = await runCli(['generate', '--spec', SPEC_DIR, '--out', out, '--no-cache'], root);
  assert.match(full.stdout, / 0 written, 0 removed, \d+ unchanged/);
  assert.equal(mtimes(out), before);
});

test('the no-op fast path is never fooled: a changed spec or output runs in full', async () => {
  const root = tempDir();
  const spec = join(root, 'spec');
  cpSync(SPEC_DIR, spec, { recursive: true });
  const out = join(root, 'generated');
  assert.is((await runCli(['generate', '--spec', spec, '--out', out], root)).code, 0);
  const file = join(spec, 'families', 'state-change.yaml');
  writeFileSync(
    file,
    readFileSync(file, 'utf8').replace('en: Instance state change', 'en: Instance state changed'),
  );
  const changed = await runCli(['generate', '--spec', spec, '--out', out], root);
  assert.match(changed.stdout, / [1-9]\d* written/);
  assert.match(readFileSync(join(out, 'docs/index.md'), 'utf8'), /Instance state changed/);
  writeFileSync(join(out, 'schemas/index.json'), '{}\n');
  const check = await runCli(['check', '--spec', spec, '--out', out], root);
  assert.is(check.code, 1);
  assert.match(check.stderr, /stale\s+generated\/schemas\/index\.json/);
});

test('the fast path compares the newest files by content: an edit that keeps size and time is seen', async () => {
  const { root, out } = await generatedCopy();
  const args = ['generate', '--spec', SPEC_DIR, '--out', out];
  // Every file gets the same time, as if written within one tick of a coarse clock; the next run, which
  // finds the times changed, writes nothing and records them.
  const when = new Date('2020-01-01T00:00:00Z');
  for (const path of snapshotDir(out).keys()) nodeFs.utimesSync(join(out, path), when, when);
  assert.match((await runCli(args, root)).stdout, / 0 written, 0 removed, \d+ unchanged/);
  assert.match((await runCli(args, root)).stdout, /up to date, nothing to write/);
  // New bytes, with the size and the time (and the inode) of the old ones.
  const file = join(out, 'schemas/index.json');
  const text = readFileSync(file, 'utf8');
  const edited = text.replace('"', "'");
  assert.is.not(edited, text);
  writeFileSync(file, edited);
  nodeFs.utimesSync(file, when, when);
  const run = await runCli(args, root);
  assert.match(run.stdout, / 1 written, 0 removed/);
  assert.is(readFileSync(file, 'utf8'), text);
});

test('a large file is compared to its last byte: one byte changed past the first MiB is stale', () => {
  const out = join(tempDir(), 'out');
  mkdirSync(out);
  // Several MiB of mixed one- and three-byte characters: the compared pieces never align with characters.
  const text = '事件 event 通知 notification '.repeat(150_000);
  writeFileSync(join(out, 'big.txt'), text);
  const files = new Map([['big.txt', text]]);
  assert.equal(findDrift(out, files).stale, []);
  const bytes = Buffer.from(text);
  const at = bytes.indexOf('n', 3 * 2 ** 20 + 5);
  bytes[at] = 'N'.charCodeAt(0);
  writeFileSync(join(out, 'big.txt'), bytes);
  assert.equal(findDrift(out, files).stale, ['big.txt']);
  writeFileSync(join(out, 'big.txt'), `${text}x`);
  assert.equal(findDrift(out, files).stale, ['big.txt']);
});

test('a file given as pieces is written and compared as its text, past the 4 MiB buffer too', () => {
  const out = join(tempDir(), 'out');
  mkdirSync(out);
  const text = '事件 event 通知 notification '.repeat(250_000);
  // Texts and bytes of uneven lengths, cut between characters (the bytes of a text, anywhere).
  const pieces: (string | Uint8Array)[] = [];
  for (let at = 0, n = 0; at < text.length; n++) {
    const piece = text.slice(at, at + 1 + ((n * 7919) % 300_000));
    pieces.push(n % 2 === 0 ? piece : Buffer.from(piece));
    at += piece.length;
  }
  assert.ok(pieces.length > 20);
  const path = join(out, 'pieces.txt');
  const stat = writeWithStat(path, pieces);
  const bytes = Buffer.from(text);
  assert.ok(bytes.length > 4 * 2 ** 20);
  assert.equal(readFileSync(path), bytes);
  assert.is(stat.size, bytes.length);
  const files = new Map([['pieces.txt', pieces]]);
  assert.equal(findDrift(out, files).stale, []);
  const changed = Buffer.from(bytes);
  changed[changed.indexOf('n', 4 * 2 ** 20 + 3)] = 'N'.charCodeAt(0);
  writeFileSync(path, changed);
  assert.equal(findDrift(out, files).stale, ['pieces.txt']);
});

/**
 * Runs `action` with node's fs.writeSync replaced by `write` (for the toolkit's own `import * as fs` too:
 * syncBuiltinESMExports updates the bindings of node's modules).
 */
function withWriteSync(write: typeof nodeFs.writeSync, action: () => void): void {
  const fs = createRequire(import.meta.url)('node:fs') as typeof nodeFs;
  const original = fs.writeSync;
  fs.writeSync = write;
  syncBuiltinESMExports();
  try {
    action();
  } finally {
    fs.writeSync = original;
    syncBuiltinESMExports();
  }
}

test('a short write is continued until every byte is written, and a failing one throws', () => {
  const dir = tempDir();
  const path = join(dir, 'short.txt');
  const text = '一二三 four five six seven eight nine ten'.repeat(100);
  const bytes = Buffer.from(text);
  const original = nodeFs.writeSync;
  const calls: number[] = [];
  // At most 7 bytes per call, as a file system that is filling up may do.
  const short = (fd: number, b: Uint8Array, offset: number, length: number) => {
    calls.push(offset);
    return original(fd, b, offset, Math.min(7, length));
  };
  withWriteSync(short as typeof nodeFs.writeSync, () => writeWithStat(path, text));
  assert.equal(readFileSync(path), bytes);
  assert.is(calls.length, Math.ceil(bytes.length / 7));
  const full = () => {
    throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
  };
  withWriteSync(full, () => assert.throws(() => writeWithStat(path, text), /ENOSPC/));
});

test('check names stale, missing and orphaned files and exits 1; generate repairs them', async () => {
  const { root, out } = await generatedCopy();
  const args = ['check', '--spec', SPEC_DIR, '--out', out];
  assert.is((await runCli(args, root)).code, 0);
  writeFileSync(join(out, 'schemas/index.json'), '{}\n');
  unlinkSync(join(out, 'schemas/events.schema.json'));
  writeFileSync(join(out, 'schemas/extra.json'), '{}\n');
  const run = await runCli(args, root);
  assert.is(run.code, 1);
  assert.match(run.stderr, /stale\s+generated\/schemas\/index\.json/);
  assert.match(run.stderr, /missing\s+generated\/schemas\/events\.schema\.json/);
  assert.match(run.stderr, /orphaned\s+generated\/schemas\/extra\.json/);
  assert.match(run.stderr, /1 stale, 1 missing, 1 orphaned/);
  const fix = await runCli(['generate', '--spec', SPEC_DIR, '--out', out], root);
  assert.match(fix.stdout, / 2 written, 1 removed,/);
  assert.is((await runCli(args, root)).code, 0);
});

/** A file system that fails the nth call of one operation with ENOSPC. */
function failingFs(operation: 'writeFileSync' | 'renameSync', failAt: number): WriteFs {
  let calls = 0;
  const fail = () => {
    calls++;
    if (calls === failAt) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
  };
  return {
    writeFileSync: (p, d) => {
      if (operation === 'writeFileSync') fail();
      return writeWithStat(p, d);
    },
    renameSync: (a, b) => {
      if (operation === 'renameSync') fail();
      nodeFs.renameSync(a, b);
    },
    unlinkSync: nodeFs.unlinkSync,
    mkdirSync: nodeFs.mkdirSync,
    rmdirSync: nodeFs.rmdirSync,
  };
}

test('a write or rename that fails midway leaves the output folder byte-identical', async () => {
  const { out } = await generatedCopy();
  writeFileSync(join(out, 'schemas/index.json'), '{"edited": true}\n');
  rmSync(join(out, 'schemas/strict'), { recursive: true });
  writeFileSync(join(out, 'schemas/orphan.json'), '{}\n');
  const before = snapshotDir(out);
  for (const [operation, failAt] of [
    ['writeFileSync', 1],
    ['writeFileSync', 5],
    ['renameSync', 1],
    ['renameSync', 4],
    ['renameSync', 9],
  ] as const) {
    assert.ok(findDrift(out, files).missing.length > 5, 'many files to write');
    assert.throws(
      () => writeOutput(out, files, failingFs(operation, failAt)),
      (e: Error) => /ENOSPC/.test(e.message) && e.message.includes(out) && /is unchanged/.test(e.message),
    );
    assert.equal(snapshotDir(out), before, `${operation} #${failAt}`);
    assert.not.ok(existsSync(join(out, 'schemas/strict')), 'folders created by the failed run are removed');
  }
});

test('a failed write into a folder that did not exist leaves no folder behind', () => {
  const out = join(tempDir(), 'generated');
  assert.throws(() => writeOutput(out, files, failingFs('renameSync', 1)), /ENOSPC/);
  assert.not.ok(existsSync(out));
});

test('an output folder that ecs-events did not write is not cleaned without --force', async () => {
  const root = tempDir();
  const out = join(root, 'mine');
  mkdirSync(out);
  writeFileSync(join(out, 'notes.txt'), 'keep me\n');
  const run = await runCli(['generate', '--spec', SPEC_DIR, '--out', out], root);
  assert.is(run.code, 2);
  assert.match(run.stderr, /no \.generated marker/);
  assert.is(readFileSync(join(out, 'notes.txt'), 'utf8'), 'keep me\n');
  const forced = await runCli(['generate', '--spec', SPEC_DIR, '--out', out, '--force'], root);
  assert.is(forced.code, 0);
  assert.not.ok(existsSync(join(out, 'notes.txt')));
});

test.run();
