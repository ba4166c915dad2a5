/**
 * `ecs-events validate`: valid, invalid, unknown-name, malformed, empty, mixed NDJSON and stdin input, text
 * and --json output, --strict, and exit codes 0 (all valid), 1 (some invalid), 2 (usage or I/O error).
 */
import { spawn } from 'node:child_process';
import { createReadStream, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { main } from '../generator/cli/main.js';
import { type CheckerData, createChecker } from '../generator/events/checker.js';
import { runtimeData } from '../generator/events/data.js';
import { formsData } from '../generator/events/forms-data.js';
import { checkingWith, checkLine, formatReport, validateInput } from '../generator/events/inputs.js';
import { validateSplit } from '../generator/events/split.js';
import { GENERATED_DIR, ROOT, realOutput, tempDir } from './helpers.js';

const { files } = await realOutput();
const fixture = (path: string) => JSON.parse(files.get(`fixtures/${path}`) ?? 'null');
const valid = fixture('valid/instance-state-change.complete.json');
const scheduled = fixture('valid/instance-system-maintenance-reboot-scheduled.minimal.json');
const dir = tempDir();
const write = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return name;
};

async function validate(args: string[], stdin?: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['validate', '--spec', join(ROOT, 'spec'), ...args], {
    cwd: dir,
    ...(stdin !== undefined ? { stdin: Readable.from([stdin]) } : {}),
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

test('a valid event file: OK with its name, exit 0', async () => {
  const run = await validate([write('one.json', JSON.stringify(valid, null, 2))]);
  assert.is(run.code, 0, run.stderr);
  assert.match(run.stdout, /^one\.json:1: OK Instance:StateChange$/m);
  assert.match(run.stdout, /1 event: 1 valid, 0 invalid/);
});

test('an invalid event: its errors with JSON paths and what was expected, exit 1', async () => {
  const { notBefore: _, ...content } = scheduled.content;
  const bad = { ...scheduled, level: 'DEBUG', content };
  const run = await validate([write('bad.json', JSON.stringify(bad))]);
  assert.is(run.code, 1);
  assert.match(run.stdout, /bad\.json:1: INVALID Instance:SystemMaintenance\.Reboot:Scheduled/);
  assert.match(run.stdout, /\/content\/notBefore: is required \(required\)/);
  assert.match(run.stdout, /\/level: "DEBUG" is not one of "INFO", "WARN", "CRITICAL" \(enum\)/);
});

test('an unknown name is reported as such', async () => {
  const run = await validate([
    write('unknown.json', JSON.stringify({ ...valid, name: 'Instance:Teleported' })),
  ]);
  assert.is(run.code, 1);
  assert.match(run.stdout, /UNKNOWN notification name "Instance:Teleported"/);
  assert.match(run.stdout, /1 unknown name/);
});

test('malformed JSON gives the line and column', async () => {
  const doc = await validate([
    write('broken.json', '{\n  "name": "Instance:StateChange",\n  "level": INFO\n}\n'),
  ]);
  assert.is(doc.code, 1);
  assert.match(doc.stdout, /^broken\.json:3:12: MALFORMED JSON: /m);
  const lines = await validate([write('broken.ndjson', `${JSON.stringify(valid)}\n{"name": oops}\n`)]);
  assert.match(lines.stdout, /^broken\.ndjson:2:10: MALFORMED JSON: /m);
});

test('an empty input is reported and is not a success', async () => {
  const run = await validate([write('empty.json', '\n\n')]);
  assert.is(run.code, 1);
  assert.match(run.stdout, /empty\.json: EMPTY: no event in the input/);
});

test('mixed NDJSON is streamed line by line, blank lines skipped, each event reported', async () => {
  const text = [
    JSON.stringify(valid),
    '',
    JSON.stringify({ ...valid, level: 'LOUD' }),
    JSON.stringify({ ...valid, name: 'X:Y' }),
    '{',
    JSON.stringify([valid, scheduled]),
  ].join('\n');
  const run = await validate([write('mixed.ndjson', text), '--json']);
  assert.is(run.code, 1);
  const lines = run.stdout.split('\n').map((l) => JSON.parse(l));
  const summary = lines.pop();
  assert.equal(
    lines.map((l) => [l.line, l.index, l.status]),
    [
      [1, undefined, 'valid'],
      [3, undefined, 'invalid'],
      [4, undefined, 'unknown'],
      [5, undefined, 'malformed'],
      [6, 0, 'valid'],
      [6, 1, 'valid'],
    ],
  );
  assert.equal(lines[1].errors, [
    { path: '/level', keyword: 'enum', message: '"LOUD" is not one of "INFO", "WARN", "CRITICAL"' },
  ]);
  assert.equal(summary, {
    summary: { total: 6, valid: 3, invalid: 1, unknown: 1, malformed: 1, empty: 0, warned: 0 },
  });
});

test('stdin with -', async () => {
  const run = await validate(['-'], `${JSON.stringify(valid)}\n${JSON.stringify(scheduled)}\n`);
  assert.is(run.code, 0, run.stdout);
  assert.match(run.stdout, /^<stdin>:2: OK Instance:SystemMaintenance\.Reboot:Scheduled$/m);
});

test('--strict rejects fields the catalog does not list', async () => {
  const name = write('extra.json', JSON.stringify({ ...valid, regionName: '华东1（杭州）' }));
  assert.is((await validate([name])).code, 0);
  const strict = await validate([name, '--strict']);
  assert.is(strict.code, 1);
  assert.match(
    strict.stdout,
    /\/regionName: is not a known field \(strict schema\) \(additionalProperties\)/,
  );
});

test('globs expand to files in order; the generated fixtures validate as declared', async () => {
  const run = await validate([join(GENERATED_DIR, 'fixtures/valid/*.json')]);
  assert.is(run.code, 0, run.stdout.slice(-500));
  // Two fixtures per name: the minimal and the complete event.
  const count = (await realOutput()).catalog.events.length * 2;
  assert.match(run.stdout, new RegExp(`${count} events: ${count} valid`));
});

test('usage and I/O errors exit 2', async () => {
  for (const args of [[], ['nope.json'], ['nothing/*.json'], ['.']]) {
    const run = await validate(args);
    assert.is(run.code, 2, args.join(' '));
    assert.match(run.stderr, /^ecs-events: /);
  }
});

test('a spec folder that is not there is said as such, not as a broken spec', async () => {
  const out: string[] = [];
  const err: string[] = [];
  const event = join(dir, 'event.json');
  writeFileSync(event, '{}');
  const code = await main(['validate', event], {
    cwd: tempDir(),
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  });
  assert.is(code, 2);
  assert.match(err.join('\n'), /spec folder not found: .*spec \(validate checks events against --spec\)/);
  assert.not.match(err.join('\n'), /has errors/);
});

test('a reader that goes away ends validate quietly (| head -1)', async () => {
  const lines = Array.from({ length: 20_000 }, () => '{"name":"Instance:NoSuchThing"}').join('\n');
  const child = spawn(
    process.execPath,
    [join(ROOT, 'dist/generator/cli/main.js'), 'validate', '-', '--json'],
    {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  // Like `head -1`: read the first chunk, then close the pipe.
  child.stdout.once('data', () => child.stdout.destroy());
  // The command may end before it has read all of its input: that pipe breaks on this side.
  child.stdin.on('error', () => {});
  child.stdin.end(lines);
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  assert.not.match(stderr, /EPIPE|\n\s+at /, 'no error and no stack trace');
  assert.ok(code === 0 || code === 1, `exit code ${code}`);
});

test('memory stays flat on a large NDJSON stream', async () => {
  // 120,000 events (about 60 MB) through a process whose heap is capped at 64 MB: buffering the input
  // would run out of memory; streaming does not.
  const line = `${JSON.stringify(valid)}\n`;
  const child = spawn(
    process.execPath,
    ['--max-old-space-size=64', join(ROOT, 'dist/generator/cli/main.js'), 'validate', '-', '--json'],
    {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let tail = '';
  child.stdout.on('data', (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-400);
  });
  const done = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
  const chunk = line.repeat(1000);
  for (let i = 0; i < 120; i++) {
    if (!child.stdin.write(chunk)) await new Promise((r) => child.stdin.once('drain', r));
  }
  child.stdin.end();
  assert.is(await done, 0, tail);
  assert.match(tail, /"total":120000,"valid":120000/);
});

test('output to a slow reader: the reading waits for the output, so nothing piles up in memory', async () => {
  // An output that can hold one batch at a time: after each write it asks to be waited for.
  const bad = JSON.stringify({ ...valid, content: { ...valid.content, state: 7 } });
  const name = write('backpressure.ndjson', `${bad}\n`.repeat(20_000));
  const out: string[] = [];
  let pending = false;
  let unwaited = 0;
  let mostUnwaited = 0;
  let waits = 0;
  const code = await main(['validate', '--spec', join(ROOT, 'spec'), name], {
    cwd: dir,
    out: (line) => {
      out.push(line);
      if (pending) mostUnwaited = Math.max(mostUnwaited, ++unwaited);
      pending = true;
    },
    err: () => {},
    drain: () => {
      if (!pending) return undefined;
      waits++;
      return new Promise((resolve) =>
        setTimeout(() => {
          pending = false;
          unwaited = 0;
          resolve();
        }, 0),
      );
    },
  });
  assert.is(code, 1);
  assert.match(out.at(-1) ?? '', /^20000 events: 0 valid, 20000 invalid/);
  assert.ok(out.length > 40, `${out.length} writes`);
  assert.ok(waits > 20, `${waits} waits`);
  // A chunk of input can fill a few batches before the next wait, never more.
  assert.ok(mostUnwaited <= 4, `${mostUnwaited} writes without waiting`);
});

test('two threads and a stalled output: nothing more is printed until it drains', async () => {
  const lines = Array.from({ length: 4000 }, () => JSON.stringify(valid));
  const name = write('stalled.ndjson', `${lines.join('\n')}\n`);
  const path = join(dir, name);
  const data = await checkerData();
  const engine = createChecker(data);
  let printed = 0;
  let stalled = false;
  let printedWhileStalled = 0;
  let stalls = 0;
  await validateSplit(
    { path, size: statSync(path).size, label: name, data, options: {}, json: false, blockBytes: 4096 },
    (label, line, text, emit) => checkLine(label, line, text, { checker: engine, options: {} }, emit),
    (text) => {
      if (text === '') return;
      printed++;
      if (stalled) printedWhileStalled++;
    },
    () => {
      // Every fifth wait, the output stalls for 20 ms.
      if (++stalls % 5 !== 0) return undefined;
      stalled = true;
      return new Promise((resolve) =>
        setTimeout(() => {
          stalled = false;
          resolve();
        }, 20),
      );
    },
  );
  assert.ok(printed > 100, `${printed} blocks`);
  assert.ok(stalls > 20, `${stalls} waits`);
  assert.is(printedWhileStalled, 0);
});

test('a large NDJSON file checked on two threads: the same reports, in the same order, as on one', async () => {
  // Every kind of line, blank lines, CRLF line ends and a last line without one, cut into small blocks.
  const bad = { ...valid, content: { ...valid.content, state: 7 } };
  const unknown = { ...valid, name: 'Instance:NoSuchThing' };
  const kinds = [JSON.stringify(valid), JSON.stringify(bad), '{"broken": ', '', JSON.stringify(unknown)];
  const lines = Array.from(
    { length: 3000 },
    (_, i) => `${kinds[i % kinds.length]}${i % 7 === 0 ? '\r' : ''}`,
  );
  const name = write('large.ndjson', `${JSON.stringify(scheduled)}\n${lines.join('\n')}`);
  const path = join(dir, name);
  const data = await checkerData();
  const checking = checkingWith(createChecker(data), {});
  for (const json of [false, true]) {
    const oneThread: string[] = [];
    await validateInput({ label: name, open: () => createReadStream(path) }, checking, (r) =>
      oneThread.push(json ? JSON.stringify(r) : formatReport(r)),
    );
    const printed: string[] = [];
    const counts = { valid: 0, invalid: 0, unknown: 0, malformed: 0, empty: 0 };
    await validateSplit(
      { path, size: statSync(path).size, label: name, data, options: {}, json, blockBytes: 4096 },
      (label, line, text, emit) => checkLine(label, line, text, checking, emit),
      (text, blockCounts) => {
        if (text !== '') printed.push(text);
        for (const k of Object.keys(counts) as (keyof typeof counts)[]) counts[k] += blockCounts[k];
      },
    );
    assert.ok(statSync(path).size > 4096 * 20, 'many blocks');
    assert.is(printed.join('\n'), oneThread.join('\n'));
    assert.equal(counts, { valid: 601, invalid: 600, unknown: 600, malformed: 600, empty: 0 });
  }
});

/** What the command gives the split's worker: the engine's table and the forms' (as cli/validate.ts). */
async function checkerData(): Promise<CheckerData> {
  const { catalog } = await realOutput();
  return { engine: runtimeData(catalog), forms: formsData(catalog) };
}

test.run();
