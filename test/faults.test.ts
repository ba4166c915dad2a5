/**
 * Fault injection: an emitter that throws, writes that fail midway in several ways, and two runs started
 * at once on one output folder. Afterwards the output folder is byte-identical to before (or correct), and
 * the error says what failed.
 */
import { spawn } from 'node:child_process';
import * as nodeFs from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EMITTERS } from '../generator/emit/index.js';
import { writeCatalog } from '../generator/write/catalog.js';
import { type WriteFs, writeWithStat } from '../generator/write/file-bytes.js';
import { generateFiles, ROOT, realOutput, runCli, SPEC_DIR, snapshotDir, tempDir } from './helpers.js';
import { tally } from './tally.js';
import { writeOutput } from './write-helpers.js';

const { catalog, files } = await realOutput();

test('an emitter that throws: the run fails naming the emitter, and nothing is written', async () => {
  const broken = [
    ...EMITTERS.slice(0, 2),
    {
      name: 'exploding',
      emit: () => {
        throw new Error('boom');
      },
    },
  ];
  try {
    await generateFiles(SPEC_DIR, 'spec', broken);
    assert.unreachable('the run should fail');
  } catch (error) {
    assert.match((error as Error).message, /emitter "exploding" failed: boom/);
  }
  tally('faults');
});

/** An emitter of one file whose pieces are made as the write stage takes them, counting the passes. */
function lazyEmitter(pieces: () => Iterable<string>) {
  const counts = { passes: 0 };
  const emitter = {
    name: 'lazy',
    emit: () =>
      new Map([
        [
          'lazy.txt',
          {
            *[Symbol.iterator]() {
              counts.passes++;
              yield* pieces();
            },
          },
        ],
      ]),
  };
  return { emitter, counts };
}

const marker = EMITTERS.filter((e) => e.name === 'marker');

test('pieces made as the write stage takes them: written, compared, rewritten when they change', async () => {
  const out = join(tempDir(), 'generated');
  const write = async (parts: string[]) => {
    const { emitter, counts } = lazyEmitter(() => parts);
    const result = await writeCatalog(catalog, out, false, [...marker, emitter], { parallel: false });
    return {
      written: result.written,
      passes: counts.passes,
      text: nodeFs.readFileSync(join(out, 'lazy.txt'), 'utf8'),
    };
  };
  assert.equal(await write(['事件', ' and ', 'more']), { written: 2, passes: 1, text: '事件 and more' });
  const before = nodeFs.statSync(join(out, 'lazy.txt')).mtimeMs;
  assert.equal(
    await write(['事件 and', ' more']),
    { written: 0, passes: 1, text: '事件 and more' },
    'same bytes',
  );
  assert.is(nodeFs.statSync(join(out, 'lazy.txt')).mtimeMs, before, 'an unchanged file is not rewritten');
  // Made once for the comparison and the write alike, longer or shorter than the file they replace.
  assert.equal(await write(['事件 and more', '!']), { written: 1, passes: 1, text: '事件 and more!' });
  assert.equal(await write(['事件']), { written: 1, passes: 1, text: '事件' });
  tally('faults');
});

test('pieces that fail as the write stage takes them: the emitter is named, and the folder is unchanged', async () => {
  const out = join(tempDir(), 'generated');
  assert.is((await runCli(['generate', '--spec', SPEC_DIR, '--out', out])).code, 0);
  const before = snapshotDir(out);
  const { emitter } = lazyEmitter(function* () {
    yield 'a first piece';
    throw new Error('boom');
  });
  for (const parallel of [false, true]) {
    try {
      await writeCatalog(catalog, out, false, [...EMITTERS, emitter], { parallel });
      assert.unreachable('the run should fail');
    } catch (error) {
      assert.is((error as Error).message, 'emitter "lazy" failed: boom');
    }
    assert.equal(snapshotDir(out), before);
  }
  tally('faults');
});

function failing(code: string, operation: keyof WriteFs, at: number): WriteFs {
  let calls = 0;
  const wrap =
    <A extends unknown[], R>(name: keyof WriteFs, fn: (...args: A) => R) =>
    (...args: A): R => {
      if (name === operation && ++calls === at) throw Object.assign(new Error(`simulated ${code}`), { code });
      return fn(...args);
    };
  return {
    writeFileSync: wrap('writeFileSync', writeWithStat),
    renameSync: wrap('renameSync', nodeFs.renameSync),
    unlinkSync: wrap('unlinkSync', nodeFs.unlinkSync),
    mkdirSync: wrap('mkdirSync', nodeFs.mkdirSync) as WriteFs['mkdirSync'],
    rmdirSync: wrap('rmdirSync', nodeFs.rmdirSync),
  };
}

test('read-only, full or vanishing targets midway leave the folder byte-identical', async () => {
  const out = join(tempDir(), 'generated');
  assert.is((await runCli(['generate', '--spec', SPEC_DIR, '--out', out])).code, 0);
  nodeFs.writeFileSync(join(out, 'docs/index.md'), 'edited\n');
  nodeFs.rmSync(join(out, 'fixtures/invalid'), { recursive: true });
  nodeFs.writeFileSync(join(out, 'orphan.txt'), 'orphan\n');
  const before = snapshotDir(out);
  for (const [code, operation, at] of [
    ['EROFS', 'writeFileSync', 1],
    ['EACCES', 'mkdirSync', 3],
    ['ENOSPC', 'writeFileSync', 60],
    ['EIO', 'renameSync', 1],
    ['ENOENT', 'renameSync', 50],
    ['EXDEV', 'renameSync', 70],
  ] as const) {
    assert.throws(
      () => writeOutput(out, files, failing(code, operation, at)),
      (e: Error) => e.message.includes(code) && e.message.includes('is unchanged'),
    );
    assert.equal(snapshotDir(out), before, `${code} at ${operation} #${at}`);
    tally('faults');
  }
});

function run(args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'dist/generator/cli/main.js'), ...args], { cwd: ROOT });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('close', (code) => resolve({ code: code ?? -1, stderr }));
  });
}

test('two generate runs started at once on one folder leave it correct', async () => {
  for (const prepare of ['empty', 'stale'] as const) {
    const out = join(tempDir(), 'generated');
    if (prepare === 'stale') {
      assert.is((await runCli(['generate', '--spec', SPEC_DIR, '--out', out])).code, 0);
      nodeFs.writeFileSync(join(out, 'schemas/index.json'), '{}\n');
      nodeFs.writeFileSync(join(out, 'orphan.json'), '{}\n');
    }
    const args = ['generate', '--spec', SPEC_DIR, '--out', out, '--no-cache'];
    const results = await Promise.all([run(args), run(args), run(args)]);
    for (const r of results) assert.is(r.code, 0, r.stderr);
    const written = snapshotDir(out);
    assert.equal([...written.keys()].sort(), [...files.keys()].sort(), prepare);
    for (const [path, text] of files)
      assert.is(Buffer.from(written.get(path) ?? '', 'latin1').toString('utf8'), text, path);
    assert.not.ok(nodeFs.existsSync(`${out}.ecs-events.lock`), 'the lock is released');
    tally('faults');
  }
});

test.run();
